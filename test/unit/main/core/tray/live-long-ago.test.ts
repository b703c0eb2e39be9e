// A live session the platform never said ended (its expected length long run out) still reads as
// live, but the tray's "Next:" line points at the session still to come; with nothing else, at it.
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../../src/shared/clock'
import type { TrayStatus } from '../../../../../src/main/core/ports/tray-state'
import { createTrayFeed, type TraySource } from '../../../../../src/main/core/tray/tray-feed'
import type { TrayView } from '../../../../../src/main/core/tray/tray-view'
import type { Expert, Session } from '../../../../../src/shared/protocol'

const now = Date.UTC(2026, 0, 5, 14, 0)
const minutes = (n: number): number => n * 60_000
const online: TrayStatus = {
  connection: { status: 'online', since: 0 },
  openInvites: 0,
  statusLine: 'Online',
}
const expert = { availability: 'online', availabilityCause: 'chosen', idleMinutes: null } as Expert

const session = (
  id: string,
  bookedStart: number,
  state: Session['state'],
  expertJoinedAt: number | null = null,
) =>
  ({
    id,
    request: { title: id, expectedDurationMinutes: 60 },
    bookedStart,
    state,
    expertJoinedAt,
  }) as unknown as Session

/** As the cache reads them: every live session first, then booked ones not past their grace, by start. */
function source(sessions: Session[]): TraySource {
  const reads: number[] = []
  return Object.assign(
    {
      expert: () => expert,
      openInvites: () => [],
      openInviteCount: () => 0,
      upcomingSessions: (at: number, limit: number) => {
        reads.push(limit)
        return sessions
          .filter((s) => s.state === 'live' || s.bookedStart + minutes(10) > at)
          .sort(
            (a, b) =>
              Number(b.state === 'live') - Number(a.state === 'live') || a.bookedStart - b.bookedStart,
          )
          .slice(0, limit)
      },
    },
    { reads },
  )
}

function follow(sessions: Session[], clock = new ManualClock(now)) {
  const views: TrayView[] = []
  const feed = createTrayFeed({ initial: online, clock, show: (view) => views.push(view) })
  feed.follow(source(sessions), clock)
  feed.set(online)
  return { clock, feed, last: () => views.at(-1)! }
}

describe('the tray with a live session left long ago', () => {
  it('points "Next" at the booked session to come, not at a session live since two days ago', () => {
    const { last, feed } = follow([
      session('Stale', now - 2 * 24 * 60 * minutes(1), 'live'),
      session('Query plan', now + minutes(25), 'booked'),
    ])
    expect(last().nextSession?.label).toBe('Query plan · in 25 min')
    feed.stop()
  })

  it('a session live now stays first: the expert is in it', () => {
    const { last, feed } = follow([
      session('Now', now - minutes(20), 'live', now - minutes(20)),
      session('Query plan', now + minutes(25), 'booked'),
    ])
    expect(last().nextSession?.label).toBe('Now · in session')
    feed.stop()
  })

  it('a session live now gives way once its length and the overrun have passed, on the clock alone', () => {
    const { last, feed, clock } = follow([
      session('Now', now - minutes(20), 'live', now - minutes(20)),
      session('Later', now + 6 * minutes(60), 'booked'),
    ])
    expect(last().nextSession?.label).toBe('Now · in session')
    clock.advance(minutes(40) + 2 * minutes(60))
    expect(last().nextSession?.label).toBe('Later · in 3 hr 20 min')
    feed.stop()
  })

  it('with nothing to come, the one left long ago is still shown as live', () => {
    const { last, feed } = follow([session('Stale', now - 2 * 24 * 60 * minutes(1), 'live')])
    expect(last().nextSession?.label).toBe('Stale · in session')
    feed.stop()
  })
})
