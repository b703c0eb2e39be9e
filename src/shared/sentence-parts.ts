/**
 * A client's words set inside the app's own sentence on a surface that cuts what is too long (a
 * notification's title or body, a tray line): each cut short on its own, so a long name, title or
 * note can never push the app's words beside it (who did what, a time, a fee) out of view.
 */
import { NAME_IN_SENTENCE_MAX, TITLE_IN_SENTENCE_MAX } from './os-limits'
import { shownText } from './protocol/text'

/** The most of a client's note (a cancellation's message) a notification's body quotes. */
const NOTE_IN_SENTENCE_MAX = 100

/** A client's name as a sentence carries it. */
export function nameInSentence(name: string): string {
  return shownText(name, { max: NAME_IN_SENTENCE_MAX })
}

/** A request's title as a sentence carries it. */
export function titleInSentence(title: string): string {
  return shownText(title, { max: TITLE_IN_SENTENCE_MAX })
}

/** A client's note as a sentence quotes it: one line, so none of it stands apart as the app's own. */
export function noteInSentence(note: string): string {
  return shownText(note, { max: NOTE_IN_SENTENCE_MAX })
}
