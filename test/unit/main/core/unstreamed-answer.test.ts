// What of a command's answer the cache lacks: the change the answer says was done, as the stream
// should have brought it before the answer.
import { describe, expect, it } from 'vitest'
import { lackedChange, type UnstreamedAnswerDeps } from '../../../../src/main/core/unstreamed-answer'
import type { Invite, Message, Session } from '../../../../src/shared/protocol'
import { aMessage, anInvite, aSession, FIXTURE_NOW, MINUTE } from '../../../support/fixtures'

/** A cache holding just these rows. */
function cacheOf(rows: {
  invites?: Invite[]
  sessions?: Session[]
  messages?: Message[]
}): UnstreamedAnswerDeps['cache'] {
  return {
    invite: (id) => rows.invites?.find((i) => i.id === id) ?? null,
    session: (id) => rows.sessions?.find((s) => s.id === id) ?? null,
    messages: (requestId) => (rows.messages ?? []).filter((m) => m.requestId === requestId),
  }
}

describe('lackedChange', () => {
  const booked = aSession({ id: 'ses_1', updatedAt: FIXTURE_NOW })
  const live = { ...booked, state: 'live' as const, updatedAt: FIXTURE_NOW + MINUTE }

  it('finds a session change missing until the cache holds it, or a later one', () => {
    const payload = { sessionId: 'ses_1' }
    const answer = { session: live }
    expect(lackedChange(cacheOf({ sessions: [booked] }), 'session.join', payload, answer)).toBe(
      'session ses_1 live',
    )
    expect(lackedChange(cacheOf({}), 'session.join', payload, answer)).toBe('session ses_1 live')
    expect(lackedChange(cacheOf({ sessions: [live] }), 'session.join', payload, answer)).toBeNull()
    const later = { ...live, state: 'ended' as const, updatedAt: live.updatedAt + MINUTE }
    expect(lackedChange(cacheOf({ sessions: [later] }), 'session.join', payload, answer)).toBeNull()
  })

  it('finds a note saved at the same time as the cached session missing until the cache holds it', () => {
    const noted = { ...booked, privateNote: 'bring the logs' }
    const payload = { sessionId: 'ses_1', note: 'bring the logs' }
    expect(
      lackedChange(cacheOf({ sessions: [booked] }), 'session.setNote', payload, { session: noted }),
    ).toBe('session ses_1 booked')
    expect(
      lackedChange(cacheOf({ sessions: [noted] }), 'session.setNote', payload, { session: noted }),
    ).toBeNull()
  })

  it('reads a change of the same millisecond by what the command set, not by the rest of the session', () => {
    const noted = { ...booked, privateNote: 'bring the logs' }
    const notePayload = { sessionId: 'ses_1', note: 'bring the logs' }
    // The platform cancelled the session in the millisecond the note was saved, after it.
    const cancelledToo = { ...noted, state: 'cancelled' as const }
    expect(
      lackedChange(cacheOf({ sessions: [cancelledToo] }), 'session.setNote', notePayload, { session: noted }),
    ).toBeNull()
    // A proposal of another time whose change the cache lacks, though state, note and start agree.
    const proposed = {
      ...booked,
      reschedule: {
        proposedStart: booked.bookedStart + MINUTE * 60,
        previousStart: booked.bookedStart,
        proposedAt: booked.updatedAt,
        state: 'pending' as const,
        answeredAt: null,
      },
    }
    const proposePayload = { sessionId: 'ses_1', proposedStart: booked.bookedStart + MINUTE * 60 }
    expect(
      lackedChange(cacheOf({ sessions: [booked] }), 'session.proposeTime', proposePayload, {
        session: proposed,
      }),
    ).toBe('session ses_1 booked')
    // The client ended the session in the millisecond the expert joined: the join is held.
    const joined = { ...booked, state: 'live' as const, expertJoinedAt: booked.updatedAt }
    const endedToo = { ...joined, state: 'ended' as const, endedAt: booked.updatedAt }
    const joinPayload = { sessionId: 'ses_1' }
    expect(
      lackedChange(cacheOf({ sessions: [endedToo] }), 'session.join', joinPayload, { session: joined }),
    ).toBeNull()
    const cancelled = { ...booked, state: 'cancelled' as const }
    expect(
      lackedChange(cacheOf({ sessions: [booked] }), 'session.cancel', joinPayload, { session: cancelled }),
    ).toBe('session ses_1 cancelled')
  })

  it("finds the expert's own message missing from its thread until the cache holds it", () => {
    const message = aMessage({ id: 'msg_9', from: 'expert' })
    const payload = { requestId: message.requestId, body: message.body }
    expect(lackedChange(cacheOf({}), 'message.send', payload, { message })).toBe('message msg_9')
    expect(lackedChange(cacheOf({ messages: [message] }), 'message.send', payload, { message })).toBeNull()
  })

  it('finds a decline missing while the cache holds the invite open, and asks nothing of an invite it never had', () => {
    const invite = anInvite({ id: 'inv_1' })
    const payload = { inviteId: 'inv_1' }
    const answer = { inviteId: 'inv_1' }
    expect(lackedChange(cacheOf({ invites: [invite] }), 'invite.decline', payload, answer)).toBe(
      'invite inv_1 declined',
    )
    const declined = { ...invite, state: 'declined' as const }
    expect(lackedChange(cacheOf({ invites: [declined] }), 'invite.decline', payload, answer)).toBeNull()
    expect(lackedChange(cacheOf({}), 'invite.decline', payload, answer)).toBeNull()
  })
})
