/**
 * An expert's answer that comes too late, twice or to the wrong state is refused with what
 * happened and what, if anything, the expert can do: an expert reads these words in the window
 * ("Could not join: …"), so a bare "This invite has expired." left them wondering what to try.
 */
import { describe, expect, it } from 'vitest'
import type { CommandAck, CommandName, CommandPayload } from '../../../src/shared/protocol'
import { useTestPlatform } from '../../support/test-platform'

const HOUR = 60 * 60_000

describe('a refused answer to an invite or a session', () => {
  // The timed rules wait a week, so a command meets a session they have not reached yet.
  const platform = useTestPlatform({ sweepIntervalMs: 7 * 24 * HOUR })
  let keys = 0

  function send<N extends CommandName>(expertId: string, name: N, payload: CommandPayload<N>): CommandAck {
    return platform().server.marketplace.execute(expertId, {
      name,
      payload,
      idempotencyKey: `refusal-words-${++keys}`,
    })
  }

  function sessionIdOf(ack: CommandAck): string {
    if (!ack.ok) throw new Error(ack.error.message)
    return (ack.result as { session: { id: string } }).session.id
  }

  function refusal(ack: CommandAck): { code: string; message: string } {
    if (ack.ok) throw new Error('expected a refusal')
    return ack.error
  }

  /** A fresh expert with one open instant invite; returns its ids. */
  function invited() {
    const expert = platform().addExpert()
    const { request } = platform().inviteDirectly(expert.id, 'Hooks question')
    return { expertId: expert.id, requestId: request.id, inviteId: inviteOf(request.id) }
  }

  /** The id of the invite the platform made for `requestId`. */
  function inviteOf(requestId: string): string {
    return platform()
      .server.marketplace.db.prepare('SELECT id FROM invites WHERE request_id = ?')
      .pluck()
      .get(requestId) as string
  }

  /** A fresh expert with one open scheduled invite, for a time a day from now; returns them. */
  function scheduledInvite(title: string) {
    const expert = platform().addExpert()
    const start = platform().clock.now() + 24 * HOUR
    const { request } = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title,
      kind: 'scheduled',
      proposedTimes: [start],
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    return { expert, start, inviteId: inviteOf(request.id) }
  }

  it('says an expired, withdrawn or declined invite can no longer be answered, and that nothing more is needed', () => {
    const late = invited()
    const withdrawn = invited()
    const declined = invited()
    platform().server.marketplace.withdrawRequest(withdrawn.requestId)
    expect(send(declined.expertId, 'invite.decline', { inviteId: declined.inviteId }).ok).toBe(true)
    platform().clock.advance(HOUR)
    const accept = (i: { expertId: string; inviteId: string }) =>
      refusal(send(i.expertId, 'invite.accept', { inviteId: i.inviteId, proposedTime: null }))
    expect(accept(late)).toEqual({
      code: 'expired',
      message:
        'This invite expired before your answer reached the platform, so it can no longer be answered; nothing more is needed.',
    })
    expect(accept(withdrawn).message).toBe(
      'The client withdrew this request, so its invite can no longer be answered; nothing more is needed.',
    )
    expect(accept(declined).message).toBe(
      'You already declined this invite, so it can no longer be taken; the client can send you a new request.',
    )
  })

  it('says where the session of an invite accepted already stands: booked when, live, ended or cancelled', () => {
    const expert = platform().addExpert()
    const [early, late] = [24 * HOUR, 26 * HOUR].map((ms) => platform().clock.now() + ms) as [number, number]
    const { request } = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Tax return review',
      kind: 'scheduled',
      proposedTimes: [early, late],
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const scheduled = inviteOf(request.id)
    expect(send(expert.id, 'invite.accept', { inviteId: scheduled, proposedTime: early }).ok).toBe(true)
    expect(refusal(send(expert.id, 'invite.accept', { inviteId: scheduled, proposedTime: late }))).toEqual({
      code: 'conflict',
      message: `You already accepted this invite; its session is booked for ${new Date(early).toISOString().slice(0, 16).replace('T', ' ')} UTC. To move it, propose another time from the session.`,
    })

    const instant = invited()
    const again = () =>
      refusal(send(instant.expertId, 'invite.accept', { inviteId: instant.inviteId, proposedTime: null }))
    const taken = send(instant.expertId, 'invite.accept', { inviteId: instant.inviteId, proposedTime: null })
    const sessionId = sessionIdOf(taken)
    expect(again().message).toBe(
      'You already accepted this invite; its session is live now: open it to carry on.',
    )
    expect(send(instant.expertId, 'session.end', { sessionId, outcome: { kind: 'free' } }).ok).toBe(true)
    expect(again().message).toBe(
      'You already accepted this invite; its session has since ended, so there is nothing more to take.',
    )
    expect(refusal(send(instant.expertId, 'session.join', { sessionId })).message).toBe(
      'This session has already ended, so it can no longer be joined or changed; nothing more is needed.',
    )
  })

  it('says a booked session must be joined before it can be ended, and a cancelled one can no longer be joined', () => {
    const { expert, start, inviteId } = scheduledInvite('Lease review')
    const booked = send(expert.id, 'invite.accept', { inviteId, proposedTime: start })
    const sessionId = sessionIdOf(booked)
    expect(refusal(send(expert.id, 'session.end', { sessionId, outcome: { kind: 'free' } }))).toEqual({
      code: 'invalid_state',
      message:
        'This session has not started, so it cannot be ended yet; join it first, or cancel the booking if you cannot take it.',
    })
    platform().server.marketplace.clientCancel(sessionId)
    expect(refusal(send(expert.id, 'session.join', { sessionId })).message).toBe(
      'This session was cancelled, so it can no longer be joined or changed; nothing more is needed.',
    )
    expect(refusal(send(expert.id, 'invite.accept', { inviteId, proposedTime: start })).message).toBe(
      'You already accepted this invite; its session has since been cancelled, so there is nothing more to take.',
    )
  })

  it('tells a decline pressed after the accept how to get out of the session, and a second decline that nothing is needed', () => {
    const { expert, start, inviteId } = scheduledInvite('Contract review')
    expect(send(expert.id, 'invite.accept', { inviteId, proposedTime: start }).ok).toBe(true)
    expect(refusal(send(expert.id, 'invite.decline', { inviteId }))).toEqual({
      code: 'conflict',
      message: `You already accepted this invite, so it can no longer be declined; its session is booked for ${new Date(start).toISOString().slice(0, 16).replace('T', ' ')} UTC. If you cannot take it, cancel it from the session.`,
    })

    const instant = invited()
    const decline = () => refusal(send(instant.expertId, 'invite.decline', { inviteId: instant.inviteId }))
    expect(
      send(instant.expertId, 'invite.accept', { inviteId: instant.inviteId, proposedTime: null }).ok,
    ).toBe(true)
    expect(decline().message).toBe(
      'You already accepted this invite, so it can no longer be declined; its session is live now: open it to end it.',
    )

    const twice = invited()
    expect(send(twice.expertId, 'invite.decline', { inviteId: twice.inviteId }).ok).toBe(true)
    expect(refusal(send(twice.expertId, 'invite.decline', { inviteId: twice.inviteId }))).toEqual({
      code: 'invalid_state',
      message: 'You already declined this invite; nothing more is needed.',
    })
  })

  it('tells a second accept of a session whose start window is open to start it, and of one past it that it was cancelled', () => {
    const { expert, start, inviteId } = scheduledInvite('Visa interview prep')
    expect(send(expert.id, 'invite.accept', { inviteId, proposedTime: start }).ok).toBe(true)
    const utc = (t: number): string => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    platform().clock.advance(start - 5 * 60_000 - platform().clock.now())
    const cancelledAt = utc(start + 10 * 60_000)
    expect(refusal(send(expert.id, 'invite.accept', { inviteId, proposedTime: start })).message).toBe(
      `You already accepted this invite; its session at ${utc(start)} can be started now: open it and press Start before ${cancelledAt}, when the platform cancels a session nobody joined.`,
    )
    expect(refusal(send(expert.id, 'invite.decline', { inviteId })).message).toBe(
      `You already accepted this invite, so it can no longer be declined; its session at ${utc(start)} can be started now. If you cannot take it, cancel it from the session before ${cancelledAt}.`,
    )
    // Past it, before the timed rule has run: the answer meets the session cancelled, not booked.
    platform().clock.advance(16 * 60_000)
    expect(refusal(send(expert.id, 'invite.accept', { inviteId, proposedTime: start })).message).toBe(
      'You already accepted this invite; its session has since been cancelled, so there is nothing more to take.',
    )
  })
})
