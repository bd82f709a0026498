// Draws the app icon (resources/icon.svg is the same design as vectors) into resources/icon.png,
// 1024 × 1024, with no image tools: shapes are signed-distance functions, 4 × 4 supersampled,
// written as a PNG with node:zlib. electron-builder turns icon.png into .ico and .icns when packaging.
// Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SAMPLES = 4;
const ORANGE = [255, 91, 36];
const WHITE = [255, 255, 255];
const INK = [38, 38, 48];

// Signed distances in unit coordinates (negative inside).
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function circle(x, y, cx, cy, r) {
  return Math.hypot(x - cx, y - cy) - r;
}
function segment(x, y, ax, ay, bx, by, width) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - width / 2;
}

// Painter's order: later layers cover earlier ones. Same geometry as resources/icon.svg (viewBox 0 0 100 100).
const LAYERS = [
  [ORANGE, (x, y) => roundedRect(x, y, 0.06, 0.06, 0.94, 0.94, 0.2)],
  [WHITE, (x, y) => roundedRect(x, y, 0.26, 0.18, 0.74, 0.82, 0.06)],
  [ORANGE, (x, y) => roundedRect(x, y, 0.34, 0.3, 0.66, 0.35, 0.025)],
  [ORANGE, (x, y) => roundedRect(x, y, 0.34, 0.41, 0.58, 0.46, 0.025)],
  [INK, (x, y) => circle(x, y, 0.5, 0.64, 0.1)],
  [
    WHITE,
    (x, y) =>
      Math.min(segment(x, y, 0.455, 0.64, 0.49, 0.675, 0.03), segment(x, y, 0.49, 0.675, 0.55, 0.605, 0.03)),
  ],
];

function pixel(px, py) {
  let [r, g, b, a] = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES) / SIZE;
      const y = (py + (sy + 0.5) / SAMPLES) / SIZE;
      let color = null;
      for (const [fill, inside] of LAYERS) if (inside(x, y) <= 0) color = fill;
      if (color) {
        r += color[0];
        g += color[1];
        b += color[2];
        a += 255;
      }
    }
  }
  const n = SAMPLES * SAMPLES;
  const coverage = a / 255;
  return coverage === 0 ? [0, 0, 0, 0] : [r / coverage, g / coverage, b / coverage, a / n].map(Math.round);
}

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png() {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
writeFileSync(join(resources, 'icon.png'), png());
console.log('resources/icon.png written');
