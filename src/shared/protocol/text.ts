/**
 * Free text as it crosses the wire: titles, names, descriptions, messages. Every such field is
 * normalised before its limit is checked, so the value that passes is exactly the value SQLite
 * stores and gives back, and a limit holds after the round trip.
 */
import { z } from 'zod'
import { clipText } from '../text-cut'

export { clipText, cutText } from '../text-cut'

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

// Lone surrogates become U+FFFD here, one unit for one unit: SQLite would otherwise store each as
// invalid UTF-8 and read it back as three replacement characters, longer than the limit allowed.
// A lone surrogate is nearly always an emoji cut in half by a client's own length limit, so the
// text is kept rather than refused.
const wellFormed = (text: string): string => text.toWellFormed()

// Line and paragraph separators of every convention, including the C1 next-line control.
const SINGLE_LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g
const MULTILINE_BREAKS = /\r\n?|[\v\f\u0085\u2028\u2029]/g
// C0 and C1 controls mean nothing in a title or a message (NUL, escape sequences pasted from a
// terminal, bell); they are dropped rather than refused, so a stray one never loses a request.
const CONTROLS = /\p{Cc}/gu
const CONTROLS_BUT_TAB_AND_NEWLINE = /(?![\t\n])\p{Cc}/gu
// Characters that draw nothing yet change what a reader sees: bidi embeddings, overrides and
// isolates, which reorder the text after them (a client name that flips the words the app puts
// beside it, "fdp.exe" shown as "exe.pdf"); zero-width spaces, word joiners, the BOM, the soft
// hyphen, Hangul fillers and tag characters, which make two names that look alike differ, or hide
// words. Kept on purpose: the zero-width joiner and non-joiner (emoji sequences, Persian and
// Indic spelling), variation selectors (emoji presentation) and the LRM/RLM/ALM marks, which
// right-to-left writers need and which cannot reorder a run. Tag characters are kept only as a
// subdivision flag spells them (England, Scotland, Wales: the black flag, a region and a
// subdivision code in tag letters and digits, the cancel tag), which is matched first and kept
// whole; a longer run could carry hidden words. The combining ones stand outside the class, where
// the source cannot show them joined to the character before. Noncharacters (U+FFFE, U+FFFF,
// U+FDD0-U+FDEF and the last two of every plane) are no text at all: a Windows notification, whose
// XML cannot hold U+FFFE or U+FFFF, would not be shown with one in its title.
const INVISIBLES =
  /(\u{1f3f4}[\u{e0030}-\u{e0039}\u{e0061}-\u{e007a}]{3,7}\u{e007f})|\p{Noncharacter_Code_Point}|\u034f|\u17b4|\u17b5|[\u00ad\u115f\u1160\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu

/** `text` without the invisible characters that spoof or reorder what is shown (see INVISIBLES). */
function withoutInvisibles(text: string): string {
  // "$1" is the flag when one matched and empty otherwise. A replacer function would do the same
  // at a call per match, which made a message of nothing but invisibles cost the platform far more
  // than its size: one expert could keep it busy within the command rate limit.
  return text.replace(INVISIBLES, '$1')
}

/**
 * The most combining marks kept in a row. Writing stacks a few on one letter (Vietnamese two,
 * pointed Hebrew or a Tibetan or Myanmar syllable several more); a client who piles on dozens
 * ("Zalgo" text) draws them over the lines above and below, across the app's own words beside
 * it, and grows a notification or a menu line. Unicode's stream-safe format allows thirty.
 */
export const MOST_MARKS_IN_A_ROW = 8
const MARK_FLOOD = new RegExp(`(\\p{M}{${MOST_MARKS_IN_A_ROW}})\\p{M}+`, 'gu')

/**
 * `text` with what it shows cleaned: no invisibles, no marks past MOST_MARKS_IN_A_ROW. Marks are
 * counted after the invisibles go, since dropping one can join two runs of marks, and text
 * normalised once must not change the second time.
 */
function withoutHiddenOrPiled(text: string): string {
  return withoutInvisibles(text).replace(MARK_FLOOD, '$1')
}

/** One-line text as stored: well-formed, breaks and tabs as spaces, no controls, invisibles or piles of marks, trimmed. */
export function normaliseLine(text: string): string {
  return withoutHiddenOrPiled(wellFormed(text).replace(SINGLE_LINE_BREAKS, ' ').replace(CONTROLS, '')).trim()
}

/**
 * Multi-line text as stored: well-formed, every line break as "\n", tabs kept, no other controls,
 * no invisibles and no piles of marks, trimmed.
 */
export function normaliseParagraphs(text: string): string {
  return withoutHiddenOrPiled(
    wellFormed(text).replace(MULTILINE_BREAKS, '\n').replace(CONTROLS_BUT_TAB_AND_NEWLINE, ''),
  ).trim()
}

/**
 * A free-text field: normalised (see normaliseLine and normaliseParagraphs), then checked against
 * its limits. Normalising twice changes nothing, so the app accepts whatever the platform stored.
 */
export function Text({ min = 1, max, multiline = false, tooLong }: TextLimits) {
  return z
    .string()
    .overwrite(multiline ? normaliseParagraphs : normaliseLine)
    .min(min)
    .max(max, tooLong === undefined ? undefined : { message: tooLong })
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
  // A lone U+FFFD is what shownText makes of text with nothing showable (controls, invisibles).
  text === '' || text === '\ufffd' ? NO_REASON_GIVEN : text,
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
  // Only a bounded prefix is normalised, whatever the length; a cut there is marked as any cut.
  const head = text.slice(0, max * 2)
  const clean = multiline ? normaliseParagraphs(head) : normaliseLine(head)
  // Text that held only what cleaning drops (a row cached before the edge dropped invisibles)
  // still shows that something is there, as fitText does for stored text: an empty menu item or
  // a countdown without its title reads as a fault of the app.
  if (clean === '' && head.trim() !== '') return '\ufffd'
  return clipText(head.length < text.length ? `${clean}…` : clean, max)
}
