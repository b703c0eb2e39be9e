/**
 * How large a page's request is, told without walking more of it than the limit: Electron's IPC
 * carries whatever a page sends (structured clone: huge strings, sparse arrays of any length,
 * cycles, deep nesting), and the schema would walk all of it. The walk counts at least what the
 * request's JSON text would take in bytes, so a request the browser shell accepts (its JSON at most
 * the same limit) is accepted here too, and it stops as soon as the count passes the limit.
 */

/** Why a request is refused before its schema looks at it, or null to let the schema judge it. */
export type RequestSizeRefusal = 'too_large' | 'too_deep' | null

/**
 * How deep a request may nest. The contract's requests are a few levels deep; the walk keeps one
 * step per level, so this bounds what it holds as the limit bounds what it reads.
 */
export const MOST_REQUEST_DEPTH = 64

/** Whether `request` is larger than `maxBytes` (of its JSON text) or nested deeper than allowed. */
export function requestSizeRefusal(request: unknown, maxBytes: number): RequestSizeRefusal {
  let bytes = 0
  // One lazy step per container being read, so a long array or wide object is never copied.
  const open: Array<Iterator<unknown>> = []
  let value: unknown = request
  for (;;) {
    value = unboxed(value)
    bytes += ownBytes(value)
    if (bytes > maxBytes) return 'too_large'
    const inside = children(value, (more) => (bytes += more))
    if (inside !== null) {
      if (open.length >= MOST_REQUEST_DEPTH) return 'too_deep'
      open.push(inside)
    }
    let next: IteratorResult<unknown> | undefined
    while (open.length > 0 && (next = open.at(-1)!.next()).done === true) open.pop()
    if (bytes > maxBytes) return 'too_large'
    if (open.length === 0 || next === undefined) return null
    value = next.value
  }
}

/** The fewest bytes `value` itself takes in JSON, its contents aside. */
function ownBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      // Each UTF-16 unit is at least one UTF-8 byte; the quotes are two more.
      return value.length + 2
    case 'number':
    case 'bigint':
      return 1
    case 'boolean':
      return 4
    case 'undefined':
      return 0
    case 'object':
      if (value === null) return 4
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength
      // The brackets, and the comma between each two of an array's slots, holes too (an object's
      // commas are counted with its keys).
      return 2 + (Array.isArray(value) ? Math.max(0, value.length - 1) : 0)
    default:
      return 1
  }
}

/** What `value` holds, read one at a time; `count` is told the keys' bytes. Null for no contents. */
function children(value: unknown, count: (bytes: number) => void): Iterator<unknown> | null {
  if (typeof value !== 'object' || value === null) return null
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null
  if (Array.isArray(value)) return arrayItems(value)
  if (value instanceof Map) return mapItems(value)
  if (value instanceof Set) return value.values()
  return objectItems(value, count)
}

function* arrayItems(array: readonly unknown[]): Generator<unknown> {
  for (let index = 0; index < array.length; index += 1) yield array[index]
}

function* mapItems(map: ReadonlyMap<unknown, unknown>): Generator<unknown> {
  for (const [key, item] of map) {
    yield key
    yield item
  }
}

function* objectItems(object: object, count: (bytes: number) => void): Generator<unknown> {
  let first = true
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue
    const item = (object as Record<string, unknown>)[key]
    // JSON leaves out a key whose value it cannot write; structured clone carries an undefined one.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue
    // The quoted key and its colon, and the comma before it but for the first.
    count(key.length + (first ? 3 : 4))
    first = false
    yield item
  }
}

/**
 * A boxed string, number or boolean (structured clone carries them) as the primitive JSON writes:
 * read as an object, a boxed string's characters are each a key, listed all at once by `for in`.
 */
function unboxed(value: unknown): unknown {
  return value instanceof String || value instanceof Number || value instanceof Boolean
    ? value.valueOf()
    : value
}
