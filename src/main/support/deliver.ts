import type { ExportResult } from '../../preload/contract';

/**
 * Asks where to save a file and writes it there; resolves with the path, or null when the user
 * closed the dialog. Electron injects one built on its save dialog (src/main/windows/save-dialog.ts);
 * without one (the web host), files go back to the renderer as a download.
 */
export type SaveFile = (file: { filename: string; data: Uint8Array }) => Promise<string | null>;

export interface ExportFile {
  filename: string;
  mime: string;
  data: Uint8Array;
}

export async function deliver(file: ExportFile, saveFile: SaveFile | undefined): Promise<ExportResult> {
  const base = { filename: file.filename, bytes: file.data.byteLength };
  if (!saveFile) {
    return {
      ...base,
      savedTo: null,
      cancelled: false,
      content: { mime: file.mime, base64: Buffer.from(file.data).toString('base64') },
    };
  }
  const savedTo = await saveFile({ filename: file.filename, data: file.data });
  return { ...base, savedTo, cancelled: savedTo === null, content: null };
}
