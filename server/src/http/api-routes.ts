/** The endpoints the app uses: platform info, sign-in and out, and replay by cursor over HTTP. */
import {
  HTTP_PATHS,
  PLATFORM_NAME,
  PROTOCOL_VERSION,
  ReplayRequest,
  type PlatformInfo,
} from '../../../src/shared/protocol'
import { describeIssues } from '../../../src/shared/describe-untrusted'
import { describeWait } from '../../../src/shared/wait-words'
import { PlatformError } from '../platform-error'
import type { ExpertRateLimits } from '../rate-limiter'
import { bearerToken, queryInteger, queryText, type Route } from './http-util'
import { signIn, type SignInDeps } from './sign-in'

/** The public API routes; replays over HTTP draw on the expert's allowance, as their sockets do. */
export function apiRoutes(deps: SignInDeps & { readonly rateLimits: ExpertRateLimits }): Route[] {
  const { marketplace, tokens, clock, rateLimits } = deps
  // The same allowance as the expert's sockets, so HTTP is no way around their limit.
  const takeReplay = (expertId: string): void => {
    if (!rateLimits.take(expertId)) {
      const { retryAfterMs } = rateLimits
      throw new PlatformError(
        'rate_limited',
        `Too many replays at once; try again in ${describeWait(retryAfterMs)}.`,
        { retryAfterMs },
      )
    }
  }
  const exact = (path: string) => new RegExp(`^${path.replace(/\//g, '\\/')}$`)
  const expertOf = (req: Parameters<Route['handle']>[0]): string => {
    const token = bearerToken(req)
    const expertId = token === undefined ? undefined : tokens.expertFor(token, clock.now())
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
      readsBody: true,
      handle: (req) => signIn(deps, req),
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
      query: REPLAY_QUERY,
      handle: (req, url) => {
        const expertId = expertOf(req)
        takeReplay(expertId)
        const after = queryInteger(url, 'after')
        if (after === undefined)
          throw new PlatformError(
            'invalid_payload',
            'Say where to replay from: /api/events?after=<last event id>.',
          )
        const query = ReplayRequest.safeParse({
          after,
          limit: queryInteger(url, 'limit'),
          maxBytes: queryInteger(url, 'maxBytes'),
          digest: queryText(url, 'digest'),
          snapshot: querySnapshot(url),
          snapshotAfter: querySnapshotAfter(url),
          leaveOutOver: queryInteger(url, 'leaveOutOver'),
        })
        if (!query.success)
          throw new PlatformError('invalid_payload', `Invalid replay: ${describeIssues(query.error.issues)}`)
        return marketplace.answerReplay(expertId, query.data)
      },
    },
  ]
}

/** The query parameters of a replay over HTTP: the fields of a replay over the socket. */
const REPLAY_QUERY = ['after', 'limit', 'maxBytes', 'digest', 'snapshot', 'snapshotAfter', 'leaveOutOver']

/** `snapshot=true` or `snapshot=false` from the query; undefined when absent. */
function querySnapshot(url: URL): boolean | undefined {
  const text = queryText(url, 'snapshot')
  if (text === undefined) return undefined
  if (text === 'true' || text === 'false') return text === 'true'
  throw new PlatformError('invalid_payload', 'Query parameter snapshot must be true or false.')
}

/**
 * Where the next part of a snapshot sent in parts starts, `snapshotAfter=<list>:<id>` as a part's
 * `next` says (a list's name holds no colon; an id may): without it, a snapshot cut to a byte
 * budget over HTTP could never be read past its first part.
 */
function querySnapshotAfter(url: URL): { list: string; id: string } | undefined {
  const text = queryText(url, 'snapshotAfter')
  if (text === undefined) return undefined
  const colon = text.indexOf(':')
  if (colon < 0)
    throw new PlatformError(
      'invalid_payload',
      "Query parameter snapshotAfter must be <list>:<id>, as the previous part's next says.",
    )
  return { list: text.slice(0, colon), id: text.slice(colon + 1) }
}
