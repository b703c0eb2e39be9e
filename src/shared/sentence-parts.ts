/**
 * A client's words set inside the app's own sentence on a surface that cuts what is too long (a
 * notification's title or body, a tray line): each cut short on its own, so a long name, title or
 * note can never push the app's words beside it (who did what, a time, a fee) out of view.
 */
import { NAME_IN_SENTENCE_MAX, TITLE_IN_SENTENCE_MAX } from './os-limits'
import { shownText } from './protocol/text'

/** The most of a client's note (a cancellation's message) a notification's body quotes. */
const NOTE_IN_SENTENCE_MAX = 100

// What is written right to left: the blocks Unicode gives a right-to-left direction (Hebrew and
// Arabic to Arabic Extended-A, their presentation forms, the historic right-to-left scripts from
// Cypriot to Old Uyghur, and Mende Kikakui to the Arabic mathematical letters), and the
// right-to-left mark, which stored text keeps for the writers who need it and which, first on a
// line, lays the whole line out from the right.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u

/**
 * `part` held apart from the app's left-to-right sentence when it is written right to left: an
 * OS lays out a line in the direction of its first letter, so "سارة has not joined yet; auto-cancel
 * at 14:10" would be drawn right to left with the app's words and time reordered around the name.
 * A left-to-right mark either side sets the line's direction and keeps the name's run to itself.
 */
function heldApart(part: string): string {
  return RIGHT_TO_LEFT.test(part) ? `\u200e${part}\u200e` : part
}

/** A client's name as a sentence carries it. */
export function nameInSentence(name: string): string {
  return heldApart(shownText(name, { max: NAME_IN_SENTENCE_MAX }))
}

/** A request's title as a sentence carries it. */
export function titleInSentence(title: string): string {
  return heldApart(shownText(title, { max: TITLE_IN_SENTENCE_MAX }))
}

/** A client's note as a sentence quotes it: one line, so none of it stands apart as the app's own. */
export function noteInSentence(note: string): string {
  return shownText(note, { max: NOTE_IN_SENTENCE_MAX })
}
