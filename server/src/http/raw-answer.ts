/**
 * HTTP answers written by hand on a raw connection: an upgrade, a CONNECT or a connection refused
 * before Node parsed a request has no ServerResponse to answer with. Each closes the connection
 * and carries a JSON body, as every answer of the platform does.
 */
import { STATUS_CODES } from 'node:http'

/** A whole HTTP/1.1 answer with `status`, the JSON `body` and any further header lines. */
export function rawJsonAnswer(status: number, body: string, headers: ReadonlyArray<string> = []): string {
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'content-type: application/json; charset=utf-8',
    ...headers,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body,
  ].join('\r\n')
}

/** A 503 `rate_limited` saying, in `message`, why the platform cannot take the connection now. */
export function rawBusyAnswer(message: string): string {
  return rawJsonAnswer(503, JSON.stringify({ error: { code: 'rate_limited', message } }), ['retry-after: 5'])
}
