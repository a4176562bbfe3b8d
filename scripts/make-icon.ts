/**
 * Draws the app icon (a green disc with a white leaf-shaped crescent) as PNG files in resources/,
 * with no image library: raw RGBA rows, zlib, and the PNG chunk format.
 * Run: npx tsx scripts/make-icon.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function pixel(x: number, y: number, size: number): [number, number, number, number] {
  const c = size / 2;
  const r = size * 0.47;
  const d = Math.hypot(x - c, y - c);
  if (d > r) return [0, 0, 0, 0];
  const edge = Math.min(1, r - d);
  // Crescent: inside a disc offset left, outside a disc offset right.
  const inA = Math.hypot(x - size * 0.47, y - size * 0.52) < size * 0.26;
  const inB = Math.hypot(x - size * 0.6, y - size * 0.47) < size * 0.2;
  if (inA && !inB) return [255, 255, 255, Math.round(255 * edge)];
  return [15, 122, 85, Math.round(255 * edge)];
}

export function iconPng(size: number): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) Buffer.from(pixel(x + 0.5, y + 0.5, size)).copy(raw, row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.resolve(__dirname, '..', 'resources');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'icon.png'), iconPng(512));
fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(out, 'icons', `${size}x${size}.png`), iconPng(size));
console.log(`icons written to ${out}`);
