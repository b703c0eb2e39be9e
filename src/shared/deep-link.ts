/**
 * Deep links: `standby://invite/<id>` and `standby://session/<id>`, handed to the app by the OS
 * from a browser, a mail or a chat. Whoever can put a link in front of the expert can send any
 * text here, so a link is read with `URL` and then must be exactly what the app writes itself:
 * anything else is refused, with a reason a log line can carry, and opens nothing.
 */
import { z } from 'zod'
import { Id } from './protocol/entities'

/** The scheme the OS hands to the app; the app's own pages use another (standby-app:). */
export const DEEP_LINK_SCHEME = 'standby'

/** The longest text read as a link: a valid one is far shorter, and a huge one is not read at all. */
export const MAX_DEEP_LINK_LENGTH = 200

/**
 * An id as it may stand in a link: the protocol's id, limited to the characters a URL path
 * carries as they are, so no percent-decoding ever happens. A run of dots is refused, since
 * URL parsing treats it as "this folder" or "the folder above" rather than as a name.
 */
const LinkId = Id.regex(/^[A-Za-z0-9._~-]+$/, {
  message: 'An id in a link is letters, digits and ._~-',
}).refine((id) => !/^\.+$/.test(id), { message: 'An id in a link is not dots alone' })

/** What a deep link opens: one invite or one session, by id. */
export const DeepLink = z.object({ kind: z.enum(['invite', 'session']), id: LinkId }).strict()
/** What a deep link opens. */
export type DeepLink = z.infer<typeof DeepLink>

/** A link read: what it opens, or why it opens nothing. */
export type DeepLinkReading =
  { readonly ok: true; readonly link: DeepLink } | { readonly ok: false; readonly reason: string }

/** The link the app writes for `link`, and the only spelling it accepts. */
export function deepLinkUrl(link: DeepLink): string {
  return `${DEEP_LINK_SCHEME}://${link.kind}/${link.id}`
}

const refuse = (reason: string): DeepLinkReading => ({ ok: false, reason })

/**
 * Spaces, controls and characters that show nothing: format characters (zero-width, direction
 * marks, soft hyphens) and the others Unicode says to draw as nothing (fillers, variation selectors).
 */
const HIDDEN = /[\s\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]/u
/** Every hidden character, to read what the link shows. */
const ALL_HIDDEN = new RegExp(HIDDEN.source, 'gu')
const HIDDEN_REASON = 'it has spaces, control or invisible characters, which Standby never writes in a link'
/** Printable ASCII only, as every link Standby writes. */
const ASCII = /^[\x21-\x7e]*$/
/** Why a link with other characters is refused: most often a letter of another alphabet that looks like ours. */
const LOOK_ALIKE =
  'it has characters Standby never writes in a link, such as a letter from another alphabet that looks like a Latin one'

const KINDS: ReadonlyArray<string> = DeepLink.shape.kind.options

/**
 * Why a link that shows as one of ours is spelt with what Standby never writes (hidden characters,
 * letters that only look Latin), read in `raw` and in its percent-escapes decoded: a browser hands
 * on such a link percent-encoded, where it would be told only that it has escapes. Null for
 * printable ASCII. The decoded text only chooses these words; the link is never read from it.
 */
function unwrittenCharacters(raw: string): string | null {
  let decoded = raw
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    // Escapes that decode to no text: told as escapes further on.
  }
  if (HIDDEN.test(raw) || HIDDEN.test(decoded)) return HIDDEN_REASON
  if (!ASCII.test(raw) || !ASCII.test(decoded)) return LOOK_ALIKE
  return null
}

/** Why text that is no URL was refused: a link with a hidden character in its scheme looks like one. */
function notAUrl(raw: string): string {
  if (HIDDEN.test(raw))
    return new RegExp(`^${DEEP_LINK_SCHEME}:`, 'i').test(raw.replace(ALL_HIDDEN, ''))
      ? HIDDEN_REASON
      : 'it is not a URL'
  if (!ASCII.test(raw)) return LOOK_ALIKE
  // Ours by its scheme, with what no host may hold where invite or session stands: said as that.
  if (!new RegExp(`^${DEEP_LINK_SCHEME}:`, 'i').test(raw)) return 'it is not a URL'
  if (raw.includes('\\')) return 'it has a backslash (\\) where Standby writes a slash'
  // A port no URL holds (`standby://invite:abc/x`) still names a port after invite, not another kind.
  return emptyUserOrPort(raw) ? 'it names a user or a port' : 'it names neither an invite nor a session'
}

/**
 * What is wrong with a link's kind (its host) or id (its path), said so the expert can tell a
 * link that was mistyped or changed on its way from one that was never Standby's. Only words of
 * ours: the text itself is the link's, which the log shows escaped.
 */
function whatIsWrong(kind: string, id: string): string {
  if (!KINDS.includes(kind)) {
    // URL lowercases no host of a scheme it does not know, so the case is Standby's to read.
    const lower = kind.toLowerCase()
    return KINDS.includes(lower)
      ? `it writes ${lower} in capital letters; Standby writes invite and session in lower case`
      : 'it names neither an invite nor a session'
  }
  if (id === '') return `it names no ${kind} id`
  if (id.startsWith('/')) return `it has more than one slash after ${kind}, where Standby writes one`
  if (id.includes('/')) return `it has more after the ${kind} id than one slash`
  if (id.length > (Id.maxLength ?? Infinity))
    return `its ${kind} id is longer than ${Id.maxLength} characters`
  if (/^\.+$/.test(id)) return `its ${kind} id is dots alone`
  return `its ${kind} id holds characters other than letters, digits and ._~-`
}

/**
 * Whether the part before the path has an `@` or a port's colon, which URL drops when empty
 * (`standby://@invite/x`, `standby://invite:/x`) and cannot read when it is no port
 * (`standby://invite:abc/x`): told as what it is, not as a link that is not spelt right or names
 * another kind. An IPv6 host's colons are inside its brackets.
 */
function emptyUserOrPort(raw: string): boolean {
  const authority = /^[^:]*:\/\/([^/\\?#]*)/.exec(raw)?.[1] ?? ''
  return authority.includes('@') || authority.replace(/\[[^\]]*\]/g, '').includes(':')
}

/** Read `raw` as a deep link. Never throws, whatever `raw` is. */
export function readDeepLink(raw: unknown): DeepLinkReading {
  if (typeof raw !== 'string') return refuse('it is not text')
  if (raw.length > MAX_DEEP_LINK_LENGTH) return refuse(`it is longer than ${MAX_DEEP_LINK_LENGTH} characters`)
  if (!raw.isWellFormed()) return refuse('it is not well-formed Unicode')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return refuse(notAUrl(raw))
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return refuse(`it is not a ${DEEP_LINK_SCHEME}:// link`)
  // Several links in one text: a command line that held more than the one link a click hands
  // over (deep-link-argv.ts). Told as such, not as a link with a space in it.
  if (new RegExp(`\\S\\s+${DEEP_LINK_SCHEME}:`, 'i').test(raw))
    return refuse('it is several links at once, and a click hands over one')
  // Said before the link is read further: URL drops some of these and percent-encodes the rest, so
  // a link that shows "invite" would be told it names no invite, or is not spelt right, not why.
  const unwritten = unwrittenCharacters(raw)
  if (unwritten !== null) return refuse(unwritten)
  // URL reads the kind from what follows two slashes: with fewer (or a third) it finds none, and
  // the link would be told it names neither an invite nor a session.
  if (url.host === '' && !/^[^!-~]*[a-z]+:\/\/(?!\/)/i.test(raw))
    return refuse(
      `it does not have exactly two slashes after ${DEEP_LINK_SCHEME}:, as Standby writes its links`,
    )
  if (url.username !== '' || url.password !== '' || url.port !== '' || emptyUserOrPort(raw))
    return refuse('it names a user or a port')
  if (raw.includes('?') || raw.includes('#')) return refuse('it has a query or a fragment')
  // Standby writes neither (an id is letters, digits and ._~-): said as such, not as a bad id.
  if (raw.includes('%')) return refuse('it has percent-escapes (%), which Standby never writes in a link')
  // URL resolves them away, and would read another kind or id than the link shows.
  if (/\/\.\.?(?:[/\\]|$)/.test(raw))
    return refuse('it has a . or .. segment, which Standby never writes in a link')
  // Some Windows browsers add a slash to a custom scheme's link: one is allowed, nothing more.
  const path = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname
  const parsed = DeepLink.safeParse({ kind: url.host, id: path.slice(1) })
  if (!parsed.success) return refuse(whatIsWrong(url.host, path.slice(1)))
  // URL drops tabs, newlines and spaces around a link as it reads it: a link that is not spelt
  // exactly as the app writes it (scheme case aside) hides something and is refused.
  const spelt = `${raw.slice(0, DEEP_LINK_SCHEME.length).toLowerCase()}${raw.slice(DEEP_LINK_SCHEME.length)}`
  const canonical = deepLinkUrl(parsed.data)
  if (spelt !== canonical && spelt !== `${canonical}/`)
    return refuse('it is not spelt as Standby writes its links')
  return { ok: true, link: parsed.data }
}
