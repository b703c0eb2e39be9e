import { describe, expect, it } from 'vitest'
import type { Expert, Outcome, Session } from '../../../src/shared/protocol'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { bookOverSocket } from '../../support/booking'
import { TEST_START, useTestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('what a session earns on the platform', () => {
  const platform = useTestPlatform({
    marketplace: { defaultRate: { amountMinor: 2_000, currency: 'EUR' }, cancellationFeeMinor: 700 },
  })

  /** A new expert with a live instant session the client has joined. */
  async function liveSession(): Promise<{ socket: ExpertConnection; session: Session; expertId: string }> {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    platform().inviteDirectly(expert.id, 'Earning help')
    const invite = await socket.waitForEvent(ofType('invite.created'))
    const ack = await socket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: null,
    })
    if (!ack.ok) throw new Error(ack.error.message)
    const session = (ack.result as { session: Session }).session
    platform().server.marketplace.clientJoin(session.id)
    return { socket, session, expertId: expert.id }
  }

  /** Bill `minutes` and end with `outcome`; the ended session as the platform sent it. */
  async function billAndEnd(socket: ExpertConnection, sessionId: string, minutes: number, outcome: Outcome) {
    expect((await socket.command('session.startBilling', { sessionId })).ok).toBe(true)
    platform().clock.advance(minutes * MINUTE)
    const ack = await socket.command('session.end', { sessionId, outcome })
    if (!ack.ok) throw new Error(ack.error.message)
    return (ack.result as { session: Session }).session
  }

  it('sends the rate the session was booked on, and no earnings while it is live', async () => {
    const { session } = await liveSession()
    expect(session.rate).toEqual({ amountMinor: 2_000, currency: 'EUR' })
    expect(session.earnings).toBeNull()
  })

  it('earns every started quarter hour when charged', async () => {
    const { socket, session } = await liveSession()
    const ended = await billAndEnd(socket, session.id, 16, { kind: 'charged' })
    expect(ended.earnings).toEqual({ amountMinor: 4_000, currency: 'EUR' })
  })

  it('takes the discount off, rounded in the client’s favour', async () => {
    const { socket, session } = await liveSession()
    const ended = await billAndEnd(socket, session.id, 14, { kind: 'discounted', percent: 33 })
    expect(ended.earnings).toEqual({ amountMinor: 1_340, currency: 'EUR' })
  })

  it('earns nothing for a free session', async () => {
    const { socket, session } = await liveSession()
    const ended = await billAndEnd(socket, session.id, 30, { kind: 'free' })
    expect(ended.earnings).toEqual({ amountMinor: 0, currency: 'EUR' })
  })

  it('keeps the rate a session was booked on when the expert’s rate changes', async () => {
    const { socket, session, expertId } = await liveSession()
    platform()
      .server.marketplace.db.prepare('UPDATE experts SET rate_minor = 9999 WHERE id = ?')
      .run(expertId)
    const ended = await billAndEnd(socket, session.id, 5, { kind: 'charged' })
    expect(ended.earnings).toEqual({ amountMinor: 2_000, currency: 'EUR' })
    expect(platform().server.marketplace.store.expert(expertId).rate).toEqual({
      amountMinor: 9_999,
      currency: 'EUR',
    })
  })

  it('sums the week’s earnings in the expert’s stats as sessions end', async () => {
    const { socket, session } = await liveSession()
    await billAndEnd(socket, session.id, 31, { kind: 'charged' })
    const updated = await socket.waitForEvent(
      (e) => e.type === 'expert.updated' && e.payload.expert.stats.sessionsDone === 1,
    )
    if (updated.type !== 'expert.updated') throw new Error('unreachable')
    const expert: Expert = updated.payload.expert
    expect(expert.rate).toEqual({ amountMinor: 2_000, currency: 'EUR' })
    expect(expert.stats.earnings).toMatchObject({
      currency: 'EUR',
      thisWeekMinor: 6_000,
      thisMonthMinor: 6_000,
    })
    expect(expert.stats.earnings?.weeks).toHaveLength(12)
    // TEST_START is a Monday morning; the expert lives in Berlin (UTC+1 in winter).
    expect(expert.stats.earnings?.weeks[11]).toEqual({
      startsAt: TEST_START - 10 * 60 * MINUTE,
      amountMinor: 6_000,
    })
  })
})

describe('a cancelled session’s fee', () => {
  const platform = useTestPlatform({ marketplace: { cancellationFeeMinor: 700 } })

  it('goes to the expert when the client never came', async () => {
    const { session, socket } = await bookOverSocket(platform(), 30)
    platform().clock.advanceTo(session.bookedStart)
    expect((await socket.command('session.join', { sessionId: session.id })).ok).toBe(true)
    platform().clock.advanceTo(session.bookedStart + 10 * MINUTE)
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'cancelled',
      earnings: { amountMinor: 700, currency: 'USD' },
    })
  })

  it('is paid by the expert who never came, shown as a negative amount', async () => {
    const { session, expertId } = await bookOverSocket(platform(), 30)
    platform().clock.advanceTo(session.bookedStart - 5 * MINUTE)
    platform().server.marketplace.clientJoin(session.id)
    platform().clock.advanceTo(session.bookedStart + 10 * MINUTE)
    expect(platform().server.marketplace.store.session(session.id).earnings).toEqual({
      amountMinor: -700,
      currency: 'USD',
    })
    expect(platform().server.marketplace.store.expert(expertId).stats.earnings?.thisWeekMinor).toBe(-700)
  })
})
