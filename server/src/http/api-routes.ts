/** The endpoints the app uses: platform info, sign-in and out, and replay by cursor over HTTP. */
import {
  HTTP_PATHS,
  PLATFORM_NAME,
  PROTOCOL_VERSION,
  ReplayRequest,
  SignInRequest,
  type PlatformInfo,
  type SignInResponse,
} from '../../../src/shared/protocol'
import type { Clock } from '../../../src/shared/clock'
import { verifyPassword, type TokenStore } from '../auth'
import type { Logger } from '../logger'
import type { Marketplace } from '../marketplace/marketplace'
import { describeIssues, PlatformError } from '../platform-error'
import { bearerToken, readJson, type Route } from './http-util'

/** The public API routes. */
export function apiRoutes(deps: {
  marketplace: Marketplace
  tokens: TokenStore
  clock: Clock
  logger: Logger
}): Route[] {
  const { marketplace, tokens, clock, logger } = deps
  const exact = (path: string) => new RegExp(`^${path.replace(/\//g, '\\/')}$`)
  const expertOf = (req: Parameters<Route['handle']>[0]): string => {
    const token = bearerToken(req)
    const expertId = token === undefined ? undefined : tokens.expertFor(token)
    if (expertId === undefined)
      throw new PlatformError('unauthorized', 'Sign in first: the token is missing, expired or revoked.')
    return expertId
  }
  return [
    {
      method: 'GET',
      path: exact(HTTP_PATHS.info),
      handle: (): PlatformInfo => ({
        platform: PLATFORM_NAME,
        protocolVersion: PROTOCOL_VERSION,
        serverTime: clock.now(),
      }),
    },
    {
      method: 'POST',
      path: exact(HTTP_PATHS.signIn),
      handle: async (req): Promise<SignInResponse> => {
        const body = SignInRequest.safeParse(await readJson(req))
        if (!body.success)
          throw new PlatformError('invalid_payload', `Invalid sign-in: ${describeIssues(body.error.issues)}`)
        const row = marketplace.db
          .prepare<[string], { id: string; password_hash: string }>(
            'SELECT id, password_hash FROM experts WHERE email = ?',
          )
          .get(body.data.email)
        if (!(await verifyPassword(body.data.password, row?.password_hash)) || row === undefined) {
          logger.warn('sign-in refused', { email: body.data.email })
          throw new PlatformError('unauthorized', 'Wrong email or password.')
        }
        logger.info('signed in', { expert: row.id })
        return { token: tokens.issue(row.id, clock.now()), expert: marketplace.store.expert(row.id) }
      },
    },
    {
      method: 'POST',
      path: exact(HTTP_PATHS.signOut),
      handle: (req) => {
        expertOf(req)
        tokens.revoke(bearerToken(req) ?? '')
        return { signedOut: true }
      },
    },
    {
      method: 'GET',
      path: exact(HTTP_PATHS.events),
      handle: (req, url) => {
        const expertId = expertOf(req)
        const query = ReplayRequest.safeParse({
          after: Number(url.searchParams.get('after') ?? 'NaN'),
          limit: url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : undefined,
          maxBytes: url.searchParams.has('maxBytes') ? Number(url.searchParams.get('maxBytes')) : undefined,
          digest: url.searchParams.get('digest') ?? undefined,
        })
        if (!query.success)
          throw new PlatformError('invalid_payload', `Invalid replay: ${describeIssues(query.error.issues)}`)
        const { after, snapshot: _snapshot, snapshotAfter: _part, ...options } = query.data
        return marketplace.replay(expertId, after, options)
      },
    },
  ]
}
