import { describe, expect, it } from 'vitest'
import type { CommandAck } from '../../../src/shared/protocol'
import { bookOverSocket } from '../../support/booking'
import { useTestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

/**
 * A session whose join deadline passed with a party absent is the system's to cancel, whether or
 * not the once-a-second rule has run yet: the wall clock stepped past the deadline (as NTP does)
 * leaves the next sweep a moment away, and a command in that moment must not get ahead of it.
 */
describe('a session past its join deadline, before the timed rules ran', () => {
  const platform = useTestPlatform()

  /**
   * The wall clock just past `at`, stepped over it as NTP does: the timed rules ran up to a moment
   * before, and have not run since.
   */
  function stepJustPast(at: number): void {
    platform().clock.advanceTo(at - 500)
    platform().clock.step(600)
  }

  /** A booked session nobody joined, with the wall clock just past its auto-cancel deadline. */
  async function overdue(inMinutes: number) {
    const booked = await bookOverSocket(platform(), inMinutes)
    stepJustPast(booked.session.bookedStart + 10 * MINUTE)
    return booked
  }

  function refusal(ack: CommandAck): string | undefined {
    return ack.ok ? undefined : ack.error.code
  }

  it('is cancelled for the absence, not as the expert cancelling late with a fee', async () => {
    const { socket, session } = await overdue(30)
    const ack = await socket.command('session.cancel', { sessionId: session.id })
    expect(refusal(ack)).toBe('invalid_state')
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'cancelled',
      cancellation: { reason: 'both_absent', feeAssessedTo: null },
    })
  })

  it('is cancelled for the absence when the client cancels then', async () => {
    const { session } = await overdue(30)
    expect(() => platform().server.marketplace.clientCancel(session.id)).toThrow(/cancelled/)
    expect(platform().server.marketplace.store.session(session.id).cancellation).toMatchObject({
      reason: 'both_absent',
    })
  })

  it('cannot escape the cancellation by the client accepting another time', async () => {
    const { socket, session } = await bookOverSocket(platform(), 30)
    const proposed = await socket.command('session.proposeTime', {
      sessionId: session.id,
      proposedStart: session.bookedStart + 24 * 60 * MINUTE,
    })
    expect(proposed.ok).toBe(true)
    stepJustPast(session.bookedStart + 10 * MINUTE)
    expect(() => platform().server.marketplace.answerProposal(session.id, true)).toThrow(/cancelled/)
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'cancelled',
      bookedStart: session.bookedStart,
      cancellation: { reason: 'both_absent' },
    })
  })

  it('is not ended as free by the expert once the client missed the deadline', async () => {
    const { socket, session } = await bookOverSocket(platform(), 30)
    platform().clock.advanceTo(session.bookedStart)
    expect((await socket.command('session.join', { sessionId: session.id })).ok).toBe(true)
    stepJustPast(session.bookedStart + 10 * MINUTE)
    const ack = await socket.command('session.end', { sessionId: session.id, outcome: { kind: 'free' } })
    expect(refusal(ack)).toBe('invalid_state')
    expect(platform().server.marketplace.store.session(session.id).cancellation).toMatchObject({
      reason: 'client_absent',
      feeAssessedTo: 'client',
    })
  })

  it('finds a proposal whose time passed lapsed, not declined by the client', async () => {
    const { socket, session } = await bookOverSocket(platform(), 180)
    const proposedStart = session.bookedStart - 120 * MINUTE
    const proposed = await socket.command('session.proposeTime', { sessionId: session.id, proposedStart })
    expect(proposed.ok).toBe(true)
    stepJustPast(proposedStart)
    expect(() => platform().server.marketplace.answerProposal(session.id, false)).toThrow(/lapsed/)
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'booked',
      bookedStart: session.bookedStart,
      reschedule: { state: 'lapsed' },
    })
  })

  it('holds no time against a new booking in its slot', async () => {
    const { socket, session, expertId } = await overdue(30)
    const start = session.bookedStart + 15 * MINUTE
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'In the missed slot',
      kind: 'scheduled',
      proposedTimes: [start],
      direct: { expertId, via: 'dashboard' },
    })
    const invite = await socket.waitForEvent(
      (e) => e.type === 'invite.created' && e.payload.invite.request.title === 'In the missed slot',
    )
    if (invite.type !== 'invite.created') throw new Error(invite.type)
    const ack = await socket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: start,
    })
    expect(ack).toMatchObject({ ok: true, result: { session: { state: 'booked', bookedStart: start } } })
  })

  it('takes no more messages, as its thread closes with the cancellation', async () => {
    const { socket, session } = await overdue(30)
    const ack = await socket.command('message.send', { requestId: session.request.id, body: 'Still there?' })
    expect(refusal(ack)).toBe('invalid_state')
    expect(platform().server.marketplace.thread(session.request.id, session.expertId)).toEqual([])
  })
})
