/**
 * Free text as it crosses the wire: titles, names, descriptions, messages. Every such field is
 * normalised before its limit is checked, so the value that passes is exactly the value SQLite
 * stores and gives back, and a limit holds after the round trip.
 */
import { z } from 'zod'
import { clipText, cutText } from '../text-cut'
import { isBlankText, normaliseLine, normaliseParagraphs } from '../text-normalise'
import { saysSomething } from '../error-message'

export { clipText, cutText } from '../text-cut'
/** The normalisers, here too: where the schemas that use them are. */
export { normaliseLine, normaliseParagraphs }
export { MOST_MARKS_IN_A_ROW } from '../text-normalise'

/** The limits of one text field, in code points of the normalised text (as zod counts strings). */
export interface TextLimits {
  /** Fewest units; 1 unless the field may be empty. */
  readonly min?: number
  readonly max: number
  /** Keep line breaks and tabs (descriptions, messages); otherwise they become spaces. */
  readonly multiline?: boolean
  /** The refusal of a text over `max`, when the field has words of its own for it. */
  readonly tooLong?: string
}

/** What lenient reading makes of required text that held nothing to read: one U+FFFD. */
export const NOTHING_TO_READ = '\ufffd'

/**
 * A free-text field as read: normalised (see normaliseLine and normaliseParagraphs), then checked
 * against its limits. The app accepts whatever the platform stored: a required text that is empty,
 * or held only what cleaning now drops, reads as U+FFFD, as fitText gives it, rather than failing
 * its whole event. Text being written is refused instead (see Entered and Written).
 */
export function Text({ min = 1, max, multiline = false, tooLong }: TextLimits) {
  const normalise = multiline ? normaliseParagraphs : normaliseLine
  return z
    .string()
    .overwrite((text) => {
      const clean = normalise(text)
      // An invite from a platform of another version, or a faulty one, must still reach the
      // expert, named as something that shows that a name is there: empty text included.
      return clean === '' && min > 0 ? NOTHING_TO_READ : clean
    })
    .min(min)
    .max(max, tooLong === undefined ? undefined : { message: tooLong })
}

/**
 * Text as someone enters it: `schema`, and something to read where `schema` requires text. Text
 * read back keeps the lenient rule (empty text, or text of only what cleaning drops, becomes
 * U+FFFD), but text being entered is refused, naming `what` ("The name"), so the writer learns that
 * nothing shows.
 */
export function Entered(schema: ReturnType<typeof Text>, what: string) {
  const required = (schema.minLength ?? 0) > 0
  return z
    .string()
    .refine((text) => !required || text !== '', {
      message: `${what} is empty; type some text and send it again`,
      abort: true,
    })
    .refine((text) => !required || !isBlankText(text), {
      message: `${what} holds only spaces or characters that draw nothing; type some text and send it again`,
      abort: true,
    })
    .pipe(schema)
}

/**
 * Text as its writer sends it: Entered, and well-formed Unicode. Text read back keeps the lenient
 * rule (a broken character becomes U+FFFD), but text being written is refused, naming `what` ("The
 * note"), so the writer learns of it and retypes it rather than having a mangled copy kept.
 */
export function Written(schema: ReturnType<typeof Text>, what: string) {
  return z
    .string()
    .refine((text) => text.isWellFormed(), {
      message: `${what} holds a broken character (invalid Unicode); retype it and send it again`,
      abort: true,
    })
    .pipe(Entered(schema, what))
}

/** The limits of an opaque token, and what it is called in the refusal ("An id"). */
export interface TokenLimits {
  readonly min?: number
  readonly max: number
  readonly what: string
}

/**
 * An opaque token such as an id or an idempotency key: visible ASCII only, refused otherwise, since
 * a token is looked up exactly as stored and must never be rewritten on the way in.
 */
export function Token({ min = 1, max, what }: TokenLimits) {
  return z
    .string()
    .min(min)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, { message: `${what} is letters, digits and punctuation, without spaces` })
}

/**
 * Text read back from storage, made to fit `schema` whatever older data holds: a database written
 * before text was normalised keeps each lone surrogate as three replacement characters, longer
 * than the limit. Such text is cut to the limit rather than sent to apps that would refuse it.
 */
export function fitText(schema: ReturnType<typeof Text>, text: string): string {
  const parsed = schema.safeParse(text)
  if (parsed.success) return parsed.data
  // Normalising never lengthens text, so a cut to the limit in code points fits once normalised.
  const cut = schema.safeParse([...text].slice(0, schema.maxLength ?? undefined).join(''))
  return cut.success ? cut.data : '\ufffd'
}

/** The most UTF-16 units of a sentence from the platform that the app passes on to the expert. */
export const MOST_SENTENCE_CHARS = 500

/**
 * A sentence from the platform for a person to read (a refusal's reason): one line, cut with an
 * ellipsis past MOST_SENTENCE_CHARS. Cut rather than refused, since a refusal must still reach the
 * expert; whatever a server says, a status line or a toast stays a line, not a page.
 */
export const Sentence = z.string().overwrite(clipSentence)

/** What a refusal says when the platform's own sentence held nothing to read. */
export const NO_REASON_GIVEN =
  'The platform refused this without saying why. Check its state in Standby, or try again later.'

/**
 * The sentence of a refusal from the platform: a Sentence that is never blank, since the expert
 * reads it as the only explanation of what went wrong (an empty toast or banner explains nothing).
 * The refusal itself is kept: its code still says what the platform refused.
 */
export const ReasonSentence = Sentence.overwrite((text) =>
  // A lone U+FFFD is what shownText makes of text with nothing showable (controls, invisibles);
  // stops alone ("." or "…") would read "refused: ." with nothing said either.
  saysSomething(text) ? text : NO_REASON_GIVEN,
)

/** `text` as one line of at most MOST_SENTENCE_CHARS UTF-16 units, with an ellipsis when cut. */
export function clipSentence(text: string): string {
  return shownText(text, { max: MOST_SENTENCE_CHARS })
}

/** How one place that shows text takes it. */
export interface ShownTextLimits {
  /** Most UTF-16 units, the ellipsis included. */
  readonly max: number
  /** Keep line breaks ("\n"), as a tooltip's or a notification body's lines; otherwise one line. */
  readonly multiline?: boolean
}

/**
 * `text` as a place that shows it takes it (a toast, an OS surface: see os-limits.ts): normalised
 * as stored text is, whatever it was stored as, and cut to `max` with an ellipsis.
 */
export function shownText(text: string, { max, multiline = false }: ShownTextLimits): string {
  // Only a bounded prefix is normalised, whatever the length; a cut there is marked as any cut,
  // and falls between whole characters: half an emoji would be shown as a broken one.
  const head = cutText(text, max * 2)
  const clean = multiline ? normaliseParagraphs(head) : normaliseLine(head)
  // Text that held only what cleaning drops (a row cached before the edge dropped invisibles)
  // still shows that something is there, as fitText does for stored text: an empty menu item or
  // a countdown without its title reads as a fault of the app.
  if (clean === '' && head.trim() !== '') return '\ufffd'
  return clipText(head.length < text.length ? `${clean}…` : clean, max)
}
