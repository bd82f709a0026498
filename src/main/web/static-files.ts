import { readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a URL path to a file inside `root`, or null. Paths that escape the root (`..`, encoded
 * slashes, absolute paths) are refused rather than normalised into something else.
 */
export async function findStaticFile(
  root: string,
  urlPath: string,
): Promise<{ file: string; contentType: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const wanted = decoded === '/' ? '/index.html' : decoded;
  const base = resolve(root);
  const file = resolve(join(base, wanted));
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
  } catch {
    return null;
  }
  return { file, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

export function readStaticFile(file: string): Promise<Buffer> {
  return readFile(file);
}
