// A refusal that may mean "done already on another device", while the cache is behind the platform
// (its catch-up failing, stuck, or not over in time): the cache cannot say it was done, nor that it
// was not. Such a refusal is told as not confirmed, with what the platform said and where to look,
// never as a failure that may be false ("Could not join: You already accepted this invite") nor as
// a success that may be false.
import { describe, expect, it } from 'vitest'
import { unlessDoneElsewhere } from '../../../../src/main/core/done-elsewhere'
import { followUpTitle } from '../../../../src/main/core/notification-actions'
import type { CommandFailure } from '../../../../src/shared/command-outcome'
import type { CommandName, CommandPayload } from '../../../../src/shared/protocol'
import { anInvite, aScheduledRequest, aSession, FIXTURE_NOW, MINUTE } from '../../../support/fixtures'
import { cacheCatchingUp } from './done-elsewhere-kit'

const request = aScheduledRequest('req_s', FIXTURE_NOW + 120 * MINUTE)
const invite = anInvite({ request })
/** What the cache holds while behind: the invite still open, its session not heard of. */
const behind = { invite, session: null }
const booked = { invite, session: aSession({ request }) }

/** What `name` with `payload`, refused with `code` and `message`, is told while the cache is behind. */
function toldWhileBehind<N extends CommandName>(
  held: typeof behind | typeof booked,
  name: N,
  payload: CommandPayload<N>,
  code: CommandFailure['code'],
  message: string,
) {
  return unlessDoneElsewhere(cacheCatchingUp(held, held, false), name, payload, {
    ok: false,
    error: { code, message },
  })
}

describe('a refusal as done already while the cache is behind the platform', () => {
  it('of a Join is told as not confirmed: what the platform said, and where to see it once caught up', async () => {
    const told = await toldWhileBehind(
      behind,
      'invite.accept',
      { inviteId: invite.id, proposedTime: null },
      'conflict',
      'You already accepted this invite.',
    )
    expect(told).toEqual({
      ok: false,
      error: {
        code: 'unconfirmed',
        message:
          'The platform answered “You already accepted this invite.” Standby cannot confirm this yet: it is not up to date with the platform. Live session shows the session if it is yours once Standby catches up; the platform’s dashboard shows it now.',
      },
    })
  })

  it('of a Book, Decline, End or Cancel is told as not confirmed too, each naming where to look', async () => {
    const sessionId = booked.session.id
    const told = await Promise.all([
      toldWhileBehind(
        behind,
        'invite.accept',
        { inviteId: invite.id, proposedTime: request.proposedTimes[1]! },
        'conflict',
        'You already accepted this invite.',
      ),
      toldWhileBehind(
        behind,
        'invite.decline',
        { inviteId: invite.id, reason: 'no_time' },
        'invalid_state',
        'You already declined this invite.',
      ),
      toldWhileBehind(
        booked,
        'session.end',
        { sessionId, outcome: { kind: 'free' } },
        'invalid_state',
        'This session has already ended.',
      ),
      toldWhileBehind(
        booked,
        'session.cancel',
        { sessionId, message: 'Something came up.' },
        'invalid_state',
        'This session was already cancelled.',
      ),
    ])
    const messages = told.map((outcome) => (outcome.ok ? 'told as done' : outcome.error.message))
    expect(told.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))).toEqual(
      Array(4).fill('unconfirmed'),
    )
    expect(messages[0]).toContain('Upcoming shows the booking if it is yours')
    expect(messages[1]).toContain('“You already declined this invite.”')
    expect(messages[1]).toContain('Invites shows whether the invite is still open')
    expect(messages[2]).toContain('History shows whether and how the session ended')
    expect(messages[3]).toContain('History shows whether the session was cancelled')
  })

  it('quotes the platform’s answer as a whole sentence, ended with a stop if it came without one', async () => {
    const told = await toldWhileBehind(
      behind,
      'invite.decline',
      { inviteId: invite.id },
      'invalid_state',
      'Invite inv_1 is declined, not open',
    )
    expect(told.ok ? 'told as done' : told.error.message).toMatch(
      /^The platform answered “Invite inv_1 is declined, not open\.” Standby cannot confirm this yet: /,
    )
  })

  it('pressed on a notification, is followed up as not confirmed, not as "Could not join"', () => {
    expect(followUpTitle('join', 'unconfirmed')).toBe('Join not confirmed')
    expect(followUpTitle('decline', 'unconfirmed')).toBe('Decline not confirmed')
  })

  it('that cannot mean this command done already is told as the platform gave it: not done', async () => {
    const declineOfAccepted = await toldWhileBehind(
      behind,
      'invite.decline',
      { inviteId: invite.id },
      'conflict',
      'You already accepted this invite.',
    )
    const joinOfWithdrawn = await toldWhileBehind(
      behind,
      'invite.accept',
      { inviteId: invite.id, proposedTime: null },
      'invalid_state',
      'The client withdrew this request.',
    )
    expect([declineOfAccepted, joinOfWithdrawn]).toEqual([
      { ok: false, error: { code: 'conflict', message: 'You already accepted this invite.' } },
      { ok: false, error: { code: 'invalid_state', message: 'The client withdrew this request.' } },
    ])
  })

  it('that says something else than "done already" is told as the platform gave it', async () => {
    const taken = await toldWhileBehind(
      behind,
      'invite.accept',
      { inviteId: invite.id, proposedTime: null },
      'taken',
      'Another expert already took this session.',
    )
    expect(taken).toEqual({
      ok: false,
      error: { code: 'taken', message: 'Another expert already took this session.' },
    })
  })
})
