/**
 * Who may call the admin endpoints: this machine only, with the token the platform printed when
 * it started, and never a web page of another site (an Origin header, when present, must be a
 * loopback one). Together with the JSON-only bodies this keeps a page the developer has open from
 * creating invites with a cross-site form post.
 */
import type { IncomingMessage } from 'node:http'
import { createHash, timingSafeEqual } from 'node:crypto'
import { PlatformError } from '../platform-error'
import { bearerToken, isLoopback } from './http-util'

const LOOPBACK_ORIGIN = /^https?:\/\/(127(?:\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?$/i

function sameToken(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Throw the refusal an admin request deserves, if any. */
export function checkAdminAccess(req: IncomingMessage, adminToken: string): void {
  if (!isLoopback(req)) throw new PlatformError('forbidden', 'Admin endpoints answer only on loopback.')
  const origin = req.headers.origin
  if (origin !== undefined && !LOOPBACK_ORIGIN.test(origin)) {
    throw new PlatformError(
      'forbidden',
      'Admin endpoints do not answer web pages of other sites; call them from a script or curl.',
    )
  }
  const token = bearerToken(req)
  if (token === undefined || !sameToken(token, adminToken)) {
    throw new PlatformError(
      'unauthorized',
      'Admin endpoints need the admin token the platform printed when it started: send "authorization: Bearer <token>".',
    )
  }
}
