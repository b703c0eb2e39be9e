/**
 * How free text is normalised before its limit is checked and it is stored (protocol/text.ts),
 * and how History's search folds it (foldForSearch): free of zod, so the window can tell, as the
 * platform would, that a draft holds nothing to send, and as the cache would, what a search finds.
 */

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
// words. So do the other format controls that draw nothing (shorthand overlaps and steps, musical
// beams and slurs) and the code points Unicode leaves unassigned among the ignorable ones, which
// every renderer is told to draw as nothing, assigned or not. Kept on purpose: the zero-width
// joiner and non-joiner (emoji sequences, Persian and Indic spelling), variation selectors (emoji
// presentation, ideographic variants) and the LRM/RLM/ALM marks, which right-to-left writers need
// and which cannot reorder a run. Tag characters are kept only as a
// subdivision flag spells them (England, Scotland, Wales: the black flag, a region and a
// subdivision code in tag letters and digits, the cancel tag), which is matched first and kept
// whole; a longer run could carry hidden words. The combining ones stand outside the class, where
// the source cannot show them joined to the character before. Noncharacters (U+FFFE, U+FFFF,
// U+FDD0-U+FDEF and the last two of every plane) are no text at all: a Windows notification, whose
// XML cannot hold U+FFFE or U+FFFF, would not be shown with one in its title.
const INVISIBLES =
  /(\u{1f3f4}[\u{e0030}-\u{e0039}\u{e0061}-\u{e007a}]{3,7}\u{e007f})|\p{Noncharacter_Code_Point}|\u034f|\u17b4|\u17b5|[\u00ad\u115f\u1160\u180e\u200b\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e00ff}\u{e01f0}-\u{e0fff}]/gu

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

// Text in which every step above finds nothing to change (printable ASCII; for paragraphs, with
// tabs and line feeds too) needs only trimming. Most text is such, and every field of every
// message is normalised as it is validated, on the platform and again in the app: one test
// instead of seven passes, four of them Unicode-aware, over each.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/
const PRINTABLE_ASCII_LINES = /^[\t\n\x20-\x7e]*$/

// What cleaning keeps that draws nothing of its own: the joiners, the directional marks and the
// variation selectors (see INVISIBLES) join, steer or pick the look of the characters beside them.
// Text of nothing else but them and blanks shows as no text at all ("Waiting for  to join…"), so
// it is taken for empty, as spaces alone are.
const DRAWS_NOTHING = /^[\s\u2800\u061c\u200c-\u200f\p{Variation_Selector}]*$/u

// The braille blank draws as a space, yet trim() keeps it as the letter it is to Unicode: a name of
// nothing else would show as no name at all ("Waiting for  to join…", a row a screen reader reads
// as blank), and pass where spaces alone are refused. At either end it goes as a space does;
// between braille letters it is the space braille writes, and stays. The run at either end that
// trimming looks through holds blanks and what draws nothing (DRAWS_NOTHING).
const AT_AN_END = /^[\s\u2800\u061c\u200c-\u200f\p{Variation_Selector}]$/u
const BLANK = /^[\s\u2800]$/u

/**
 * `text` without spaces or braille blanks at either end, nor what draws nothing among or beyond
 * them; empty when nothing in it draws. A joiner, mark or variation selector that touches the text
 * stays, as it joins, steers or styles the character beside it (a heart and its emoji selector);
 * one with a blank between it and the text joins nothing, and hid the blank from trimming.
 */
function trimmed(text: string): string {
  // Code point by code point, never a regex: one anchored at the end retries from every blank of a
  // long run inside, and a variation selector past the first plane is two units, never split.
  let from = 0
  for (let at = 0; at < text.length;) {
    const next = at + (text.codePointAt(at)! > 0xffff ? 2 : 1)
    const character = text.slice(at, next)
    if (!AT_AN_END.test(character)) break
    if (BLANK.test(character)) from = next
    at = next
  }
  let to = text.length
  for (let at = text.length; at > from;) {
    const before = at - (at - 2 >= from && text.codePointAt(at - 2)! > 0xffff ? 2 : 1)
    const character = text.slice(before, at)
    if (!AT_AN_END.test(character)) break
    if (BLANK.test(character)) to = before
    at = before
  }
  const kept = text.slice(from, to)
  return DRAWS_NOTHING.test(kept) ? '' : kept
}

/** One-line text as stored: well-formed, breaks and tabs as spaces, no controls, invisibles or piles of marks, trimmed. */
export function normaliseLine(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.trim()
  return trimmed(
    withoutHiddenOrPiled(wellFormed(text).replace(SINGLE_LINE_BREAKS, ' ').replace(CONTROLS, '')),
  )
}

/**
 * Multi-line text as stored: well-formed, every line break as "\n", tabs kept, no other controls,
 * no invisibles and no piles of marks, trimmed.
 */
export function normaliseParagraphs(text: string): string {
  if (PRINTABLE_ASCII_LINES.test(text)) return text.trim()
  return trimmed(
    withoutHiddenOrPiled(
      wellFormed(text).replace(MULTILINE_BREAKS, '\n').replace(CONTROLS_BUT_TAB_AND_NEWLINE, ''),
    ),
  )
}

/**
 * Whether `text` holds nothing once normalised (only spaces, braille blanks, controls or
 * invisibles, the joiners, marks and variation selectors kept among them included): what a required text field refuses as empty, so a page can say so before anything
 * is sent.
 */
export function isBlankText(text: string): boolean {
  return normaliseParagraphs(text) === ''
}

// Characters that make two spellings of one word differ for search alone: the joiners and
// directional marks stored text keeps (see INVISIBLES), which the index would take for a break
// inside a word, and the variation selectors that pick an emoji's or a letter's look.
// The joiners stand outside the class, where the source cannot show them joined.
const NOT_SEARCHED = /\u200c|\u200d|[\u061c\u200e\u200f]|\p{Variation_Selector}/gu
// The accents of Latin, Greek and Cyrillic letters, once decomposed. The index drops them
// itself from precomposed Latin letters only, and from any letter that comes decomposed.
const ACCENTS = /[\u0300-\u036f]/g
// Text with nothing to fold: the index already ignores the case of ASCII letters.
const ASCII_ONLY = /^\p{ASCII}*$/u

/**
 * `text` as search compares it, the same for the indexed text and the query: compatibility forms
 * as their plain spelling (NFKC: full-width letters, ligatures, circled digits), full case folding
 * (ß and ẞ as ss, final sigma as sigma, which the index's own folding leaves apart), no accents
 * on Latin, Greek or Cyrillic letters (the index drops them from precomposed Latin ones only),
 * and no joiners, directional marks or variation selectors.
 */
export function foldForSearch(text: string): string {
  if (ASCII_ONLY.test(text)) return text
  // Lower, upper, lower: the upper case of ß is SS, but ẞ has only ß as its lower case.
  return text
    .normalize('NFKC')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .replaceAll('ς', 'σ')
    .normalize('NFD')
    .replace(ACCENTS, '')
    .replace(NOT_SEARCHED, '')
    .normalize('NFC')
}
