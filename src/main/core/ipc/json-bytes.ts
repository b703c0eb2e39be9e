/**
 * How many bytes of UTF-8 JSON text one scalar takes, as `JSON.stringify` writes it: the pieces
 * request-size.ts adds up. Each is told without writing the text out when it could be huge.
 */

/** The bytes of `text` written as a JSON string, quotes and escapes included, or more once past `room`. */
export function stringBytes(text: string, room: number): number {
  // Each UTF-16 unit takes at least one byte: a string longer than the room is not read.
  if (text.length + 2 > room) return text.length + 2
  let bytes = 2
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index)
    if (unit === 0x22 || unit === 0x5c || unit === 0x08 || unit === 0x0c) bytes += 2
    else if (unit === 0x0a || unit === 0x0d || unit === 0x09) bytes += 2
    else if (unit < 0x20) bytes += 6
    else if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit < 0xd800 || unit > 0xdfff) bytes += 3
    else if (unit < 0xdc00 && isLow(text.charCodeAt(index + 1))) {
      // A surrogate pair is one character of four bytes.
      bytes += 4
      index += 1
    } else bytes += 6 // A lone surrogate is written escaped.
  }
  return bytes
}

const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/** The bytes of a number in JSON: its shortest text, or `null` for one JSON cannot write. */
export function numberBytes(value: number): number {
  return Number.isFinite(value) ? String(value).length : 4
}

/**
 * The bytes of a BigInt's decimal digits. JSON cannot write one at all, but structured clone
 * carries it, so it is counted as the text it is; one whose digits could not fit `room` is not
 * written out (its digits could run to hundreds of millions), but told from its size.
 */
export function bigintBytes(value: bigint, room: number): number {
  if (value >= -LARGEST_EXACT && value <= LARGEST_EXACT) return String(value).length
  const bound = digitsBound(room)
  if (value <= -bound || value >= bound) return room + 1
  // Under the bound: its hexadecimal text is short and quick to write, and tells the digits.
  const hex = value.toString(16).replace('-', '')
  return (value < 0n ? 1 : 0) + Math.floor((hex.length - 1) * Math.log10(16)) + 1
}

/** Below this size, a BigInt's digits are written out to count them. */
const LARGEST_EXACT = 1n << 256n

let boundFor: { room: number; bound: bigint } | null = null

/** A power of two past which every BigInt has more than `room` digits, kept for the next call. */
function digitsBound(room: number): bigint {
  if (boundFor?.room !== room) {
    boundFor = { room, bound: 1n << BigInt(Math.ceil((room + 1) / Math.log10(2))) }
  }
  return boundFor.bound
}

/** The bytes of a Date in JSON: its ISO text quoted, or `null` for an invalid one. */
export function dateBytes(value: Date): number {
  const time = Date.prototype.getTime.call(value)
  return Number.isFinite(time) ? Date.prototype.toISOString.call(value).length + 2 : 4
}

/** The fewest bytes of a typed array of `length` elements: `{"0":1,"1":2}`, each value one digit. */
export function typedArrayLeastBytes(length: number): number {
  // Each key's digits, quotes and colon, one digit of value, and a comma between two.
  let digits = 0
  for (let width = 1, from = 0, to = 10; from < length; width += 1, from = to, to *= 10) {
    digits += (Math.min(length, to) - from) * width
  }
  return 2 + digits + 4 * length + Math.max(0, length - 1)
}
