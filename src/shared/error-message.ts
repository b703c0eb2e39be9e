/** What errorMessage says of a value that has no text, or whose reading throws. */
const NO_TEXT = 'an error that cannot be shown as text'

/**
 * What went wrong, as a sentence: an Error's message, or anything else thrown, as text. Never
 * throws: it runs where a failure is being told (a start that failed, a save refused), and an
 * object without a prototype, or one whose reading throws, would otherwise hide that failure.
 */
export function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error)
  } catch {
    return NO_TEXT
  }
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
