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

/**
 * True when every name `req` carries is one `allows` takes: its one Host header and, when the
 * request line has a whole URL in it, that URL's host.
 */
export function addressedOnlyTo(
  req: Pick<IncomingMessage, 'rawHeaders' | 'headers' | 'url'>,
  allows: (host: string | undefined) => boolean,
): boolean {
  if (hostLines(req).length !== 1 || !allows(req.headers.host)) return false
  const target = req.url ?? '/'
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(target)) return true
  const url = URL.parse(target)
  return url !== null && allows(url.host)
}
