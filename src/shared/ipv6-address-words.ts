/**
 * What to say about a platform address naming an IPv6 address the way a web address cannot hold
 * it: written without its brackets ("::1", "2001:db8::1", as `ip addr` or a server's log prints
 * it), or with a network interface after "%" (a zone, "fe80::1%eth0"), which the URL standard has
 * no place for. Told only "is not a web address", the expert could not see which part was wrong.
 */

/** Examples of an IPv6 address as a web address holds it, this computer's and another's. */
const BRACKETED_EXAMPLES = 'http://[::1]:4455 for this computer, https://[2001:db8::1]:4455 for another'

/** The IPv6 address in brackets is written without them, with any port after the closing one. */
const WITHOUT_BRACKETS =
  'The platform address is an IPv6 address written without its brackets: a web address holds one in ' +
  `brackets, with the port, if any, after them, as in ${BRACKETED_EXAMPLES}.`

/** A zone is a network interface of this computer: no web address, and no server's name, names one. */
const WITH_ZONE =
  'The platform address names a network interface after "%" (a zone, as in fe80::1%eth0), which a ' +
  "web address cannot hold: use the platform's name, or another of its addresses (its IPv4 address, " +
  'or an IPv6 address without a zone, in brackets, as in https://[2001:db8::1]:4455).'

/** Colons, hex digits and an IPv4 tail: the characters an IPv6 address is written in. */
const IPV6_CHARACTERS = /^[0-9a-f:.]+$/i

/** Whether `text` is an IPv6 address as it is written between a web address's brackets. */
function isIpv6(text: string): boolean {
  // Two colons at least: "host:4455" is a name and its port, "::1" and "fe80::1" are not.
  if (!IPV6_CHARACTERS.test(text) || text.split(':').length < 3) return false
  return URL.parse(`http://[${text}]`) !== null
}

/**
 * The sentence for `address` (as typed, its ends trimmed) when its host is an IPv6 address written
 * without brackets or with a zone; undefined for any other address, whatever else is wrong with it.
 */
export function ipv6AddressRefusal(address: string): string | undefined {
  const scheme = /^https?:\/\//i.exec(address)
  const host = /^[^/?#]*/.exec(address.slice(scheme?.[0].length ?? 0))?.[0] ?? ''
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host)
  const inside = bracketed === null ? host : (bracketed[1] ?? '')
  const zone = inside.indexOf('%')
  if (zone > 0 && isIpv6(inside.slice(0, zone))) return WITH_ZONE
  if (bracketed === null && isIpv6(host)) return WITHOUT_BRACKETS
  return undefined
}
