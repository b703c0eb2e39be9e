import { clipText } from './text-cut'

/** What errorMessage says of a value that has no text, or whose reading throws. */
const NO_TEXT = 'an error that cannot be shown as text'

/** How many causes are read: a chain can be a cycle, and a handful of links is every real one. */
const MAX_LINKS = 8

/**
 * The most UTF-16 units errorMessage says, its ellipsis included: its words go into a dialog, a
 * status line and a log line, which a message of megabytes (a server's page quoted whole, eight
 * causes of it) would make unreadable or slow to draw.
 */
export const MAX_ERROR_MESSAGE_LENGTH = 2000

/** What String() gives for an object with no text of its own: "[object Object]" says nothing. */
const NO_OWN_TEXT = /^\[object [^\]]*\]$/

/**
 * What went wrong, as a phrase that reads inside a sentence: an Error's message, or anything else
 * thrown, as text, followed by what caused it (`error.cause`, and its cause) when each says more
 * ("Could not open the cache: disk I/O error"). A plain object is read by its `message` or `code`,
 * never as "[object Object]". Never throws: it runs where a failure is being told (a start that
 * failed, a save refused), and an object without a prototype, or one whose reading throws, would
 * otherwise hide that failure.
 */
export function errorMessage(error: unknown): string {
  const said: string[] = []
  const seen = new Set<unknown>()
  let link: unknown = error
  for (let depth = 0; depth < MAX_LINKS && !seen.has(link); depth++) {
    seen.add(link)
    const text = clippedText(link)?.trim()
    // Node often repeats a cause's words in its own message ("fetch failed" aside), and a wrapper
    // may quote them on one line, without their stop, inside a clause of its own: said once.
    if (text !== undefined && saysSomething(text) && !said.some((earlier) => quotes(earlier, text)))
      said.push(text)
    link = fieldOf(link, 'cause')
    if (link === undefined || link === null) break
  }
  if (said.length > 0) return clipText(said.reduce(followedBy), MAX_ERROR_MESSAGE_LENGTH)
  return clippedText(error) ?? NO_TEXT
}

/** Whether `earlier` already says `text`, the spaces and line breaks between words aside. */
function quotes(earlier: string, text: string): boolean {
  const words = (t: string): string => t.replace(/\s+/g, ' ')
  return words(earlier).includes(words(text).replace(/\.+$/, ''))
}

/** A link's own words cut to the bound before anything compares or joins them. */
function clippedText(value: unknown): string | undefined {
  const text = ownText(value)
  return text === undefined ? undefined : clipText(text, MAX_ERROR_MESSAGE_LENGTH)
}

/** A link's own words: its message, a plain object's code, a value as text; undefined when it has none. */
function ownText(value: unknown): string | undefined {
  const message = fieldOf(value, 'message')
  if (typeof message === 'string') return message
  if (isError(value)) return undefined
  const code = fieldOf(value, 'code')
  if (typeof code === 'string' || typeof code === 'number') return `code ${code}`
  try {
    const text = String(value)
    return NO_OWN_TEXT.test(text) ? undefined : text
  } catch {
    return undefined
  }
}

/** Whether `value` is an Error; false for a proxy whose prototype cannot be read (revoked, or a trap that throws). */
function isError(value: unknown): boolean {
  try {
    return value instanceof Error
  } catch {
    return false
  }
}

/** A field of whatever was thrown; undefined for a value with no fields, or where reading throws. */
function fieldOf(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined
  try {
    return (value as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

/** A cause after what it caused: after a colon, or as a sentence of its own after one that ended. */
function followedBy(said: string, cause: string): string {
  return ENDED.test(said) ? `${said} ${cause}` : `${said.replace(LEFT_OPEN, '')}: ${cause}`
}

/** What makes a sentence say something: a letter, a digit or a picture, not only stops and spaces. */
const READABLE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u

/** Whether `text` says anything: "", "." or "…" alone would be shown as a sentence with nothing in it. */
export function saysSomething(text: string): boolean {
  return READABLE.test(text)
}

/**
 * A sentence's stop, in whatever script a platform writes (Unicode's sentence terminals: a
 * Japanese 。, an Arabic ؟, a Devanagari । too), then any closing quotes or brackets it sits
 * inside: 'Say "hold."' is ended already.
 */
const ENDED = /[\p{Sentence_Terminal}…][\p{Pe}\p{Pf}"']*$/u

/** A clause left open: its comma, colon or semicolon gives way to the stop rather than sit before it. */
const LEFT_OPEN = /[,;:、，；：،؛]+$/u

/**
 * `text` ending as a sentence does, so another sentence can follow it. An ellipsis ends one too:
 * a platform's sentence cut to fit ends with one (protocol/text.ts), and "…." reads as a typo, as
 * "。." and ":." do.
 */
export function asSentence(text: string): string {
  const trimmed = text.trim()
  return ENDED.test(trimmed) ? trimmed : `${trimmed.replace(LEFT_OPEN, '')}.`
}
