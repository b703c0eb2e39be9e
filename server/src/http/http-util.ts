/** Small helpers for the platform's JSON-over-HTTP endpoints. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ErrorCode } from '../../../src/shared/protocol'
import { PlatformError } from '../platform-error'

const MAX_BODY_BYTES = 100_000

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
  too_early: 425,
  invalid_state: 409,
  rate_limited: 429,
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
  const { status, retryAfterMs } = error.http
  const headers: Record<string, string> =
    retryAfterMs === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) }
  sendJson(res, status ?? statusOf[error.code], { error: error.toProtocol() }, headers)
}

/** Read and parse a JSON body, refusing oversized or malformed ones. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    // Keep draining a moderately oversized body so the refusal reaches the caller on a healthy
    // connection; give up on the connection only when the body is absurd.
    if (size > 10 * MAX_BODY_BYTES) req.destroy()
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer)
  }
  if (size > MAX_BODY_BYTES)
    throw new PlatformError('invalid_payload', `Request body is larger than ${MAX_BODY_BYTES} bytes.`)
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new PlatformError('invalid_payload', 'Request body is not valid JSON.')
  }
}

/** The bearer token of a request, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1]
}

/** The peer's IP address, with an IPv4 address mapped into IPv6 written as plain IPv4. */
export function remoteAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address
}

/** True when the request came from this machine. */
export function isLoopback(req: IncomingMessage): boolean {
  const address = remoteAddress(req)
  return address === '::1' || address.startsWith('127.')
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
}
