// The shared fixture builders (test/support/fixtures.ts) must produce what the platform could send:
// the cache tests and benches rely on them being valid protocol objects.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { PlatformEvent, Session, Snapshot } from '../../../../src/shared/protocol'
import { aMessage, anExpert, anInvite, aSession, aSnapshot } from '../../../support/fixtures'
import { eventStream, manySessions } from '../../../support/fixture-streams'

describe('fixtures', () => {
  it('build valid protocol objects', () => {
    const snapshot = aSnapshot({
      openInvites: [anInvite()],
      sessions: [aSession()],
      recentMessages: [aMessage()],
    })
    expect(Snapshot.parse(snapshot)).toEqual(snapshot)
    expect(Snapshot.parse(aSnapshot({ expert: anExpert({ availability: 'away' }) }))).toBeTruthy()
  })

  it('make an event stream with ids 1, 2, 3 … and a mix of invites and sessions', () => {
    const events = eventStream({ count: 200 })
    expect(z.array(PlatformEvent).parse(events)).toEqual(events)
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1))
    const types = new Set(events.map((e) => e.type))
    expect(types).toEqual(new Set(['invite.created', 'invite.closed', 'session.updated']))
    const reasons = new Set(events.flatMap((e) => (e.type === 'invite.closed' ? [e.payload.reason] : [])))
    expect(reasons).toEqual(new Set(['accepted', 'taken', 'expired', 'declined', 'withdrawn']))
  })

  it('make many sessions in every state', () => {
    const sessions = manySessions(300)
    expect(z.array(Session).parse(sessions)).toEqual(sessions)
    expect(new Set(sessions.map((s) => s.state))).toEqual(new Set(['booked', 'live', 'ended', 'cancelled']))
  })
})
