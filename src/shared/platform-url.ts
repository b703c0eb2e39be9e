/**
 * Which platform addresses the app may sign in to: http(s) only, and plain http only to this
 * computer (a token or password sent in clear over a network can be read by anyone on the path).
 */
import { describeAddress } from './describe-untrusted'
import { hostNameRefusal } from './host-name-words'
import { ipv6AddressRefusal } from './ipv6-address-words'

/** The longest platform address read: a real one is far shorter, and a longer one is not parsed at all. */
export const MAX_PLATFORM_URL_LENGTH = 2048

/** `text` without its trailing slashes; a loop, since a regex anchored at the end rescans each run. */
function withoutTrailingSlashes(text: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === '/') end--
  return text.slice(0, end)
}

/**
 * `text` as the web address it means when it is written as people copy it: a WebSocket address
 * (ws://, wss://, as a server's log or a browser's developer tools show the platform's connection)
 * is the same server over http(s), its socket path and query ("/socket.io/?EIO=4…") no part of the
 * platform's address; "https//host" is "https://host" with its colon lost, not a computer named
 * "https", and "wss//host" is "wss://host". Anything else is returned as it is.
 */
function asWebAddress(text: string): string {
  // A WebSocket scheme loses its colon as well: "wss//host" is no computer named "wss" either.
  const colonLost = /^(https?|wss?)\/\//i.exec(text)
  const withColon = colonLost === null ? text : `${colonLost[1]}://${text.slice(colonLost[0].length)}`
  const socket = /^(wss?):\/\//i.exec(withColon)
  if (socket === null) return withColon
  const scheme = socket[1]?.toLowerCase() === 'wss' ? 'https' : 'http'
  return `${scheme}://${withColon.slice(socket[0].length).replace(/\/socket\.io(?:\/+)?(?:[?#].*)?$/i, '')}`
}

/** White space or an invisible format character (a zero-width space, a direction mark, a word joiner). */
const BLANK = /[\s\p{Cf}]/u

/**
 * `text` without the white space and invisible characters at its ends, which an address copied from
 * a chat or a web page brings along: a zero-width space before the scheme made the URL parser read
 * "https" as the host of a scheme-less address. A loop, as a pattern anchored at the end rescans.
 */
function withoutBlankEdges(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && BLANK.test(text[start] ?? '')) start++
  while (end > start && BLANK.test(text[end - 1] ?? '')) end--
  return text.slice(start, end)
}

/**
 * `text` with its full-width letters, digits and signs as the ASCII they stand for: an input method
 * for Japanese or Chinese types "localhost：4455" or "ｈｔｔｐｓ：／／…", whose colon and slashes
 * the URL parser does not read as such, as a browser's address bar does. Not "＃" or "？" (refused).
 */
function halfWidth(text: string): string {
  return text.replace(/[\uff01\uff02\uff04-\uff1e\uff20-\uff5e]/g, (char) =>
    String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  )
}

/** A platform address as the app will use it, or the sentence that says why it cannot. */
export type PlatformUrlCheck =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly reason: 'not_a_web_address' | 'needs_https'; readonly message: string }

/**
 * True for a host name that is this computer: `localhost` (also written `localhost.`), 127.0.0.0/8,
 * `::1` and the IPv4-mapped form of 127.0.0.0/8; not `*.localhost`, which a resolver may send out. Takes `URL.hostname`, which has already turned every spelling of an IPv4
 * address ("127.1", "0x7f.0.0.1") into dotted decimal and wraps IPv6 in brackets.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  // "localhost." is the same name written absolute (the root zone keeps it for this computer).
  if (host === 'localhost' || host === 'localhost.' || host === '[::1]') return true
  // The URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1, so 7fxx is the 127 range.
  if (/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)) return true
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return octets !== null && octets[1] === '127'
}

/**
 * True for a host name that names no computer but "any address of this one", as a server binds to:
 * 0.0.0.0/8 ("this network"), also IPv4-mapped, and `::`. Takes `URL.hostname`, where "0" is
 * already 0.0.0.0 and `[::ffff:0.1.2.3]` is written `[::ffff:1:203]`.
 */
function isUnspecifiedHost(hostname: string): boolean {
  return (
    hostname === '[::]' ||
    /^0\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
    /^\[::ffff:[0-9a-f]{1,2}:[0-9a-f]{1,4}\]$/.test(hostname)
  )
}

/**
 * What the expert typed as the platform address, checked and normalized: "localhost:4455" →
 * "http://localhost:4455", "platform.example.com" → "https://platform.example.com". A scheme other
 * than http(s), a user name or password in the address, or plain http to another computer is
 * refused with a sentence that says what to type instead.
 */
export function checkPlatformUrl(input: string): PlatformUrlCheck {
  // Settings and sign-in hand over whatever the window sent: a huge text is refused before it is
  // trimmed or parsed, so one call cannot hold the main process.
  if (input.length > MAX_PLATFORM_URL_LENGTH) {
    return {
      ok: false,
      reason: 'not_a_web_address',
      message: `The platform address is longer than ${MAX_PLATFORM_URL_LENGTH} characters; use one like https://platform.example.com.`,
    }
  }
  // Half of an emoji (a hand-edited file, a Windows environment variable) is one the URL parser
  // would quietly turn into another address, and every sentence below would echo it broken.
  if (!input.isWellFormed()) {
    return {
      ok: false,
      reason: 'not_a_web_address',
      message:
        'The platform address holds a broken character (invalid Unicode); type it again, as in https://platform.example.com.',
    }
  }
  // As ASCII they would end the host where the expert sees none end: "evil.example＃platform.example.com"
  // would sign in at evil.example.
  if (/[＃？]/.test(input))
    return {
      ok: false,
      reason: 'not_a_web_address',
      message: `The platform address holds a full-width "＃" or "？", which no web address has: check it, and type it in half-width signs, as in https://platform.example.com.`,
    }
  const trimmed = withoutTrailingSlashes(
    asWebAddress(withoutTrailingSlashes(withoutBlankEdges(halfWidth(input)))),
  )
  // An address with a user name or password is never echoed: the sentence is shown and logged.
  const withCredentials = /^(?:[a-z][a-z0-9+.-]*:\/*)?[^/?#]*@/i.test(trimmed)
  const notAWebAddress = {
    ok: false,
    reason: 'not_a_web_address',
    message: withCredentials
      ? 'The platform address holds a user name or password (the part before "@"): leave it out, as in https://platform.example.com, and sign in with your email and password below.'
      : `${describeAddress(trimmed)} is not a web address; use one like https://platform.example.com.`,
  } as const
  // "host:4455" has no scheme; "mailto:x" or "ftp://x" has one, and it must be http(s).
  const hasScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed)
  const port = badPort(hasScheme ? trimmed : `http://${trimmed}`)
  if (port !== undefined && !withCredentials) {
    return {
      ok: false,
      reason: 'not_a_web_address',
      message: `The port in the platform address, ${port}, is not a port: use a number from 1 to 65535, as in https://platform.example.com:4455.`,
    }
  }
  const ipv6 = withCredentials ? undefined : ipv6AddressRefusal(trimmed)
  if (ipv6 !== undefined) return { ok: false, reason: 'not_a_web_address', message: ipv6 }
  let url: URL
  try {
    url = new URL(hasScheme ? trimmed : `http://${trimmed}`)
    // Without a scheme, another computer is reached over https, this one over http.
    if (!hasScheme && !isLoopbackHost(url.hostname)) url = new URL(`https://${trimmed}`)
  } catch {
    return notAWebAddress
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return notAWebAddress
  if (url.hostname === '' || url.username !== '' || url.password !== '') return notAWebAddress
  const badName = hostNameRefusal(url.hostname)
  if (badName !== undefined) return { ok: false, reason: 'not_a_web_address', message: badName }
  // What a server prints as where it listens ("listening on http://0.0.0.0:4455") is no address to
  // reach it at: said so with the one that is, not told to add https to it.
  if (isUnspecifiedHost(url.hostname)) {
    return {
      ok: false,
      reason: 'not_a_web_address',
      message:
        'The platform address names the address a server listens on, which reaches no computer: for a ' +
        `platform on this computer use http://127.0.0.1${url.port === '' ? '' : `:${url.port}`}, otherwise ` +
        "the platform's own name, as in https://platform.example.com.",
    }
  }
  if (isBlockedPort(Number(url.port))) {
    return {
      ok: false,
      reason: 'not_a_web_address',
      message:
        `The port in the platform address, ${url.port}, is one that web clients (Standby and browsers) ` +
        'never connect to, as it belongs to another service such as mail or chat: serve the platform on ' +
        'another port, as in https://platform.example.com:4455.',
    }
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: 'needs_https',
      message:
        `${url.host} is reached over plain http://, which would send your password and session in ` +
        `clear; use https://${url.host}${platformBasePath(url)} (http:// is allowed ` +
        'only for this computer: localhost, 127.0.0.1, [::1]).',
    }
  }
  // Without the slashes a query, a fragment or a dot segment left at the end of the path: the app
  // adds its paths to this address, and "/base/" would make them "/base//api".
  return { ok: true, url: `${url.protocol}//${url.host}${platformBasePath(url)}` }
}

/**
 * The ports fetch refuses to connect to, whatever answers there (the Fetch standard's "bad ports":
 * https://fetch.spec.whatwg.org/#port-blocking). Sign-in asks the platform with fetch, so an
 * address on one of them would fail only as "fetch failed", with advice about the network.
 */
const BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
])

/** Whether fetch and browsers refuse to connect to `port`: a platform served there is never reached. */
export function isBlockedPort(port: number): boolean {
  return BLOCKED_PORTS.has(port)
}

/**
 * The port an http(s) address names when no connection can be made to it (0, or past 65535),
 * as typed; undefined when it names a usable one, none, or is not read as http(s) at all.
 */
function badPort(address: string): string | undefined {
  const port = /^https?:\/\/(?:\[[^\]]*\]|[^/?#:[]*):(\d+)(?:[/?#]|$)/i.exec(address)?.[1]
  if (port === undefined) return undefined
  const value = Number(port)
  return value >= 1 && value <= 65535 ? undefined : port
}

/**
 * The path a platform is served under, without a trailing slash: "" at the root, "/standby" for
 * https://host/standby. The platform's own paths (its API, its socket, its rooms) are under it.
 */
export function platformBasePath(platformUrl: URL): string {
  return withoutTrailingSlashes(platformUrl.pathname)
}

/**
 * Whether two addresses name one platform, each read as sign-in uses it: the cache must not be
 * emptied as another platform's for a base path's trailing slash an older Standby recorded, nor for
 * a host's final dot ("platform.example.com." is the same name written absolute).
 */
export function isSamePlatform(a: string, b: string): boolean {
  return platformIdentity(a) === platformIdentity(b)
}

/**
 * The one spelling of a platform's address, for telling platforms apart and keying what is kept per
 * platform: as sign-in uses it, with its host's final dot dropped; as it is when it is refused.
 */
export function platformIdentity(address: string): string {
  const checked = checkPlatformUrl(address)
  if (!checked.ok) return address
  const url = new URL(checked.url)
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1)
  return `${url.protocol}//${url.host}${platformBasePath(url)}`
}

/** True when `url`, scheme included, is an address the app may talk to a platform at (stored addresses). */
export function isAllowedPlatformUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) && checkPlatformUrl(url).ok
}

/** What a stored address is refused with when it is refused over its scheme, its host or its form. */
const STORED_NEEDS_HTTPS =
  'The platform address must be https:// (http:// only for this computer: localhost, 127.0.0.1, [::1])'
const STORED_NOT_WEB = 'The platform address is not a web address; use one like https://platform.example.com'

/**
 * Why a stored or carried address (settings, the host's) is refused, in a sentence that never
 * repeats it (it is logged, and may hold a password); null when isAllowedPlatformUrl takes it.
 */
export function storedPlatformUrlRefusal(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return STORED_NOT_WEB
  const checked = checkPlatformUrl(url)
  if (checked.ok) return null
  if (checked.reason === 'needs_https') return STORED_NEEDS_HTTPS
  // The sentences about the port, a user name or password, the length or a broken character
  // begin "The ..." and name no part of the address; the one that echoes it begins with it.
  return checked.message.startsWith('The ') ? checked.message : STORED_NOT_WEB
}

/**
 * The platform address the sign-in form suggests, from the host's environment (STANDBY_PLATFORM_URL
 * or the embedded platform), as sign-in would use it; null, with `refused` told the sentence, when
 * sign-in would refuse it. Such an address is shown on screen, in the form and in Settings, so one
 * holding a password would show it, and one the form would refuse only sends the expert round.
 */
export function suggestedPlatformUrl(
  raw: string | null | undefined,
  refused: (sentence: string) => void,
): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null
  const checked = checkPlatformUrl(raw)
  if (checked.ok) return checked.url
  refused(`The suggested platform address is not used: ${checked.message}`)
  return null
}
