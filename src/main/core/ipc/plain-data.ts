/**
 * Whether a page's request is data as JSON writes it: text, finite numbers, true and false, null,
 * lists and plain objects. Electron's IPC carries far more (a date, a map, a typed array, a boxed
 * string, NaN, a BigInt), which the browser shell's carrier, reading JSON, can never receive: a
 * schema would read a map or a date as an empty object and accept it as an empty request. Refused
 * instead, so both carriers take the same requests and no handler is given what a page did not
 * mean to send. Run once requestSizeRefusal has bounded the request's size and depth.
 */
import { describePath } from '../../../shared/describe-untrusted'

/** What is not plain data in `value` and where, as a dotted path ("filter.query"), or null when all of it is. */
export function notPlainData(value: unknown): { readonly path: string; readonly what: string } | null {
  return walk(value, [])
}

function walk(value: unknown, path: ReadonlyArray<string>): { path: string; what: string } | null {
  const what = notData(value)
  // The keys are the page's: the path is clipped, as a key may be as long as the request.
  if (what !== null) return { path: describePath(path), what }
  if (typeof value !== 'object' || value === null) return null
  // A list's holes read as undefined, which JSON writes as null: its schema judges them.
  const keys = Array.isArray(value) ? Array.from(value, (_, index) => `${index}`) : Object.keys(value)
  for (const key of keys) {
    const found = walk((value as Record<string, unknown>)[key], [...path, key])
    if (found !== null) return found
  }
  return null
}

/** What `value` is when it is not plain data itself (its insides aside), or null when it is. */
function notData(value: unknown): string | null {
  switch (typeof value) {
    case 'undefined':
    case 'string':
    case 'boolean':
      return null
    case 'number':
      return Number.isFinite(value) ? null : `the number ${value}`
    case 'object': {
      if (value === null) return null
      const prototype: unknown = Object.getPrototypeOf(value)
      if (Array.isArray(value)) return prototype === Array.prototype ? null : 'a list of another kind'
      if (prototype === Object.prototype || prototype === null) return null
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name
      return typeof name === 'string' && /^[A-Za-z0-9]{1,40}$/.test(name)
        ? `a ${name}`
        : 'an object of another kind'
    }
    default:
      return `a ${typeof value}`
  }
}
