/** POST /api/sign-in: email and password for a bearer token, behind the sign-in backoff. */
import type { IncomingMessage } from 'node:http'
import { describeIssues } from '../../../src/shared/describe-untrusted'
import { SignInRequest, type SignInResponse } from '../../../src/shared/protocol'
import type { Clock } from '../../../src/shared/clock'
import { describeWait } from '../../../src/shared/wait-words'
import { verifyPassword, type TokenStore } from '../auth'
import type { Logger } from '../logger'
import type { Marketplace } from '../marketplace/marketplace'
import { PlatformError } from '../platform-error'
import type { PasswordCheckGate, PasswordCheckLimits } from '../password-check-gate'
import type { SignInLimiter } from '../sign-in-limiter'
import { clientOfAddress, readJson, remoteAddress } from './http-util'

/** What signing in needs. */
export interface SignInDeps {
  readonly marketplace: Marketplace
  readonly tokens: TokenStore
  readonly clock: Clock
  readonly logger: Logger
  readonly signInLimiter: SignInLimiter
  /** The platform-wide cap on password checks, and the wait its busy refusal asks for. */
  readonly passwordChecks: { readonly gate: PasswordCheckGate; readonly limits: PasswordCheckLimits }
  /** How a password is checked: scrypt unless given (tests hold checks in flight with it). */
  readonly verifyPassword?: typeof verifyPassword
}

/** Check the password (unless the backoff says wait) and issue a token. */
export async function signIn(deps: SignInDeps, req: IncomingMessage): Promise<SignInResponse> {
  const { marketplace, tokens, clock, logger, signInLimiter, passwordChecks } = deps
  const verify = deps.verifyPassword ?? verifyPassword
  const body = SignInRequest.safeParse(await readJson(req))
  if (!body.success)
    throw new PlatformError('invalid_payload', `Invalid sign-in: ${describeIssues(body.error.issues)}`)
  const { email, password } = body.data
  const address = clientOfAddress(remoteAddress(req))
  const permit = signInLimiter.attempt(email, address)
  if (!permit.allowed) {
    const whose = permit.scope === 'account' ? 'this account' : 'this address'
    throw new PlatformError(
      'rate_limited',
      `Too many failed sign-ins for ${whose}; try again in ${describeWait(permit.retryAfterMs)}.`,
      { retryAfterMs: permit.retryAfterMs },
    )
  }
  const row = marketplace.db
    .prepare<[string], { id: string; password_hash: string }>(
      'SELECT id, password_hash FROM experts WHERE email = ?',
    )
    .get(email)
  let ok = false
  let checked = false
  try {
    // Queued behind other checks, not refused at once: a short wait beats a refusal. A caller
    // that hung up while queued costs no check.
    const gated = await passwordChecks.gate.run(
      () => verify(password, row?.password_hash),
      () => !req.socket.destroyed,
    )
    checked = gated.ran
    ok = gated.ran && gated.value && row !== undefined
    if (!gated.ran && gated.why === 'busy') {
      logger.warn('sign-in refused: password checks busy', { address, ...passwordChecks.gate.load })
      const { retryAfterMs } = passwordChecks.limits
      throw new PlatformError(
        'busy',
        `The platform is busy with other sign-ins; try again in ${describeWait(retryAfterMs)}.`,
        { retryAfterMs },
      )
    }
  } finally {
    if (checked) {
      for (const { scope, waitMs } of permit.settle(ok))
        logger.warn('sign-in backoff started', { scope, email, address, waitMs })
    } else permit.withdraw()
  }
  if (!ok || row === undefined) {
    logger.warn('sign-in refused', { email })
    throw new PlatformError('unauthorized', 'Wrong email or password.')
  }
  logger.info('signed in', { expert: row.id })
  return { token: tokens.issue(row.id, clock.now()), expert: marketplace.store.expert(row.id) }
}
