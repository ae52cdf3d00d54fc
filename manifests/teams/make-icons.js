#!/usr/bin/env node
// Regenerates color.png (192x192) and outline.png (32x32, white on transparent) for the
// Teams app package. Uses only Node's standard library (zlib for the PNG IDAT stream).
// Run: node manifests/teams/make-icons.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
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
/** size x size RGBA PNG; pixel(x, y) returns [r, g, b, a] for the pixel centre. */
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1): a shield outline with a check mark inside.
function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
const SHIELD = [[0.5, 0.12], [0.82, 0.24], [0.82, 0.5], [0.5, 0.88], [0.18, 0.5], [0.18, 0.24], [0.5, 0.12]];
const CHECK = [[0.34, 0.5], [0.46, 0.62], [0.68, 0.38]];
function onPolyline(points, u, v, halfWidth) {
  for (let i = 0; i + 1 < points.length; i++) {
    const [ax, ay] = points[i], [bx, by] = points[i + 1];
    if (distToSegment(u, v, ax, ay, bx, by) <= halfWidth) return true;
  }
  return false;
}
/** Fraction (0..1) of 4x4 sub-samples inside the glyph, for anti-aliasing. */
function coverage(size, x, y, halfWidth) {
  let hit = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const u = (x + (sx + 0.5) / 4) / size, v = (y + (sy + 0.5) / 4) / size;
      if (onPolyline(SHIELD, u, v, halfWidth) || onPolyline(CHECK, u, v, halfWidth)) hit++;
    }
  }
  return hit / 16;
}

const ACCENT = [0x1f, 0x4e, 0x79];
const color = png(192, (x, y) => {
  const c = coverage(192, x, y, 0.035);
  const mix = (bg) => Math.round(bg * (1 - c) + 255 * c);
  return [mix(ACCENT[0]), mix(ACCENT[1]), mix(ACCENT[2]), 255];
});
// Outline: pure white, only alpha varies; everything else fully transparent.
const outline = png(32, (x, y) => [255, 255, 255, Math.round(255 * coverage(32, x, y, 0.05))]);

fs.writeFileSync(path.join(__dirname, 'color.png'), color);
fs.writeFileSync(path.join(__dirname, 'outline.png'), outline);
console.log('wrote color.png (192x192) and outline.png (32x32)');
