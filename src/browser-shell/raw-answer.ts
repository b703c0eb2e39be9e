/** Answers written straight to a connection no ServerResponse owns (a CONNECT, an upgrade). */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { PageResponse } from '../main/node/renderer-pages/renderer-pages'

/** `page` as the raw text of an HTTP/1.1 answer that closes its connection. */
export function rawAnswer(page: PageResponse): string {
  const body = String(page.body)
  const headers = { ...page.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return [`HTTP/1.1 ${page.status} ${STATUS_CODES[page.status] ?? ''}`, ...lines, '', body].join('\r\n')
}

/** Sends `page` on `socket`, then destroys it: a client that never closes its side would hold it half open. */
export function answerAndClose(socket: Duplex, page: PageResponse): void {
  socket.on('error', () => undefined)
  socket.end(rawAnswer(page), () => socket.destroy())
}
