/**
 * Finding text that is not well-formed Unicode (a lone surrogate: half of an emoji) inside a value
 * that already passed its schema. Free text fields mend such text themselves (protocol/text.ts);
 * every other string (an address, a search, a name a handler looks up) would otherwise carry it
 * on into a log, a URL or the cache, where it turns into replacement characters or breaks a match.
 */
import { describePath } from './describe-untrusted'

/** How deep the walk looks; parsed requests are far shallower, and a deeper value is refused. */
const MOST_DEPTH = 32

/**
 * Where in `value` a string is ill-formed, as a dotted path ("platformUrl", "filter.query"), or
 * null when every string is well-formed. Keys are checked too. Never recurses past MOST_DEPTH.
 */
export function illFormedTextPath(value: unknown): string | null {
  return walk(value, [], 0)
}

function walk(value: unknown, path: string[], depth: number): string | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : where(path)
  if (typeof value !== 'object' || value === null) return null
  if (depth >= MOST_DEPTH) return where(path)
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key.isWellFormed() ? key : key.toWellFormed()]
    if (!key.isWellFormed()) return where(at)
    const problem = walk(item, at, depth + 1)
    if (problem !== null) return problem
  }
  return null
}

function where(path: ReadonlyArray<string>): string {
  return describePath(path)
}
