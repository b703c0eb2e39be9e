// An expert with no event yet has a cursor of 0: the platform's snapshot gives it the stream's start
// as its digest, so each reconnect replays from the start, checked, instead of taking a whole
// snapshot again (a thousand new experts reconnecting after a restart would each take one). A
// platform whose database began anew at the same address starts elsewhere: caught, and rebuilt from.
import { describe, expect, it } from 'vitest'
import { adaCountingReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'
import { anInvite, aRequest, aSnapshot } from '../../../support/fixtures'
import type { CountedReplays } from '../../../support/counted-replays'

/** Cut the link and let the core's next attempt come at once; returns the replays asked before it. */
async function reconnect({ core, clock, platform, asks }: CountedReplays): Promise<number> {
  const before = asks()
  platform.io.disconnectSockets()
  const waiting = await core.waitForState((s) => s.status === 'reconnecting')
  // The attempt's time is on the platform's clock, as the tray says it.
  if (waiting.status === 'reconnecting' && waiting.nextAttemptAt !== null)
    clock.advance(Math.max(0, waiting.nextAttemptAt - core.runtime.core.platformClock.now()))
  return before
}

describe('the stream’s start digest at cursor 0', () => {
  const defer = useCleanup()

  it('replays from the start with it on a reconnect, and a database begun anew is rebuilt from, its invite shown once', async () => {
    const now = Date.now()
    const invite = anInvite({
      request: aRequest({ id: 'req_new', createdAt: now }),
      expiresAt: now + 3_600_000,
    })
    // The platform's database: its start, and (once begun anew) one invite for Ada.
    let database = { start: 'start-a', latestId: 0, openInvites: [] as (typeof invite)[], digest: 'start-a' }
    const requests: Record<string, unknown>[] = []
    const world = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: database.latestId }),
      replay: (request) => {
        requests.push(request)
        const snapshot = {
          kind: 'snapshot' as const,
          snapshot: aSnapshot({
            openInvites: database.openInvites,
            cursor: database.latestId,
            cursorDigest: database.digest,
            takenAt: now,
          }),
        }
        if (request['snapshot'] === true) return snapshot
        // As the reference platform does: a digest at the cursor that is not its own gets a snapshot.
        const own = request['after'] === 0 ? database.start : database.digest
        if (request['digest'] !== undefined && request['digest'] !== own) return snapshot
        return { kind: 'events', events: [], latestId: database.latestId, hasMore: false }
      },
    })
    const { core } = world
    await world.asked(1)
    await core.waitForState((s) => s.status === 'online')
    expect(requests[0]).toMatchObject({ after: 0, snapshot: true })
    expect(core.runtime.cache.cursorDigest()).toBe('start-a')

    const first = await reconnect(world)
    await world.asked(first + 1)
    await core.waitForState((s) => s.status === 'online')
    expect(requests[first]).toMatchObject({ after: 0, digest: 'start-a', snapshot: false })
    expect(requests.filter((r) => r['snapshot'] === true)).toHaveLength(1)

    // Begun anew: another start, and an invite for Ada at its first event.
    database = { start: 'start-b', latestId: 1, openInvites: [invite], digest: 'd1-b' }
    const second = await reconnect(world)
    await world.asked(second + 1)
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(requests[second]).toMatchObject({ after: 0, digest: 'start-a' })
    expect(core.runtime.cache.cursor()).toBe(1)
    expect(core.runtime.cache.cursorDigest()).toBe('d1-b')
    const shown = core.adapters.notifier.shown.filter((n) => n.kind === 'invite')
    expect(shown.map((n) => n.kind === 'invite' && n.inviteId)).toEqual([invite.id])
  })
})
