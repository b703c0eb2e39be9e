// A platform whose event digests cannot be kept as sent (lone surrogates, which SQLite stores as
// other text): the app never sends such a digest back rewritten, which no platform could match
// and its own would refuse as too long, but catches up without it, from a snapshot, losing nothing.
import { describe, expect, it } from 'vitest'
import { ReplayRequest, type PlatformEvent } from '../../../../src/shared/protocol'
import { adaCountingReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'
import { anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'

describe('an event digest that cannot be kept as sent', () => {
  const defer = useCleanup()

  it('is dropped with its event kept: the next catch-up asks without it, from a snapshot, and shows nothing twice', async () => {
    const now = Date.now()
    const invite = anInvite({
      request: aRequest({ id: 'req_1', createdAt: now }),
      expiresAt: now + 3_600_000,
    })
    const stream: PlatformEvent[] = []
    const requests: Record<string, unknown>[] = []
    const { core, clock, platform, asked } = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 1 + stream.length }),
      replay: (request) => {
        requests.push(request)
        const latestId = 1 + stream.length
        return request.snapshot === true
          ? {
              kind: 'snapshot',
              snapshot: aSnapshot({
                openInvites: stream.length > 0 ? [invite] : [],
                cursor: latestId,
                cursorDigest: `d${latestId}`,
                takenAt: now,
              }),
            }
          : { kind: 'events', events: [], latestId, hasMore: false }
      },
    })
    await asked(1)
    await core.waitForState((s) => s.status === 'online')
    const event = { ...inviteCreated(2, invite, now), digest: '\ud800'.repeat(128) }
    stream.push(event)
    platform.io.emit('platform-event', event)
    await core.waitForNotifications(1)
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(2)

    platform.io.disconnectSockets()
    const waiting = await core.waitForState((s) => s.status === 'reconnecting')
    if (waiting.status === 'reconnecting' && waiting.nextAttemptAt !== null)
      clock.advanceTo(waiting.nextAttemptAt)
    await asked(2)
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    // Every replay the app asked for is one the protocol accepts.
    for (const request of requests) expect(ReplayRequest.safeParse(request).success).toBe(true)
    expect(requests.at(-2)).toMatchObject({ after: 2, snapshot: true })
    expect(requests.at(-2)).not.toHaveProperty('digest')
    expect(core.runtime.cache.cursorDigest()).toBe('d2')
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })
})
