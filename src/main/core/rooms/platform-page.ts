/**
 * Which pages the core hands to the system browser on the platform's behalf: only pages of the
 * platform the expert signed in to (its origin: scheme, host and port), over https, or over plain
 * http only on this computer (the embedded platform), since a room link carries the key to the
 * room and plain http across a network would show it to anyone on the way.
 */
import { isLoopbackHost } from '../../../shared/platform-url'
import { resolveRoomUrl, roomUrlProblem } from '../../../shared/protocol/room-url'

/** The page's whole URL, or why it may not be opened, in words for the expert. */
export type PlatformPage =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string }

/**
 * `address` (a path on the platform or a whole URL) as a page of the platform at `platformUrl`
 * that may be opened, or why not.
 */
export function platformPage(address: string, platformUrl: string): PlatformPage {
  const problem = roomUrlProblem(address)
  if (problem !== null) return { ok: false, reason: `Standby will not open this link: ${problem}.` }
  const url = resolveRoomUrl(address, platformUrl)
  if (url === null) {
    return {
      ok: false,
      reason: `Standby opens only pages of the platform you signed in to (${originOf(platformUrl)}); this link points elsewhere (${originOf(address)}).`,
    }
  }
  const { protocol, hostname } = new URL(url)
  if (protocol !== 'https:' && !isLoopbackHost(hostname)) {
    return {
      ok: false,
      reason: `Standby opens platform pages over https only (plain http only on this computer), and ${originOf(platformUrl)} is plain http: ask the platform's operator for an https address and sign in with it.`,
    }
  }
  return { ok: true, url }
}

/** Where a link points, without its path and query: a room link's key stays out of log lines. */
function originOf(address: string): string {
  try {
    const { origin } = new URL(address)
    return origin === 'null' ? 'an address that is not a web page' : origin
  } catch {
    return 'an address that is not a web page'
  }
}
