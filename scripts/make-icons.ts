// Draws the app's icons into resources/: a filled dot inside a ring ("standing by"), antialiased
// by supersampling, written as PNG (and ICO wrapping PNGs) with nothing but node:zlib.
// Run with `npx tsx scripts/make-icons.ts`; the output is deterministic, so re-running is a no-op
// for git unless the drawing below changes.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

type Rgb = readonly [number, number, number]
/** Whether a point (in units of the image size, 0..1) lies inside the shape. */
type Shape = (x: number, y: number) => boolean

const BLACK: Rgb = [0, 0, 0]
const WHITE: Rgb = [255, 255, 255]
const BLUE: Rgb = [31, 111, 235]
const SUBSAMPLES = 8

/** The glyph, centred in a unit square: a ring and a dot with clear space between them. */
function glyph(scale = 1): Shape {
  const outer = 0.46 * scale
  const inner = 0.33 * scale
  const dot = 0.2 * scale
  return (x, y) => {
    const r = Math.hypot(x - 0.5, y - 0.5)
    return r <= dot || (r >= inner && r <= outer)
  }
}

/** A square with rounded corners, inset from the edges like a macOS app icon. */
function roundedSquare(inset: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(inset + radius - x, 0, x - (1 - inset - radius))
    const dy = Math.max(inset + radius - y, 0, y - (1 - inset - radius))
    return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && Math.hypot(dx, dy) <= radius
  }
}

function coverage(shape: Shape, size: number, px: number, py: number): number {
  let hits = 0
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      if (shape((px + (sx + 0.5) / SUBSAMPLES) / size, (py + (sy + 0.5) / SUBSAMPLES) / size)) hits++
    }
  }
  return hits / (SUBSAMPLES * SUBSAMPLES)
}

/** RGBA pixels of `fg` drawn over an optional `bg` shape, both antialiased. */
function draw(size: number, fg: { shape: Shape; color: Rgb }, bg?: { shape: Shape; color: Rgb }): Uint8Array {
  const pixels = new Uint8Array(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const f = coverage(fg.shape, size, x, y)
      const b = bg ? coverage(bg.shape, size, x, y) : 0
      const alpha = f + b * (1 - f)
      const mix = (channel: 0 | 1 | 2): number =>
        alpha === 0 ? 0 : (fg.color[channel] * f + (bg?.color[channel] ?? 0) * b * (1 - f)) / alpha
      pixels.set([mix(0), mix(1), mix(2), alpha * 255].map(Math.round), (y * size + x) * 4)
    }
  }
  return pixels
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A PNG file: 8-bit RGBA, no interlace, every scanline with filter type 0. */
function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // bit depth 8, colour type RGBA, deflate, adaptive filter, no interlace
  const stride = size * 4
  const raw = Buffer.alloc((stride + 1) * size)
  for (let y = 0; y < size; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** An ICO file whose images are PNGs, which Windows has read since Vista. */
function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map(({ png }) => png)])
}

const out = join(import.meta.dirname, '..', 'resources')
const png = (size: number, fg: { shape: Shape; color: Rgb }, bg?: { shape: Shape; color: Rgb }): Buffer =>
  encodePng(size, draw(size, fg, bg))

// macOS template images: black plus alpha only; the system tints them for the menu bar.
writeFileSync(join(out, 'trayTemplate.png'), png(16, { shape: glyph(), color: BLACK }))
writeFileSync(join(out, 'trayTemplate@2x.png'), png(32, { shape: glyph(), color: BLACK }))
// Linux and Windows trays may be light or dark, so they get the glyph in the accent colour.
writeFileSync(join(out, 'tray.png'), png(32, { shape: glyph(), color: BLUE }))
writeFileSync(
  join(out, 'tray.ico'),
  encodeIco([16, 24, 32].map((size) => ({ size, png: png(size, { shape: glyph(), color: BLUE }) }))),
)
// The app icon: the white glyph on a blue rounded square, for electron-builder to convert.
const appIcon = (size: number): Buffer =>
  png(size, { shape: glyph(0.62), color: WHITE }, { shape: roundedSquare(0.09, 0.18), color: BLUE })
writeFileSync(join(out, 'icon.png'), appIcon(512))
// The window's icon (a browser tab's, in the browser shell): the app icon at tab sizes, served as
// /favicon.ico from the renderer's public folder.
writeFileSync(
  join(import.meta.dirname, '..', 'src', 'renderer', 'public', 'favicon.ico'),
  encodeIco([16, 32, 48].map((size) => ({ size, png: appIcon(size) }))),
)
console.log(`Icons written to ${out} and src/renderer/public`)
