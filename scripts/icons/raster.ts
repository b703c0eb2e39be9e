// Drawing shapes into pixels and pixels into files, with nothing but node:zlib: PNG (8-bit RGBA)
// and ICO wrapping PNGs. Used by scripts/make-icons.ts.
import { crc32, deflateSync } from 'node:zlib'

/** A colour as red, green and blue, 0 to 255. */
export type Rgb = readonly [number, number, number]
/** Whether a point (in units of the image size, 0..1) lies inside the shape. */
export type Shape = (x: number, y: number) => boolean
/** A shape painted in one colour; layers are painted in order, later ones over earlier ones. */
export interface Layer {
  readonly shape: Shape
  readonly color: Rgb
}

const SUBSAMPLES = 8

function coverage(shape: Shape, size: number, px: number, py: number): number {
  let hits = 0
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      if (shape((px + (sx + 0.5) / SUBSAMPLES) / size, (py + (sy + 0.5) / SUBSAMPLES) / size)) hits++
    }
  }
  return hits / (SUBSAMPLES * SUBSAMPLES)
}

/** RGBA pixels of the layers painted one over another, each antialiased by supersampling. */
export function draw(size: number, layers: ReadonlyArray<Layer>): Uint8Array {
  const pixels = new Uint8Array(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Source-over compositing, in premultiplied colour.
      let alpha = 0
      const premultiplied = [0, 0, 0]
      for (const { shape, color } of layers) {
        const a = coverage(shape, size, x, y)
        if (a === 0) continue
        for (const channel of [0, 1, 2] as const)
          premultiplied[channel] = color[channel] * a + premultiplied[channel]! * (1 - a)
        alpha = a + alpha * (1 - a)
      }
      const rgb = premultiplied.map((value) => (alpha === 0 ? 0 : value / alpha))
      pixels.set([...rgb, alpha * 255].map(Math.round), (y * size + x) * 4)
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
export function encodePng(size: number, rgba: Uint8Array): Buffer {
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
export function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
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

/** Every point in any of the shapes. */
export const union =
  (...shapes: ReadonlyArray<Shape>): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y))

/** The points of `shape` outside `hole`. */
export const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y)

/** A disc. */
export const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r

/** A ring between two radii. */
export const ring =
  (cx: number, cy: number, inner: number, outer: number): Shape =>
  (x, y) => {
    const r = Math.hypot(x - cx, y - cy)
    return r >= inner && r <= outer
  }

/** A straight stroke of half-width `w` from (x1, y1) to (x2, y2), with round ends. */
export const stroke =
  (x1: number, y1: number, x2: number, y2: number, w: number): Shape =>
  (x, y) => {
    const [dx, dy] = [x2 - x1, y2 - y1]
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= w
  }

/** A square with rounded corners, inset from the edges like a macOS app icon. */
export function roundedSquare(inset: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(inset + radius - x, 0, x - (1 - inset - radius))
    const dy = Math.max(inset + radius - y, 0, y - (1 - inset - radius))
    return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && Math.hypot(dx, dy) <= radius
  }
}
