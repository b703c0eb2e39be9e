import { describe, expect, it } from 'vitest'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { bookOverSocket } from '../../support/booking'
import { useTestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('a scheduled session from booking to its end', () => {
  const platform = useTestPlatform()

  it('refuses to join before the window opens 10 minutes ahead, then lets the expert join', async () => {
    const { socket, session } = await bookOverSocket(platform(), 60)
    platform().clock.advanceTo(session.bookedStart - 10 * MINUTE - 1)
    const early = await socket.command('session.join', { sessionId: session.id })
    expect(early).toMatchObject({ ok: false, error: { code: 'too_early' } })
    expect(early.ok === false && early.error.message).toMatch(/10 minutes before/)

    platform().clock.advanceTo(session.bookedStart - 10 * MINUTE)
    const joined = await socket.command('session.join', { sessionId: session.id })
    expect(joined).toMatchObject({ ok: true, result: { session: { state: 'live', phase: 'context' } } })
  })

  it('cancels at start + 10 minutes when the client is absent, with the fee on the client', async () => {
    const { socket, session } = await bookOverSocket(platform(), 30)
    platform().clock.advanceTo(session.bookedStart)
    expect((await socket.command('session.join', { sessionId: session.id })).ok).toBe(true)
    platform().clock.advanceTo(session.bookedStart + 10 * MINUTE - 1_001)
    expect(platform().server.marketplace.store.session(session.id).state).toBe('live')
    platform().clock.advanceTo(session.bookedStart + 10 * MINUTE)
    const cancelled = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.state === 'cancelled',
    )
    expect(cancelled.type === 'session.updated' && cancelled.payload.session.cancellation).toMatchObject({
      reason: 'client_absent',
      feeAssessedTo: 'client',
    })
  })

  it('cancels when the expert is absent, with the fee on the expert', async () => {
    const { session } = await bookOverSocket(platform(), 30)
    platform().clock.advanceTo(session.bookedStart - 5 * MINUTE)
    platform().server.marketplace.clientJoin(session.id)
    platform().clock.advanceTo(session.bookedStart + 10 * MINUTE)
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'cancelled',
      cancellation: { reason: 'expert_absent', feeAssessedTo: 'expert' },
    })
  })

  it('keeps a session both parties joined, bills only on command, and records a 50% discount', async () => {
    const { socket, session } = await bookOverSocket(platform(), 20)
    platform().clock.advanceTo(session.bookedStart - 2 * MINUTE)
    await socket.command('session.join', { sessionId: session.id })
    const tooSoon = await socket.command('session.startBilling', { sessionId: session.id })
    expect(tooSoon).toMatchObject({ ok: false, error: { code: 'invalid_state' } })
    const chargeUnbilled = await socket.command('session.end', {
      sessionId: session.id,
      outcome: { kind: 'charged' },
    })
    expect(chargeUnbilled).toMatchObject({ ok: false, error: { code: 'invalid_state' } })

    platform().server.marketplace.clientJoin(session.id)
    const billing = await socket.command('session.startBilling', { sessionId: session.id })
    expect(billing).toMatchObject({ ok: true, result: { session: { phase: 'billable' } } })
    platform().clock.advanceTo(session.bookedStart + 30 * MINUTE)
    expect(platform().server.marketplace.store.session(session.id).state).toBe('live')

    const ended = await socket.command('session.end', {
      sessionId: session.id,
      outcome: { kind: 'discounted', percent: 50 },
    })
    expect(ended.ok).toBe(true)
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'ended',
      outcome: { kind: 'discounted', percent: 50 },
    })
    const stats = await socket.waitForEvent(
      (e) => e.type === 'expert.updated' && e.payload.expert.stats.sessionsDone === 1,
    )
    expect(stats.type).toBe('expert.updated')
  })

  it('refuses a client joining again once the session ended, as it refuses the expert', async () => {
    const { socket, session } = await bookOverSocket(platform(), 20)
    platform().clock.advanceTo(session.bookedStart)
    await socket.command('session.join', { sessionId: session.id })
    platform().server.marketplace.clientJoin(session.id)
    const ended = await socket.command('session.end', { sessionId: session.id, outcome: { kind: 'free' } })
    expect(ended.ok).toBe(true)
    expect(() => platform().server.marketplace.clientJoin(session.id)).toThrow(/already ended/)
    const again = await socket.command('session.join', { sessionId: session.id })
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_state' } })
  })
})

describe('instant invites', () => {
  const platform = useTestPlatform({ marketplace: { instantInviteTtlMs: 5 * MINUTE } })

  it('expire after the configured time and tell the expert why', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Quick question',
      kind: 'instant',
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const invite = await socket.waitForEvent(ofType('invite.created'))
    expect(invite.payload.invite.expiresAt - invite.payload.invite.sentAt).toBe(5 * MINUTE)
    platform().clock.advance(5 * MINUTE)
    const closed = await socket.waitForEvent(ofType('invite.closed'))
    expect(closed.payload).toMatchObject({ inviteId: invite.payload.invite.id, reason: 'expired' })
    const late = await socket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: null,
    })
    expect(late).toMatchObject({ ok: false, error: { code: 'expired' } })
  })

  it('close as expired, not withdrawn, when the client takes back a request whose invites ran out', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const { request } = platform().inviteDirectly(expert.id, 'Ran out')
    await socket.waitForEvent(ofType('invite.created'))
    // The wall clock set forward past the expiry: the rule that closes the invite runs a moment later.
    platform().clock.step(5 * MINUTE)
    expect(() => platform().server.marketplace.withdrawRequest(request.id)).toThrow(/expired/)
    const closed = await socket.waitForEvent(ofType('invite.closed'))
    expect(closed.payload.reason).toBe('expired')
  })

  it('close as withdrawn when the client takes the request back', async () => {
    const a = platform().addExpert({ tags: ['go'] })
    const b = platform().addExpert({ tags: ['go'] })
    const sockets = [await platform().connect(a.token), await platform().connect(b.token)]
    const { request } = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Goroutine leak',
      kind: 'instant',
      tags: ['go'],
      fanOut: 2,
    })
    await Promise.all(sockets.map((s) => s.waitForEvent(ofType('invite.created'))))
    platform().server.marketplace.withdrawRequest(request.id)
    for (const s of sockets) {
      expect((await s.waitForEvent(ofType('invite.closed'))).payload.reason).toBe('withdrawn')
    }
  })
})

describe('two live sessions of one expert', () => {
  const platform = useTestPlatform()

  /** A direct instant request to `expertId`, taken over the socket, with its client joined. */
  async function takenAndJoined(socket: ExpertConnection, expertId: string, title: string): Promise<string> {
    platform().inviteDirectly(expertId, title)
    const created = await socket.waitForEvent(
      (e) => e.type === 'invite.created' && e.payload.invite.request.title === title,
    )
    if (created.type !== 'invite.created') throw new Error(created.type)
    const ack = await socket.command('invite.accept', {
      inviteId: created.payload.invite.id,
      proposedTime: null,
    })
    if (!ack.ok) throw new Error(ack.error.message)
    const sessionId = (ack.result as { session: { id: string } }).session.id
    platform().server.marketplace.clientJoin(sessionId)
    return sessionId
  }

  it('bills one at a time: the second is refused, naming the first, until the first ends', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const first = await takenAndJoined(socket, expert.id, 'Webpack config')
    const second = await takenAndJoined(socket, expert.id, 'Regex help')

    // Live in both at once is allowed: context building bills nothing.
    expect(await socket.command('session.startBilling', { sessionId: first })).toMatchObject({ ok: true })
    const refused = await socket.command('session.startBilling', { sessionId: second })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(!refused.ok && refused.error.message).toMatch(
      /You are billing “Webpack config” now; end that session/,
    )
    expect(platform().server.marketplace.store.session(second).phase).toBe('context')

    const ended = await socket.command('session.end', { sessionId: first, outcome: { kind: 'charged' } })
    expect(ended.ok).toBe(true)
    expect(await socket.command('session.startBilling', { sessionId: second })).toMatchObject({
      ok: true,
      result: { session: { phase: 'billable' } },
    })
  })
})
