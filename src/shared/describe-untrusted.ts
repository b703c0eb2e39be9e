/**
 * Words for values that came from the network or another process, for refusals and log lines.
 * Nothing here recurses into the value or copies more than a bounded prefix of it: a refusal must
 * cost the same whether the input is a short string or an array nested ten thousand deep.
 */

import { redactedExcerpt, redactLogText } from './log-redaction'
import { cutText } from './text-cut'

const MAX_TEXT = 60
const MAX_ISSUES = 3
const MAX_PATH_SEGMENTS = 6
const MAX_MESSAGE = 160

/** `text` in at most `max` units and an ellipsis, cut between whole characters (never half an emoji). */
function clip(text: string, max: number): string {
  return text.length > max ? `${cutText(text, max)}…` : text
}

// Invisible characters that change how the text around them reads (bidi overrides and isolates,
// zero-width joiners, tag characters): JSON escapes control characters but keeps these as they are.
const FORMAT_CHARACTERS = /\p{Cf}/gu

/**
 * `text` redacted (log-redaction.ts), then clipped to `max`: a cut through a token would leave its
 * start too short to be known for one by its shape. Only a bounded prefix is read.
 */
function clipRedacted(text: string, max: number): string {
  const prefix = cutText(text, max * 4)
  const redacted = redactLogText(prefix)
  return redacted.length > max || prefix.length < text.length ? `${cutText(redacted, max)}…` : redacted
}

/**
 * A short description of any value: a clipped and redacted string (quoted, its control and format
 * characters escaped, so it cannot reorder or hide the sentence around it), a number, or just its kind.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(clipRedacted(value, MAX_TEXT)).replace(
      FORMAT_CHARACTERS,
      (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`,
    )
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return kindOf(value)
}

/** What a value that is not shown is, as a sentence names it: "an object", "a function". */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  const kind = typeof value
  return kind === 'object' ? 'an object' : `a ${kind}`
}

/** A zod issue as far as a description needs it. */
export interface IssueLike {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
  /** zod's kind of issue: one of unrecognized keys names them in `keys`. */
  readonly code?: string
  readonly keys?: ReadonlyArray<string>
  /** The bound a too_big or too_small issue names. */
  readonly maximum?: unknown
  readonly minimum?: unknown
}

/** A key as a path shows it bare (clipped): a name or an index, as the app's own requests spell theirs. */
const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/

/**
 * Where in a value a problem is, as a dotted path ("filter.query"), its keys and length clipped.
 * A key the sender chose may be any text (a line break, a bidi override): one that is not a plain
 * name is quoted and escaped as describeValue shows a string, or it would reorder or break the
 * sentence and the log line it stands in.
 */
export function describePath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)'
  const shown = path.slice(0, MAX_PATH_SEGMENTS).map((segment) => {
    if (typeof segment === 'symbol') return 'symbol'
    const key = String(segment)
    return PLAIN_KEY.test(key) ? clip(key, MAX_TEXT) : describeValue(key)
  })
  return `${shown.join('.')}${path.length > MAX_PATH_SEGMENTS ? '…' : ''}`
}

/**
 * Describe a validation failure in one bounded line: which fields were wrong and how. A field and
 * its problem are set apart by a dash, never by a colon: "password: Too big" reads, to the log's
 * redaction and to anyone, as a password whose value is "Too", and lost that word to it.
 */
export function describeIssues(issues: ReadonlyArray<IssueLike>): string {
  const shown: string[] = []
  let total = 0
  for (const issue of withoutLooserBounds(issues)) {
    const unknownKeys = unrecognizedKeys(issue)
    total += unknownKeys?.length ?? 1
    if (shown.length >= MAX_ISSUES) continue
    if (unknownKeys === undefined) {
      shown.push(`${describePath(issue.path)} — ${clip(issue.message, MAX_MESSAGE)}`)
      continue
    }
    const within = issue.path.length === 0 ? '' : `${describePath(issue.path)}.`
    for (const key of unknownKeys.slice(0, MAX_ISSUES - shown.length))
      shown.push(`${within}${describeValue(key)} — not a key it takes; leave it out`)
  }
  const more = total > shown.length ? ` (and ${total - shown.length} more)` : ''
  return `${shown.join('; ')}${more}`
}

/** The bound a too_big or too_small issue names, or null for any other issue. */
function boundOf(issue: IssueLike): number | bigint | null {
  const bound = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : null
  return typeof bound === 'number' || typeof bound === 'bigint' ? bound : null
}

/**
 * `issues` without the bounds of a field that a tighter bound of the same field, told next to it,
 * already says: a whole number past the safe range breaks zod's safe-integer bound as well as the
 * field's own ("expected int to be <=9007199254740991; … <=240"), and the first names a limit
 * nobody chose. A field's checks are told one after another, so only neighbours are compared.
 */
function withoutLooserBounds(issues: ReadonlyArray<IssueLike>): IssueLike[] {
  const kept: IssueLike[] = []
  for (const issue of issues) {
    const last = kept.at(-1)
    const bound = boundOf(issue)
    const lastBound = last === undefined ? null : boundOf(last)
    if (last === undefined || bound === null || lastBound === null || !sameBoundOf(last, issue)) {
      kept.push(issue)
    } else if (issue.code === 'too_big' ? bound < lastBound : bound > lastBound) {
      kept[kept.length - 1] = issue
    }
  }
  return kept
}

/** Whether two issues are the same kind of bound on the same field. */
function sameBoundOf(a: IssueLike, b: IssueLike): boolean {
  return a.code === b.code && a.path.length === b.path.length && a.path.every((key, at) => key === b.path[at])
}

/**
 * The keys `issue` finds that are not the object's, when it is about those: each is told as a field
 * of its own, named (quoted, as another party chose it) with what to do. zod files them all under
 * the object, which at the top reads "(root) — Unrecognized key" and names no field.
 */
function unrecognizedKeys(issue: IssueLike): ReadonlyArray<string> | undefined {
  return issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0
    ? issue.keys
    : undefined
}

/** How many characters of an address a log line shows. */
const MAX_ADDRESS_SHOWN = 80

/**
 * An address another party chose (a deep link, a URL a page navigates or opens, a frame's) as a
 * log line may show it: cut short, and every character outside printable ASCII escaped, so it can
 * neither forge log lines, reorder them with RTL marks, nor flood the log.
 */
export function describeAddress(raw: unknown): string {
  if (typeof raw !== 'string') return kindOf(raw)
  // Redacted before it is cut, so no start of a token in it is left for the log to miss.
  const shown = [...redactedExcerpt(raw, MAX_ADDRESS_SHOWN)]
    .map((char) =>
      /^[\x20-\x7e]$/.test(char) && char !== '\\' && char !== '"'
        ? char
        : `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`,
    )
    .join('')
  return `"${shown}"${raw.length > MAX_ADDRESS_SHOWN ? `… (${raw.length} characters)` : ''}`
}
