/**
 * The names an HTTP request is addressed to, for a server that answers only its own: a web page
 * that rebinds its host name to a loopback address reaches the port, but still names its own host.
 * Node keeps only the first of several Host headers, while a proxy in front may act on the last,
 * and a request line that holds a whole URL names its host there, which HTTP says wins over the
 * header: a server that read only `req.headers.host` would answer requests meant for another name.
 */
import type { IncomingMessage } from 'node:http'

/** The lines of header `name` a request sent, as it sent them (Node keeps only the first Host or Authorization). */
export function headerLines(req: Pick<IncomingMessage, 'rawHeaders'>, name: RegExp): string[] {
  return req.rawHeaders.filter((_, i) => i % 2 === 0 && name.test(req.rawHeaders[i] ?? ''))
}

/** The Host lines of a request as it sent them. */
export function hostLines(req: Pick<IncomingMessage, 'rawHeaders'>): string[] {
  return headerLines(req, /^host$/i)
}

/** A request line's whole URL (absolute form), its authority as sent in group 1. */
const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i

/**
 * True when every name `req` carries is one `allows` takes: its one Host header and, when the
 * request line has a whole URL in it, that URL's authority as sent, read as the header is. URL
 * would hand over the host it normalised ("127.1" read as "127.0.0.1", a port's leading zeros
 * dropped) and leave out a user name before an "@", which HTTP says a server should refuse, as it
 * is there to hide which host a request is for ("http://evil.example@127.0.0.1/").
 */
export function addressedOnlyTo(
  req: Pick<IncomingMessage, 'rawHeaders' | 'headers' | 'url'>,
  allows: (host: string | undefined) => boolean,
): boolean {
  if (hostLines(req).length !== 1 || !allows(req.headers.host)) return false
  const target = req.url ?? '/'
  const authority = ABSOLUTE_FORM.exec(target)?.[1]
  if (authority === undefined) return true
  return URL.parse(target) !== null && !authority.includes('@') && allows(authority)
}
