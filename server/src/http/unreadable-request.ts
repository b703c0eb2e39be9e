/**
 * What a client gets when Node cannot read its request as HTTP/1.1 (a broken request line, a
 * Content-Length that is no number, a head larger than Node reads): the platform's JSON refusal
 * with a sentence, as for every other refusal, where Node alone sends a bare status and no body.
 * The connection is closed after it: nothing after an unreadable request can be told apart.
 */
import { maxHeaderSize, type Server as HttpServer } from 'node:http'
import type { Duplex } from 'node:stream'
import { logExcerpt, type Logger } from '../logger'
import { endLingering } from '../../../src/shared-node/lingering-close'

function response(status: number, reason: string, message: string): string {
  const body = JSON.stringify({ error: { code: 'invalid_payload', message } })
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'content-type: application/json; charset=utf-8',
    'cache-control: no-store',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body,
  ].join('\r\n')
}

/** The answer for Node's parse error `code` (its `reason` says what it tripped on). */
function answerFor(code: string | undefined, reason: string): string {
  if (code === 'HPE_HEADER_OVERFLOW')
    return response(
      431,
      'Request Header Fields Too Large',
      `The request's head (its request line and headers) is larger than the platform reads (${maxHeaderSize} bytes); send a shorter one.`,
    )
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW')
    return response(
      413,
      'Payload Too Large',
      'The chunk extensions of this request are larger than the platform reads; send its body without them.',
    )
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return response(408, 'Request Timeout', 'The request did not arrive in time; send it again.')
  return response(
    400,
    'Bad Request',
    `The platform could not read this request as HTTP/1.1 (${reason}); check its request line, headers and body length, and send it again.`,
  )
}

/**
 * Answer every request `http` cannot parse. `answerBegun` says whether an answer on the same
 * connection has begun: then nothing is written, since it would land inside that answer, and the
 * connection is cut, as Node does.
 */
export function answerUnreadableRequests(
  http: HttpServer,
  deps: { readonly logger: Logger; readonly answerBegun: (socket: Duplex) => boolean },
): void {
  http.on('clientError', (error: Error & { code?: string; reason?: unknown }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || deps.answerBegun(socket)) {
      socket.destroy()
      return
    }
    const said = typeof error.reason === 'string' ? error.reason : error.message
    deps.logger.warn('request refused: not readable as HTTP', {
      code: error.code,
      reason: logExcerpt(said, 100),
    })
    // What the client still sends (the rest of a head too large to read) is read and dropped while
    // the answer goes out, since a reset under it would cost the client the answer; Node's parser,
    // left in error, handles none of it (and reports it once more when the client ends, when the
    // socket is no longer writable: destroyed above).
    endLingering(socket, answerFor(error.code, said.slice(0, 100)))
  })
}
