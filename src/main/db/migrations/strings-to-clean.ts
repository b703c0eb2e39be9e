/**
 * Whether stored JSON holds a string that cleaning changes, read from the JSON text itself: most
 * rows past ASCII hold only clean text (a name in Japanese, an emoji), and parsing each of them
 * whole to look at every string cost migration 0021 most of its time.
 */
import { normaliseParagraphs } from '../../../shared/text-normalise'

// Where a string that cleaning may change begins to differ from printable ASCII: a character past
// ASCII, a control or DEL written as itself, or an escape (a quote, a control, any \u…). Ids,
// links, zones and printable ASCII text never reach it, and so are never cut out and cleaned.
const NOT_PLAIN = /[^\x20-\x7e]|\\/g
// The rest of a string from inside it: anything but a quote or a backslash, or an escape, up to
// the quote that closes it.
const REST_OF_STRING = /(?:[^"\\]|\\[^])*"/y

/**
 * Whether a string in `json` (JSON text as JSON.stringify writes it, whose keys are ASCII) changes
 * when cleaned as multi-line text: see migration 0021 for why that stands for one-line text too,
 * and why printable ASCII is passed over. Only the strings holding more than printable ASCII are
 * cut out, each once, and none of them is cleaned twice; text that is no JSON is left to the parse.
 */
export function holdsTextToClean(json: string): boolean {
  // Made once, not per row: each search sets where it starts before it runs.
  NOT_PLAIN.lastIndex = 0
  while (NOT_PLAIN.test(json)) {
    // Everything between the last string looked at and this character is printable ASCII without
    // a backslash, so the nearest quote before it opens the string it is in.
    const at = NOT_PLAIN.lastIndex - 1
    const open = json.lastIndexOf('"', at)
    REST_OF_STRING.lastIndex = at
    if (open < 0 || !REST_OF_STRING.test(json)) return true
    const literal = json.slice(open, REST_OF_STRING.lastIndex)
    let text: unknown
    try {
      text = literal.includes('\\') ? JSON.parse(literal) : literal.slice(1, -1)
    } catch {
      return true
    }
    if (typeof text !== 'string' || normaliseParagraphs(text) !== text) return true
    NOT_PLAIN.lastIndex = REST_OF_STRING.lastIndex
  }
  return false
}
