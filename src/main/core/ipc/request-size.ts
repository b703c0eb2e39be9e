/**
 * How large a page's request is, told without walking more of it than the limit: Electron's IPC
 * carries whatever a page sends (structured clone: huge strings, typed arrays, sparse arrays of any
 * length, cycles, deep nesting), and the schema would walk all of it. The walk counts the bytes of
 * the request's JSON text, as the browser shell's carrier would write it (a typed array as an
 * object of its elements, a map, a set or binary data as `{}`, a hole as `null`; a BigInt, which
 * JSON cannot write, as its digits), so both hosts take the same requests; and it stops as soon as
 * the count passes the limit, telling a long array or string from its length without reading it.
 */
import { bigintBytes, dateBytes, numberBytes, stringBytes, typedArrayLeastBytes } from './json-bytes'

/** Why a request is refused before its schema looks at it, or null to let the schema judge it. */
export type RequestSizeRefusal = 'too_large' | 'too_deep' | null

/**
 * How deep a request may nest. The contract's requests are a few levels deep; the walk keeps one
 * step per level, so this bounds what it holds as the limit bounds what it reads.
 */
export const MOST_REQUEST_DEPTH = 64

/**
 * What the walk has counted: the JSON text's bytes, and the bytes of the keys JSON leaves out
 * (those holding undefined), which structured clone carried all the same and are held to the
 * limit on their own so an object of millions of them is not read to its end.
 */
interface Count {
  bytes: number
  unwritten: number
}

/** Whether `request` is larger than `maxBytes` (of its JSON text) or nested deeper than allowed. */
export function requestSizeRefusal(request: unknown, maxBytes: number): RequestSizeRefusal {
  const count: Count = { bytes: 0, unwritten: 0 }
  // One lazy step per container being read, so a long array or wide object is never copied.
  const open: Array<Iterator<unknown>> = []
  let value: unknown = request
  for (;;) {
    const inside = read(value, count, maxBytes)
    if (count.bytes > maxBytes) return 'too_large'
    if (inside !== null) {
      if (open.length >= MOST_REQUEST_DEPTH) return 'too_deep'
      open.push(inside)
    }
    let next: IteratorResult<unknown> | undefined
    while (open.length > 0 && (next = open.at(-1)!.next()).done === true) open.pop()
    if (count.bytes > maxBytes || count.unwritten > maxBytes) return 'too_large'
    if (open.length === 0 || next === undefined) return null
    value = next.value
  }
}

/** Adds the bytes `value` itself takes in JSON to `count`; returns what it holds, or null for nothing. */
function read(value: unknown, count: Count, maxBytes: number): Iterator<unknown> | null {
  const plain = unboxed(value)
  const room = maxBytes - count.bytes
  switch (typeof plain) {
    case 'string':
      count.bytes += stringBytes(plain, room)
      return null
    case 'number':
      count.bytes += numberBytes(plain)
      return null
    case 'bigint':
      count.bytes += bigintBytes(plain, room)
      return null
    case 'boolean':
      count.bytes += plain ? 4 : 5
      return null
    case 'object':
      return plain === null ? ((count.bytes += 4), null) : readObject(plain, count, maxBytes)
    default:
      // Undefined, a function or a symbol: JSON writes nothing (in an array, arrayItems made it null).
      return null
  }
}

function readObject(value: object, count: Count, maxBytes: number): Iterator<unknown> | null {
  const room = maxBytes - count.bytes
  if (value instanceof Date) {
    count.bytes += dateBytes(value)
    return null
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const elements = value as unknown as ArrayLike<unknown>
    // Told from its length, a typed array too long to fit is not read.
    const least = typedArrayLeastBytes(elements.length)
    count.bytes += least > room ? least : 2
    return least > room ? null : typedItems(elements, count)
  }
  // Binary data has no keys JSON would write.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return ((count.bytes += 2), null)
  if (Array.isArray(value)) {
    // The brackets and the comma between each two slots, holes too; each slot adds at least one byte.
    const least = value.length === 0 ? 2 : 2 * value.length + 1
    count.bytes += least > room ? least : 2 + Math.max(0, value.length - 1)
    return least > room ? null : arrayItems(value)
  }
  // Anything else (a map, a set, a regular expression, an error, a plain object) as JSON writes it:
  // its own enumerable keys, which a map, a set, a regular expression or an error has none of.
  count.bytes += 2
  return objectItems(value, count, maxBytes)
}

function* arrayItems(array: readonly unknown[]): Generator<unknown> {
  for (let index = 0; index < array.length; index += 1) {
    const item = array[index]
    // JSON writes a hole, undefined, a function or a symbol in an array as null.
    yield item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item
  }
}

function* typedItems(elements: ArrayLike<unknown>, count: Count): Generator<unknown> {
  for (let index = 0; index < elements.length; index += 1) {
    // The quoted index and its colon, and the comma before it but for the first.
    count.bytes += String(index).length + (index === 0 ? 3 : 4)
    yield elements[index]
  }
}

function* objectItems(object: object, count: Count, maxBytes: number): Generator<unknown> {
  let first = true
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue
    const item = (object as Record<string, unknown>)[key]
    // JSON leaves out a key whose value it cannot write; structured clone carries an undefined one.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') {
      count.unwritten += key.length + 1
      if (count.unwritten > maxBytes) return
      continue
    }
    // The quoted key and its colon, and the comma before it but for the first.
    count.bytes += stringBytes(key, maxBytes - count.bytes) + (first ? 1 : 2)
    first = false
    yield item
  }
}

/**
 * A boxed string, number, boolean or BigInt (structured clone carries them) as the primitive JSON
 * writes: read as an object, a boxed string's characters are each a key, listed all at once by
 * `for in`.
 */
function unboxed(value: unknown): unknown {
  return value instanceof String ||
    value instanceof Number ||
    value instanceof Boolean ||
    value instanceof BigInt
    ? value.valueOf()
    : value
}
