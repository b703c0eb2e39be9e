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
  let kept = ''
  // One unit past the cut is segmented, so a character that would go on past it is not kept.
  for (const { segment } of graphemes.segment(text.slice(0, max + 1))) {
    if (kept.length + segment.length > max) break
    kept += segment
  }
  return kept
}
