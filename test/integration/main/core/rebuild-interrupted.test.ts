// A rebuild from a snapshot that the link cuts short: the cache's position was found wrong, so
// what the platform sends next after it cannot be trusted until a snapshot has been applied. A
// connection lost while the snapshot was on its way must not forget that.
import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { adaSettledOn } from '../../../support/test-core'

const BOGUS_CURSOR = 40

describe('a rebuild from a snapshot cut short by the link', () => {
  const defer = useCleanup()

  it('is asked for again on the next connection: the invite under the wrong position is shown, once', async () => {
    const now = Date.now()
    const invite = anInvite({
      request: aRequest({ id: 'req_real', title: 'Real', createdAt: now }),
      expiresAt: now + 3_600_000,
    })
    const stream: PlatformEvent[] = []
    const head = (): number => 1 + stream.length
    let snapshots = 0
    let connections = 0
    // Its first snapshot claims an event it never reached; its pages echo whatever cursor the app
    // asks from; the snapshot asked for once the app finds that out is lost with the connection.
    const platform = await startHostilePlatform({
      welcome: () => {
        connections++
        return { latestEventId: head() }
      },
      replay: (request, socket) => {
        if (request.snapshot === true) {
          snapshots++
          if (snapshots === 2) {
            socket.disconnect(true)
            return new Promise(() => {})
          }
          const openInvites = stream.flatMap((e) => (e.type === 'invite.created' ? [e.payload.invite] : []))
          return {
            kind: 'snapshot',
            snapshot:
              snapshots === 1
                ? aSnapshot({ cursor: BOGUS_CURSOR, cursorDigest: 'bogus', takenAt: now })
                : aSnapshot({ cursor: head(), cursorDigest: `d${head()}`, openInvites, takenAt: now }),
          }
        }
        return {
          kind: 'events',
          events: stream.filter((e) => e.id > Number(request.after)),
          latestId: Math.max(Number(request.after), head()),
          hasMore: false,
        }
      },
    })
    const core = await adaSettledOn(defer, platform)
    expect(core.runtime.cache.cursor()).toBe(BOGUS_CURSOR)

    const event = { ...inviteCreated(head() + 1, invite, now), digest: `d${head() + 1}` }
    stream.push(event)
    platform.io.emit('platform-event', event)
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online' && connections === 2)
    await core.runtime.core.settled()

    expect(snapshots).toBe(3)
    expect(core.runtime.cache.cursor()).toBe(head())
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/Real$/)])
  })
})
