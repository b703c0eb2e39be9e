/**
 * Answers written straight to a connection no ServerResponse owns (a CONNECT, an upgrade, a request
 * Node could not read), with the headers every page answer carries (plainText).
 */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { plainText, type PageResponse } from '../main/node/renderer-pages/renderer-pages'
import { endLingering } from '../shared-node/lingering-close'

/** `page` as the raw text of an HTTP/1.1 answer that closes its connection. */
export function rawAnswer(page: PageResponse): string {
  const body = String(page.body)
  const headers = { ...page.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return [`HTTP/1.1 ${page.status} ${STATUS_CODES[page.status] ?? ''}`, ...lines, '', body].join('\r\n')
}

/** Sends `page` on `socket`, then ends it, reading what still comes for a moment (endLingering). */
export function answerAndClose(socket: Duplex, page: PageResponse): void {
  endLingering(socket, rawAnswer(page))
}

/**
 * Answers a request Node could not read (`clientError`) where the client can still take an answer:
 * 431 for a head too large, 408 for one too slow, 400 for anything else, each with a sentence.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
  const page =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? plainText(
          431,
          'The request’s headers are larger than Standby reads; send it with fewer or shorter ones.',
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? plainText(408, 'The request did not all arrive in time; send it again, all at once.')
        : plainText(400, 'Bad request: it could not be read as HTTP/1.1.')
  answerAndClose(socket, page)
}
