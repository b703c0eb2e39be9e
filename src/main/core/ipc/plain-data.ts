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
  const path: Array<string | number> = []
  const what = walk(value, path)
  // The keys are the page's: the path is clipped, as a key may be as long as the request.
  return what === null ? null : { path: describePath(path), what }
}

/**
 * What in `value` is not plain data, with `path` leading to it; null, `path` as it was, when all
 * of it is. One path for the whole walk, each step added and taken back, so a request of many
 * small items at depth is read in one pass, not with its path copied for every item.
 */
function walk(value: unknown, path: Array<string | number>): string | null {
  const what = notData(value)
  if (what !== null || typeof value !== 'object' || value === null) return what
  const object = value as Record<string, unknown>
  if (Array.isArray(value)) {
    // A list's holes read as undefined, which JSON writes as null: its schema judges them.
    for (let index = 0; index < value.length; index += 1) {
      path.push(index)
      const found = walk(object[index], path)
      if (found !== null) return found
      path.pop()
    }
    return null
  }
  for (const key of Object.keys(object)) {
    path.push(key)
    const found = walk(object[key], path)
    if (found !== null) return found
    path.pop()
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
        ? `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}` // an Error, but a Uint… as it is read aloud
        : 'an object of another kind'
    }
    default:
      return `a ${typeof value}`
  }
}
