/** POST /api/sign-in: email and password for a bearer token, behind the sign-in backoff. */
import type { IncomingMessage } from 'node:http'
import { describeIssues } from '../../../src/shared/describe-untrusted'
import { SignInRequest, type SignInResponse } from '../../../src/shared/protocol'
import type { Clock } from '../../../src/shared/clock'
import { verifyPassword, type TokenStore } from '../auth'
import type { Logger } from '../logger'
import type { Marketplace } from '../marketplace/marketplace'
import { PlatformError } from '../platform-error'
import type { SignInLimiter } from '../sign-in-limiter'
import { readJson, remoteAddress } from './http-util'

/** What signing in needs. */
export interface SignInDeps {
  readonly marketplace: Marketplace
  readonly tokens: TokenStore
  readonly clock: Clock
  readonly logger: Logger
  readonly signInLimiter: SignInLimiter
}

/** Check the password (unless the backoff says wait) and issue a token. */
export async function signIn(deps: SignInDeps, req: IncomingMessage): Promise<SignInResponse> {
  const { marketplace, tokens, clock, logger, signInLimiter } = deps
  const body = SignInRequest.safeParse(await readJson(req))
  if (!body.success)
    throw new PlatformError('invalid_payload', `Invalid sign-in: ${describeIssues(body.error.issues)}`)
  const { email, password } = body.data
  const address = remoteAddress(req)
  const permit = signInLimiter.attempt(email, address)
  if (!permit.allowed) {
    const whose = permit.scope === 'account' ? 'this account' : 'this address'
    const seconds = Math.ceil(permit.retryAfterMs / 1000)
    throw new PlatformError(
      'rate_limited',
      `Too many failed sign-ins for ${whose}; try again in ${seconds} s.`,
      {
        retryAfterMs: permit.retryAfterMs,
      },
    )
  }
  const row = marketplace.db
    .prepare<[string], { id: string; password_hash: string }>(
      'SELECT id, password_hash FROM experts WHERE email = ?',
    )
    .get(email)
  let ok = false
  try {
    ok = (await verifyPassword(password, row?.password_hash)) && row !== undefined
  } finally {
    for (const { scope, waitMs } of permit.settle(ok))
      logger.warn('sign-in backoff started', { scope, email, address, waitMs })
  }
  if (!ok || row === undefined) {
    logger.warn('sign-in refused', { email })
    throw new PlatformError('unauthorized', 'Wrong email or password.')
  }
  logger.info('signed in', { expert: row.id })
  return { token: tokens.issue(row.id, clock.now()), expert: marketplace.store.expert(row.id) }
}
