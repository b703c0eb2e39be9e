/**
 * The shell's answer to a CONNECT. Node hands that method to no route and, with no listener for
 * it, drops the connection without a word; the shell is no proxy, and says so as it does for every
 * other method it does not serve, with the headers every answer carries.
 */
import { STATUS_CODES, type Server } from 'node:http'
import { describeAddress } from '../shared/describe-untrusted'
import type { Logger } from '../main/core/ports/logger'
import { plainText, type PageResponse } from '../main/node/renderer-pages/renderer-pages'

/** `page` as the raw text of an HTTP/1.1 answer that closes its connection. */
function rawAnswer(page: PageResponse): string {
  const body = String(page.body)
  const headers = { ...page.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return [`HTTP/1.1 ${page.status} ${STATUS_CODES[page.status] ?? ''}`, ...lines, '', body].join('\r\n')
}

/** Answers every CONNECT to `http` with 405 and closes its connection, with a log line. */
export function refuseConnect(http: Server, log: Pick<Logger, 'warn'>): void {
  http.on('connect', (req, socket) => {
    log.warn(`Browser shell refused a CONNECT to ${describeAddress(req.url)}: it is no proxy.`)
    socket.on('error', () => undefined)
    // Destroyed once answered: a client that never closes its side would hold it half open.
    socket.end(rawAnswer(plainText(405, 'Standby’s pages are only read.')), () => socket.destroy())
  })
}
