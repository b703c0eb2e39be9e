import { describe, expect, it } from 'vitest'
import { answerMismatch } from '../../../../../src/main/core/connection/answer-match'
import { aMessage, aSession } from '../../../../support/fixtures'

describe('a command answered about something else', () => {
  const session = aSession({ id: 'ses_1', expertId: 'exp_ada' })

  it('matches a result about what the command named, for the signed-in expert', () => {
    expect(answerMismatch('session.join', { sessionId: 'ses_1' }, { session }, 'exp_ada')).toBeNull()
    expect(
      answerMismatch('invite.accept', { inviteId: 'inv_1', proposedTime: null }, { session }, 'exp_ada'),
    ).toBeNull()
    expect(
      answerMismatch('invite.decline', { inviteId: 'inv_1' }, { inviteId: 'inv_1' }, 'exp_ada'),
    ).toBeNull()
    const message = aMessage({ requestId: 'req_1', expertId: 'exp_ada' })
    expect(
      answerMismatch('message.send', { requestId: 'req_1', body: 'Hi' }, { message }, 'exp_ada'),
    ).toBeNull()
    const availability = { availability: 'online', onlineUntil: null } as const
    expect(answerMismatch('availability.set', availability, availability, 'exp_ada')).toBeNull()
  })

  it('names another session, invite or request than the one the command named', () => {
    expect(answerMismatch('session.join', { sessionId: 'ses_2' }, { session }, 'exp_ada')).toBe(
      'session ses_1 where it named ses_2',
    )
    expect(answerMismatch('invite.decline', { inviteId: 'inv_2' }, { inviteId: 'inv_1' }, 'exp_ada')).toBe(
      'invite inv_1 where it named inv_2',
    )
    const message = aMessage({ requestId: 'req_1', expertId: 'exp_ada' })
    expect(answerMismatch('message.send', { requestId: 'req_2', body: 'Hi' }, { message }, 'exp_ada')).toBe(
      'a message about request req_1 where it named req_2',
    )
  })

  it('names a session for another request than the one the accepted invite is for, when the invite is known', () => {
    const accept = { inviteId: 'inv_1', proposedTime: null }
    const forRequest = (id: string | null) => () => id
    expect(answerMismatch('invite.accept', accept, { session }, 'exp_ada', forRequest('req_9'))).toBe(
      `a session for request ${session.request.id} where invite inv_1 is for req_9`,
    )
    expect(
      answerMismatch('invite.accept', accept, { session }, 'exp_ada', forRequest(session.request.id)),
    ).toBeNull()
    // An invite the app does not hold cannot be checked: its answer is taken as it is.
    expect(answerMismatch('invite.accept', accept, { session }, 'exp_ada', forRequest(null))).toBeNull()
  })

  it("names another expert's session or message, whatever the command named", () => {
    const theirs = aSession({ id: 'ses_1', expertId: 'exp_bob' })
    expect(
      answerMismatch(
        'invite.accept',
        { inviteId: 'inv_1', proposedTime: null },
        { session: theirs },
        'exp_ada',
      ),
    ).toBe("another expert's session")
    const message = aMessage({ requestId: 'req_1', expertId: 'exp_bob' })
    expect(answerMismatch('message.send', { requestId: 'req_1', body: 'Hi' }, { message }, 'exp_ada')).toBe(
      "another expert's message",
    )
    // Not known to the link: only what the command named is checked.
    expect(
      answerMismatch(
        'invite.accept',
        { inviteId: 'inv_1', proposedTime: null },
        { session: theirs },
        undefined,
      ),
    ).toBeNull()
  })
})
