/**
 * The Order Management image rules (om-spec `Image`): base64 of a PNG or JPEG, at most 2 MB,
 * at least 167 px high. Reads only the header bytes that carry the height.
 */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MIN_IMAGE_HEIGHT = 167;

export type ImageCheck = { ok: true; bytes: Buffer } | { ok: false; reason: string };

function pngHeight(bytes: Buffer): number | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return bytes.readUInt32BE(20);
}

/** Walks JPEG segments to the first start-of-frame marker, where the height is stored. */
function jpegHeight(bytes: Buffer): number | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    const length = bytes.readUInt16BE(offset + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isStartOfFrame) return bytes.readUInt16BE(offset + 5);
    offset += 2 + length;
  }
  return null;
}

export function checkImage(src: string): ImageCheck {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(src) || src.length % 4 !== 0) {
    return { ok: false, reason: 'src must be base64 (not a URL).' };
  }
  const bytes = Buffer.from(src, 'base64');
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, reason: 'The image is larger than 2 MB.' };
  const height = pngHeight(bytes) ?? jpegHeight(bytes);
  if (height === null) return { ok: false, reason: 'The image must be PNG or JPEG.' };
  if (height < MIN_IMAGE_HEIGHT)
    return { ok: false, reason: `The image must be at least ${MIN_IMAGE_HEIGHT} px high.` };
  return { ok: true, bytes };
}
