// A snapshot in parts whose later part claims a cursor far past every event the platform has told
// of (a slip of its database). The parts' spread is not taken from it: an event the replay after it
// brings that contradicts the snapshot is the platform's fault and is told as one, now and later.
import { describe, expect, it } from 'vitest'
import {
  anInvite,
  aRequest,
  aSession,
  aSnapshot,
  endedSession,
  sessionUpdated,
} from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { startTestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

describe('a snapshot in parts with a part far ahead of the stream', () => {
  const defer = useCleanup()

  it('an event moving one of its ended sessions back is told as the platform’s fault, and no spread is kept', async () => {
    const invite = anInvite({
      request: aRequest({ id: 'req_open', title: 'Open', createdAt: Date.now() }),
      expiresAt: Date.now() + 3_600_000,
    })
    const booked = aSession({ id: 'ses_1', request: aRequest({ id: 'req_done' }), bookedStart: Date.now() })
    const ended = endedSession(booked, Date.now())
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 2 }),
      replay: (request) => {
        if (request.snapshot === true && request.snapshotAfter === undefined) {
          const first = aSnapshot({
            openInvites: [invite],
            cursor: 1,
            cursorDigest: 'd1',
            takenAt: Date.now(),
            next: { list: 'openInvites', id: invite.id },
          })
          return { kind: 'snapshot', snapshot: first }
        }
        if (request.snapshot === true) {
          const later = aSnapshot({ sessions: [ended], cursor: Number.MAX_SAFE_INTEGER, takenAt: Date.now() })
          return { kind: 'snapshot', snapshot: later }
        }
        const events = request.after === 1 ? [{ ...sessionUpdated(2, booked), digest: 'd2' }] : []
        return { kind: 'events', events, latestId: 2, hasMore: false }
      },
    })
    defer(() => platform.close())
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada' })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()

    expect(core.runtime.cache.cursor()).toBe(2)
    expect(core.runtime.cache.session('ses_1')?.state).toBe('ended')
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'notice').map((n) => n.title)).toEqual([
      'The platform sent an update that contradicts itself',
    ])
    expect(core.runtime.cache.partsThrough()).toBe(0)
  })
})
