/**
 * A bound on how many object members a client's JSON text may hold, checked before it is parsed.
 * JSON.parse of an object with thousands of distinct keys costs about a hundred times what the
 * same bytes of plain text cost, and a socket message is parsed and scanned more than once on its
 * way in: without the bound, one client sending such messages, signed in or not, could hold a core
 * of the platform with a few megabytes a second. Commands, handshakes and bodies hold a few dozen.
 */

/** The most object members (key and value pairs, however nested) a client's JSON text may hold. */
export const MOST_JSON_MEMBERS = 1_000

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a

/**
 * Whether `text` holds more than `most` object members: colons outside strings, so a string full
 * of colons counts for nothing. Reads the text once and stops at the first member over the bound;
 * text that is no JSON at all is counted the same way and refused later by the parser.
 */
export function holdsTooManyMembers(text: string, most = MOST_JSON_MEMBERS): boolean {
  let members = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) {
      for (i++; i < text.length; i++) {
        const inside = text.charCodeAt(i)
        if (inside === BACKSLASH) i++
        else if (inside === QUOTE) break
      }
    } else if (code === COLON && ++members > most) return true
  }
  return false
}

/** What a client is told when its JSON holds too many members. */
export function tooManyMembers(what: string): string {
  return `${what} holds more than ${MOST_JSON_MEMBERS.toLocaleString('en')} keys, far more than any command or sign-in has, so it was not read; send only the keys the protocol names.`
}
