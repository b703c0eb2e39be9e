// A platform pushing a live event whose id its replays never reach (a huge id, or one from a
// history it does not have): the core asks for the gap a few times, as for a replay lagging what
// was pushed, then drops the event and goes back online, taking the next events live at once.
import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { adaCountingReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'
import { anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'

describe('a live event its replays never reach', () => {
  const defer = useCleanup()

  it('is dropped after a few replays in a row end short of it: the core is back online and the next invite is shown at once', async () => {
    const now = Date.now()
    const stream: PlatformEvent[] = []
    const { core, clock, platform, asks, asked } = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 1 + stream.length }),
      replay: (request) =>
        request.snapshot === true
          ? { kind: 'snapshot', snapshot: aSnapshot({ cursor: 1, cursorDigest: 'd1', takenAt: now }) }
          : {
              kind: 'events',
              events: stream.filter((e) => e.id > Number(request.after)),
              latestId: 1 + stream.length,
              hasMore: false,
            },
    })
    await asked(2)
    expect(core.runtime.core.connection.status).toBe('online')
    const invite = (id: string, title: string) =>
      anInvite({ request: aRequest({ id, title, createdAt: now }), expiresAt: now + 3_600_000 })
    platform.io.emit(
      'platform-event',
      inviteCreated(Number.MAX_SAFE_INTEGER, invite('req_ghost', 'Ghost'), now),
    )
    await asked(3)
    for (let n = 4; n <= 5; n++) {
      clock.advance(60_000)
      await asked(n)
    }
    expect(core.runtime.core.connection.status).toBe('online')
    const real = inviteCreated(2, invite('req_real', 'Real'), now)
    stream.push(real)
    platform.io.emit('platform-event', real)
    await core.waitForNotifications(1)
    await core.runtime.core.settled()
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/Real$/)])
    expect(core.runtime.cache.cursor()).toBe(2)
    // Taken live: no replay was needed for it.
    expect(asks()).toBe(5)
  })
})
