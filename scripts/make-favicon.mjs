// Draws the desk's icon (app/icon.svg: a rounded accent square with a white "F") into PNGs at 16, 32 and
// 48 px and packs them into app/favicon.ico. Pure Node (zlib), no image tools: the same output every run.
import fs from 'node:fs';
import zlib from 'node:zlib';

const BLUE = [0x1d, 0x4e, 0xd8];
const WHITE = [0xff, 0xff, 0xff];
const F = [
  [10, 6, 14, 26],
  [10, 6, 24, 10],
  [10, 14, 21, 18],
];
const R = 7;

function inRounded(x, y) {
  if (x < 0 || y < 0 || x > 32 || y > 32) return false;
  const cx = x < R ? R : x > 32 - R ? 32 - R : x;
  const cy = y < R ? R : y > 32 - R ? 32 - R : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= R * R;
}
const inF = (x, y) => F.some(([x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);

function render(size) {
  const S = 16; // subsamples per axis
  const px = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++)
    for (let pxx = 0; pxx < size; pxx++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const x = ((pxx + (sx + 0.5) / S) * 32) / size;
          const y = ((py + (sy + 0.5) / S) * 32) / size;
          if (!inRounded(x, y)) continue;
          const c = inF(x, y) ? WHITE : BLUE;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      const i = (py * size + pxx) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
      px[i + 3] = Math.round((a * 255) / (S * S));
    }
  return px;
}

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const rgba = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sizes = [16, 32, 48];
const images = sizes.map(png);
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // icon
header.writeUInt16LE(sizes.length, 4);
let offset = 6 + 16 * sizes.length;
const entries = sizes.map((s, i) => {
  const e = Buffer.alloc(16);
  e[0] = s;
  e[1] = s;
  e[2] = 0;
  e[3] = 0;
  e.writeUInt16LE(1, 4); // planes
  e.writeUInt16LE(32, 6); // bits per pixel
  e.writeUInt32LE(images[i].length, 8);
  e.writeUInt32LE(offset, 12);
  offset += images[i].length;
  return e;
});
const out = process.argv[2] ?? 'app/favicon.ico';
fs.writeFileSync(out, Buffer.concat([header, ...entries, ...images]));
console.log(`${out}: ${offset} bytes`);
