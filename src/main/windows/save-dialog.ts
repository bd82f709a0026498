import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import type { SaveFile } from '../support/deliver';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.zip': { name: 'Zip', extensions: ['zip'] },
};

/**
 * Exports (day report CSV, support bundle) in Electron: the user picks where the file goes in the
 * system save dialog, then main writes it (owner-only). Closing the dialog writes nothing.
 */
export function saveWithDialog(): SaveFile {
  return async ({ filename, data }) => {
    const filter = FILTERS[extname(filename)];
    const options = {
      defaultPath: join(app.getPath('documents'), filename),
      ...(filter ? { filters: [filter] } : {}),
    };
    const parent = BrowserWindow.getFocusedWindow();
    const result = parent
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    await writeFile(result.filePath, data, { mode: 0o600 });
    return result.filePath;
  };
}
