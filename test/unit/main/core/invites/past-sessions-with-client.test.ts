// invites.pastSessionsWithClient: the cache's ended and cancelled sessions with an invite's client.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../../src/main/core/app-api'
import type { StandbyCore } from '../../../../../src/main/core/standby-core'
import { invokeContract } from '../../../../../src/shared/ipc/contract'
import {
  aClient,
  anInvite,
  aRequest,
  aSession,
  endedSession,
  FIXTURE_NOW,
  inviteCreated,
  liveSession,
  MINUTE,
  sessionUpdated,
} from '../../../../support/fixtures'
import { storeFactory, useTempDirs } from '../../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()

/** An ended session with client `n` that started `minutesAgo` before FIXTURE_NOW. */
function pastSession(id: string, n: number, minutesAgo: number) {
  const start = FIXTURE_NOW - minutesAgo * MINUTE
  const request = aRequest({ id: `req_${id}`, client: aClient(n), title: `Title ${id}`, createdAt: start })
  return endedSession(liveSession(aSession({ id, request }), start), start + 20 * MINUTE)
}

describe('past sessions with a client', () => {
  it('lists the ended and cancelled sessions with the client, most recent first, at most three', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const cancelled = {
      ...aSession({
        id: 'cancelled',
        request: aRequest({ id: 'req_c', client: aClient(1), createdAt: FIXTURE_NOW - 90 * MINUTE }),
      }),
      state: 'cancelled' as const,
      cancellation: {
        reason: 'client_absent' as const,
        feeAssessedTo: 'client' as const,
        cancelledAt: FIXTURE_NOW,
      },
    }
    const booked = aSession({ id: 'booked', request: aRequest({ id: 'req_b', client: aClient(1) }) })
    const sessions = [
      pastSession('old', 1, 600),
      pastSession('recent', 1, 60),
      pastSession('other-client', 2, 30),
      pastSession('oldest', 1, 900),
      cancelled,
      booked,
    ]
    const invite = anInvite({ request: aRequest({ id: 'req_new', client: aClient(1) }) })
    store.applyEvents([inviteCreated(1, invite), ...sessions.map((s, i) => sessionUpdated(i + 2, s))])
    const api = createAppApi({ cache: store } as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)

    const past = api['invites.pastSessionsWithClient']({ inviteId: invite.id }) as ReadonlyArray<unknown>
    expect(invokeContract['invites.pastSessionsWithClient'].response.parse(past)).toEqual([
      sessions[1],
      cancelled,
      sessions[0],
    ])
    expect(api['invites.pastSessionsWithClient']({ inviteId: 'inv_unknown' })).toEqual([])
  })

  it('answers an empty list for a client the expert never helped', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const invite = anInvite({ request: aRequest({ id: 'req_new', client: aClient(7) }) })
    store.applyEvents([inviteCreated(1, invite), sessionUpdated(2, pastSession('s', 1, 60))])
    expect(store.pastSessionsWithClient(aClient(7).id, 3)).toEqual([])
    expect(store.pastSessionsWithClient(aClient(1).id, 3).map((s) => s.id)).toEqual(['s'])
  })
})
