/**
 * Cutting text to a length between whole user-perceived characters, so a cut never splits an
 * emoji, a flag or a letter from its accent. Free of zod, so the renderer may use it.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * `text` in at most `max` UTF-16 units (the unit Windows counts its limits in, and never fewer
 * than code points), cut between whole characters and ended with an ellipsis when cut.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text
  return `${cutText(text, max - 1).trimEnd()}…`
}

/**
 * `text` in at most `max` UTF-16 units, cut between whole characters and marked nowhere: for a
 * value that is sent on rather than shown (a search), where half an emoji would be refused.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  if (plainBoundary(text, max)) return text.slice(0, max)
  let kept = ''
  // The character just past the cut is segmented too, whole (both halves of a surrogate pair), so
  // a character that would go on past it is not kept: half of one reads as a control character, and
  // a joiner before it (a family emoji cut after "woman" and its joiner) would end a character there.
  const past = isHighSurrogate(text.charCodeAt(max)) ? 2 : 1
  for (const { segment } of graphemes.segment(text.slice(0, max + past))) {
    if (kept.length + segment.length > max) break
    kept += segment
  }
  return kept
}

/**
 * `text` cut as `cutText` cuts it, but after the last space before the word that cut would split,
 * so the word stands whole on one side: find in page finds a word only within one block of text.
 * A word the cut falls more than `longestWord` units into (an unbroken run) is cut where `cutText`
 * cuts it. Spaces, not a word segmenter: a pre-rendered frame and the window must cut alike, and
 * their segmenters' dictionaries differ.
 */
export function cutBeforeWord(text: string, max: number, longestWord: number): string {
  const cut = cutText(text, max)
  if (cut.length === text.length || SPACE.test(text.charAt(cut.length))) return cut
  for (let at = cut.length; at > 0 && cut.length - at <= longestWord; at--) {
    // After a space, unless a mark that joins the space comes next.
    if (SPACE.test(cut.charAt(at - 1))) return cutText(text, at).length === at ? text.slice(0, at) : cut
  }
  return cut
}

/** A space or line break, after which a word starts. */
const SPACE = /\s/

/**
 * Below U+0300 (Latin and its punctuation) no character joins the one before it, and only CR joins
 * the LF after it: a cut between two such units splits nothing. Segmenting is what costs in a
 * cut, and every invite's notification is cut before it is shown.
 */
const FIRST_JOINING_UNIT = 0x300

/** Whether `unit` is the first half of a character outside the Basic Multilingual Plane (most emoji). */
function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

/** Whether `text` may be cut before index `at` without segmenting it: both sides are plain Latin. */
function plainBoundary(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1)
  const after = text.charCodeAt(at)
  return before < FIRST_JOINING_UNIT && after < FIRST_JOINING_UNIT && !(before === 0x0d && after === 0x0a)
}
