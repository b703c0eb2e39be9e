/** Small helpers for the platform's JSON-over-HTTP endpoints. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import { BodyTooLarge, readBoundedBody } from '../../../src/shared/bounded-body'
import type { ErrorCode } from '../../../src/shared/protocol'
import { describeValue } from '../../../src/shared/describe-untrusted'
import { PlatformError } from '../platform-error'
import { logExcerpt, type Logger } from '../logger'
import { headerLines } from '../../../src/shared-node/request-names'
import { firstDuplicateKey } from './duplicate-keys'
import { holdsTooManyMembers, tooManyMembers } from '../json-members'

/** The largest request body the platform reads. */
export const MAX_BODY_BYTES = 100_000

/** Status codes for each refusal. */
const statusOf: Record<ErrorCode, number> = {
  invalid_payload: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  taken: 409,
  expired: 410,
  not_proposed: 422,
  time_passed: 410,
  too_early: 425,
  invalid_state: 409,
  rate_limited: 429,
  busy: 503,
  idempotency_key_reused: 422,
  protocol_mismatch: 426,
  internal: 500,
}

/** Write a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

/** Write a refusal as `{error: {code, message}}` with the matching status. */
export function sendError(res: ServerResponse, error: PlatformError): void {
  const { status, retryAfterMs, allow } = error.http
  const headers: Record<string, string> =
    retryAfterMs === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) }
  if (allow !== undefined) headers['allow'] = allow
  // The rest of an oversized body is not worth reading on this connection.
  if (status === 413) headers['connection'] = 'close'
  sendJson(res, status ?? statusOf[error.code], { error: error.toProtocol() }, headers)
}

/**
 * Log a request the edge could not take (unreadable, malformed, a parameter it does not know), as a
 * command refused on the socket is, so the operator sees a misbehaving client. Only the reason is
 * written: it names keys and kinds of value, never a value sent (a password).
 */
export function logInvalidRequest(
  logger: Logger,
  req: IncomingMessage,
  path: string,
  error: PlatformError,
): void {
  if (error.code !== 'invalid_payload') return
  logger.warn('request refused: invalid', {
    method: logExcerpt(String(req.method), 20),
    path: logExcerpt(path, 200),
    status: error.http.status ?? statusOf.invalid_payload,
    reason: logExcerpt(error.message, 300),
  })
}

/** True when the request says its body is JSON. */
function isJson(req: IncomingMessage): boolean {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  return mediaType === 'application/json'
}

/**
 * Why the body is not in the one form the platform reads (uncompressed UTF-8), or undefined. Read
 * anyway, a gzipped or UTF-16 body would be refused as "not valid UTF-8", which does not say what
 * to change.
 */
function unreadableForm(req: IncomingMessage): string | undefined {
  const coding = (req.headers['content-encoding'] ?? '').trim().toLowerCase()
  if (coding !== '' && coding !== 'identity')
    return `The platform does not decompress request bodies (content-encoding ${coding.slice(0, 40)}); send the JSON uncompressed.`
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i
    .exec(req.headers['content-type'] ?? '')?.[1]
    ?.toLowerCase()
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return `The platform reads JSON in UTF-8 only, and this body says charset=${charset.slice(0, 40)}; send it as UTF-8.`
  return undefined
}

/** The body's bytes, refusing one over the limit (413) without reading the rest into memory. */
export async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  try {
    return await readBoundedBody(req, MAX_BODY_BYTES)
  } catch (error) {
    if (error instanceof BodyTooLarge)
      throw new PlatformError('invalid_payload', error.message, { status: 413 })
    throw new PlatformError('invalid_payload', 'The request body was cut off.')
  }
}

/**
 * Read and parse a JSON body: it must say it is JSON, once (a cross-site form cannot), come uncompressed
 * and in UTF-8 (415 otherwise; a leading byte-order mark is allowed), fit the limit (413), parse,
 * hold no more keys than any request has (json-members.ts), and name each key of an object once.
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  // Node reads the first of several, a proxy in front may read the last: the body is read as neither.
  const types = headerLines(req, /^content-type$/i).length
  if (types > 1) {
    throw new PlatformError(
      'invalid_payload',
      `The request says its body's type ${types} times; send one "content-type: application/json".`,
    )
  }
  if (!isJson(req)) {
    throw new PlatformError(
      'invalid_payload',
      'Send the body as JSON, with "content-type: application/json".',
      {
        status: 415,
      },
    )
  }
  const form = unreadableForm(req)
  if (form !== undefined) throw new PlatformError('invalid_payload', form, { status: 415 })
  const bytes = await readBody(req)
  if (bytes.length === 0) return {}
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new PlatformError('invalid_payload', 'The request body is not valid UTF-8.')
  }
  if (holdsTooManyMembers(text)) throw new PlatformError('invalid_payload', tooManyMembers('The body'))
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    throw new PlatformError('invalid_payload', 'Request body is not valid JSON.')
  }
  const twice = firstDuplicateKey(text)
  if (twice !== undefined) {
    throw new PlatformError(
      'invalid_payload',
      `The body names ${JSON.stringify(twice.slice(0, 100))} twice in one object; send each key once.`,
    )
  }
  return value
}

/**
 * A whole number from the query: decimal digits only (no sign, exponent, hex or spaces), at most
 * once, within the safe integers. Undefined when absent.
 */
export function queryInteger(url: URL, name: string): number | undefined {
  const values = url.searchParams.getAll(name)
  if (values.length === 0) return undefined
  const [text] = values
  if (
    values.length > 1 ||
    text === undefined ||
    !/^\d{1,16}$/.test(text) ||
    !Number.isSafeInteger(Number(text))
  )
    throw new PlatformError(
      'invalid_payload',
      `Query parameter ${name} must be one whole number, written in digits.`,
    )
  return Number(text)
}

/**
 * Refuse a query parameter the path does not take, naming it: a misspelt one (a byte budget, a
 * snapshot position) would otherwise be answered as if it were absent.
 */
export function refuseUnknownQuery(url: URL, known: ReadonlyArray<string>): void {
  for (const name of url.searchParams.keys()) {
    if (known.includes(name)) continue
    const takes = known.length === 0 ? 'no query parameters' : known.join(', ')
    throw new PlatformError(
      'invalid_payload',
      `Unknown query parameter ${describeValue(name)}; this path takes ${takes}.`,
    )
  }
}

/** A text parameter from the query, at most once; undefined when absent. */
export function queryText(url: URL, name: string): string | undefined {
  const values = url.searchParams.getAll(name)
  if (values.length > 1) throw new PlatformError('invalid_payload', `Send query parameter ${name} once.`)
  return values[0]
}

/** The bearer token of a request, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1]
}

/**
 * Send `response` on a raw connection and close it for good: read nothing more from it (a refused
 * connection must not get its requests handled), and destroy it once the answer is out, since a
 * client that never closes its side would otherwise hold a half-closed connection open.
 */
export function answerAndClose(socket: Duplex, response: string): void {
  socket.on('error', () => {})
  socket.pause()
  socket.end(response, () => socket.destroy())
}

/** A socket's peer IP address, with an IPv4 address mapped into IPv6 written as plain IPv4. */
export function peerAddress(socket: { remoteAddress?: string | undefined }): string {
  const address = socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address
}

/** The client every address of this machine stands for. */
const THIS_MACHINE = 'loopback'

/**
 * The client an address stands for, as limits count clients: an IPv4 address as it is, an IPv6
 * address as its /64 network. A home or a server is given a whole /64, as it is given one IPv4
 * address, and picks any address in it at will: counted one by one, each would start a fresh
 * allowance of sign-in guesses and connections. So does this machine with all of 127/8 and ::1,
 * which count as one client.
 */
export function clientOfAddress(address: string): string {
  const bare = peerAddress({ remoteAddress: address.split('%')[0] })
  if (isLoopbackAddress(bare)) return THIS_MACHINE
  if (isIP(bare) !== 6) return bare
  // A trailing IPv4 part (64:ff9b::192.0.2.1) lies past the /64, so it reads as one group here.
  const [head = '', tail] = bare.replace(/\d+\.\d+\.\d+\.\d+$/, '0').split('::')
  const front = head === '' ? [] : head.split(':')
  const back = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = Array<string>(8 - front.length - back.length).fill('0')
  const groups = tail === undefined ? front : [...front, ...zeros, ...back]
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`
}

/** True for an address of this machine (all of 127/8 and ::1). */
export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address.startsWith('127.')
}

/** The peer's IP address of a request. */
export function remoteAddress(req: IncomingMessage): string {
  return peerAddress(req.socket)
}

/** True when the request came from this machine. */
export function isLoopback(req: IncomingMessage): boolean {
  return isLoopbackAddress(remoteAddress(req))
}

/** A route handler: returns the JSON to send with 200, or throws a PlatformError. */
export type RouteHandler = (
  req: IncomingMessage,
  url: URL,
  params: ReadonlyArray<string>,
) => Promise<unknown> | unknown

/** One route: method, a path pattern whose groups become params, and its handler. */
export interface Route {
  readonly method: 'GET' | 'POST'
  readonly path: RegExp
  readonly handle: RouteHandler
  /** The query parameters it takes (unexpected-input.ts refuses any other); none when absent. */
  readonly query?: ReadonlyArray<string>
  /** True when its handler reads a JSON body; a route without it refuses one. */
  readonly readsBody?: boolean
}
