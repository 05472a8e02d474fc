// Writes images/icon.png (128x128): a white ":Z" on a red rounded square. No image library needed:
// shapes are sampled 4x4 per pixel for anti-aliasing and the PNG is assembled with zlib.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const ss = 4;

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
// Distance from a point to a segment, for the diagonal stroke of the Z.
const segDist = (x, y, ax, ay, bx, by) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
};

const stroke = 13;
const glyph = (x, y) =>
  inCircle(x, y, 30, 50, 8.5) ||
  inCircle(x, y, 30, 82, 8.5) ||
  inRoundedRect(x, y, 50, 30, 106, 30 + stroke, 3) ||
  inRoundedRect(x, y, 50, 98 - stroke, 108, 98, 3) ||
  (y >= 30 + stroke - 2 && y <= 98 - stroke + 2 && segDist(x, y, 102, 30 + stroke, 55, 98 - stroke) <= stroke / 2 + 1);

const rows = [];
for (let py = 0; py < size; py++) {
  const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
  for (let px = 0; px < size; px++) {
    let bg = 0;
    let fg = 0;
    for (let sy = 0; sy < ss; sy++) {
      for (let sx = 0; sx < ss; sx++) {
        const x = px + (sx + 0.5) / ss;
        const y = py + (sy + 0.5) / ss;
        if (inRoundedRect(x, y, 4, 4, 124, 124, 22)) {
          bg++;
          if (glyph(x, y)) fg++;
        }
      }
    }
    const n = ss * ss;
    // Background: a vertical red gradient; the glyph is white.
    const t = py / size;
    const base = [Math.round(204 - 60 * t), Math.round(40 - 16 * t), Math.round(48 - 18 * t)];
    const f = bg ? fg / bg : 0;
    const rgb = base.map((c) => Math.round(c * (1 - f) + 255 * f));
    row.set([...rgb, Math.round((255 * bg) / n)], 1 + px * 4);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
