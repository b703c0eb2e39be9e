/**
 * A line for each request or handshake refused as unauthorized, and each admin request refused as
 * forbidden (from another machine, or a web page), without letting routine ones flood the log.
 * An app whose sign-in expired retries until its expert signs in again, so the same refusal comes
 * again and again from one place: it is written once per client address and credential (the
 * token's digest, or none sent) per window, at info, since most are no attack. Guesses at the
 * admin token, or many tokens tried from one address, each differ, and so each get their line.
 */
import type { IncomingMessage } from 'node:http'
import { steadyNow, type Clock } from '../../../src/shared/clock'
import { tokenDigest } from '../auth'
import { logExcerpt, type LogFields, type Logger } from '../logger'
import type { PlatformError } from '../platform-error'
import { RecentKeys } from '../recent-keys'
import { bearerToken, clientOfAddress, remoteAddress } from './http-util'

/** How long one address and credential stay quiet after their line, and how many pairs are kept. */
export interface UnauthorizedLogBound {
  readonly windowMs: number
  readonly mostKept: number
}

/** A refusal of the same credential from the same place is written once in ten minutes. */
export const defaultUnauthorizedLogBound: UnauthorizedLogBound = { windowMs: 10 * 60_000, mostKept: 10_000 }

/** Writes an unauthorized refusal the first time its address and credential are seen in a window. */
export class UnauthorizedLog {
  private seen: RecentKeys
  private windowStart: number

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly bound: UnauthorizedLogBound = defaultUnauthorizedLogBound,
  ) {
    this.seen = new RecentKeys(bound.mostKept)
    this.windowStart = steadyNow(clock)
  }

  /**
   * Write `message` (an unauthorized refusal) with `fields`, the client's address and whether a
   * token was sent, unless the same address and token had their line this window. `unreadable`
   * is an Authorization header sent that holds no bearer token (another scheme, a token in parts).
   */
  note(
    message: string,
    from: { address: string; token: string | undefined; unreadable?: boolean; unchecked?: true },
    fields: LogFields = {},
  ): void {
    const now = steadyNow(this.clock)
    if (now - this.windowStart >= this.bound.windowMs) {
      this.seen = new RecentKeys(this.bound.mostKept)
      this.windowStart = now
    }
    const address = clientOfAddress(from.address)
    const unreadable = from.token === undefined && from.unreadable === true
    // The digest only: the key must not keep a live token in memory longer than the request did.
    const credential = from.token !== undefined ? tokenDigest(from.token) : unreadable ? '?' : '-'
    // A request refused before its token was looked at is another thing to fix than its token.
    const refusal = from.unchecked === true ? 'unchecked' : 'refused'
    if (!this.seen.first(`${refusal} ${address} ${credential}`)) return
    this.logger.info(message, {
      ...fields,
      address,
      // A client that sent its credential in the wrong form needs another fix than one that sent none.
      bearer:
        from.token !== undefined
          ? from.unchecked === true
            ? 'sent, not checked'
            : 'not accepted'
          : unreadable
            ? 'not of the form Bearer <token>'
            : 'none sent',
    })
  }

  /**
   * Note `error`, an HTTP request's `unauthorized` refusal at `path`, or its `forbidden` one, given
   * before its token was looked at.
   */
  noteRequest(req: IncomingMessage, path: string, error: PlatformError): void {
    const forbidden = error.code === 'forbidden'
    this.note(
      forbidden ? 'request refused: forbidden' : 'request refused: unauthorized',
      {
        address: remoteAddress(req),
        token: bearerToken(req),
        unreadable: req.headers.authorization !== undefined,
        ...(forbidden && { unchecked: true }),
      },
      {
        method: logExcerpt(String(req.method), 20),
        path: logExcerpt(path, 200),
        status: forbidden ? 403 : 401,
        reason: logExcerpt(error.message, 300),
      },
    )
  }
}
