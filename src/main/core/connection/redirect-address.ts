/**
 * The platform address a redirect names, as a sentence tells it: the connection line when the
 * WebSocket upgrade is sent on (upgrade-redirect.ts), and sign-in when its check or its sign-in
 * is. Told whole, the address carried the path Standby had asked ("/api/info", "/socket.io/?EIO=4")
 * and whatever user name and password the server wrote into it, and was cut at its bound without a
 * word, so the expert was asked to sign in with an address that was not a platform's, or part of one.
 */
import { redactedExcerpt } from '../../../shared/log-redaction'

/** The most characters of a redirect's address told in a sentence, an ellipsis that cuts it included. */
const MOST_TARGET_CHARS = 200

/**
 * The platform address a redirect's `location` names, read against the address `asked`: the
 * `endpoint` Standby asked under the platform address ("/socket.io", "/api/info") taken off with
 * any query, as the expert would type it; no user name or password; null when it is no web address.
 */
export function platformAddressAt(location: string, asked: string, endpoint: string): string | null {
  const base = URL.parse(asked.replace(/^ws/i, 'http'))
  const target = base === null ? null : URL.parse(location, base)
  if (target === null) return null
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[target.protocol]
  if (scheme === undefined) return null
  const path = target.pathname.replace(/\/+$/, '')
  const trimmedEndpoint = endpoint.replace(/\/+$/, '')
  const platformPath = path.endsWith(trimmedEndpoint) ? path.slice(0, -trimmedEndpoint.length) : path
  const address = `${scheme}//${target.host}${platformPath.replace(/\/+$/, '')}`
  // Cut short, it says so: told as if whole, a part of it would be the address to sign in with.
  if (redactedExcerpt(address, MOST_TARGET_CHARS + 1).length <= MOST_TARGET_CHARS)
    return redactedExcerpt(address, MOST_TARGET_CHARS)
  return `${redactedExcerpt(address, MOST_TARGET_CHARS - 1)}…`
}
