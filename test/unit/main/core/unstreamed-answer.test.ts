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
