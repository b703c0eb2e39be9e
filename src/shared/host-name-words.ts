/**
 * What to say about a platform address whose host cannot be a computer's name in DNS: an empty
 * part between dots ("a..b", "example.com.."), a sign no name holds ("*", ","), a part longer
 * than DNS holds, or a whole name longer. The URL parser takes them all; the name lookup then failed as "unknown host", or as a
 * bare "EINVAL" for a long one, and the expert was told to check a network that works.
 */

/** The most characters DNS holds in one part of a name (a label), and in a whole name. */
const MOST_LABEL = 63
const MOST_NAME = 253

/** How the sentences about a name's form end: what to do. */
const REMEDY = 'check the address, as in https://platform.example.com.'

/**
 * The sentence for a host name (`URL.hostname`: IDNs already in their xn-- form) that no computer
 * can have, or undefined for one it can, an IP address included. It never repeats the name: it
 * may be very long, and a stored address's sentence is logged.
 */
export function hostNameRefusal(hostname: string): string | undefined {
  if (hostname.startsWith('[')) return undefined
  // One final dot is the name written absolute, "platform.example.com."; the dot is no part.
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname
  if (name === '' || /^\.+$/.test(name))
    return `The platform address has only dots where the computer's name goes: ${REMEDY}`
  const labels = name.split('.')
  // A name copied from a certificate's "*.example.com" without its star begins with a dot: told
  // "between two dots", the expert would look for two dots that are not there.
  if (labels[0] === '')
    return `The platform address's computer name begins with a dot (as in ".example.com"), so it names no computer: ${REMEDY}`
  if (labels.some((label) => label === ''))
    return `The platform address's computer name has an empty part between two dots (as in "a..b"), so it names no computer: ${REMEDY}`
  // The URL parser takes "*", "," or ")" in a name: a certificate's "*.example.com", or a sign copied
  // along from a sentence. The lookup then fails as an unknown host (or a wildcard record answers it).
  const sign = /[^a-z0-9._-]/i.exec(name)?.[0]
  if (sign !== undefined)
    return `The platform address's computer name holds "${sign}", which no computer's name holds (a sign copied along from a sentence, or a certificate's "*"): ${REMEDY}`
  if (labels.some((label) => label.length > MOST_LABEL))
    return `The platform address's computer name has a part between dots longer than ${MOST_LABEL} characters, which no computer's name has: ${REMEDY}`
  if (name.length > MOST_NAME)
    return `The platform address's computer name is longer than ${MOST_NAME} characters, which no computer's name is: ${REMEDY}`
  return undefined
}
