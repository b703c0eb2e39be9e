import { describe, expect, it } from 'vitest'
import type { CommandAck, Session } from '../../../src/shared/protocol'
import { adminFetch } from '../../support/admin-api'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform, type TestPlatform } from '../../support/test-platform'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** An expert with a session booked at `start` for an hour, titled `title`. */
async function booked(
  platform: TestPlatform,
  start: number,
  title = 'Query plan',
  expert = platform.addExpert(),
  socket?: ExpertConnection,
): Promise<{ socket: ExpertConnection; expertId: string; session: Session }> {
  const connection = socket ?? (await platform.connect(expert.token))
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Sam'),
    title,
    kind: 'scheduled',
    proposedTimes: [start],
    expectedDurationMinutes: 60,
    direct: { expertId: expert.id, via: 'dashboard' },
  })
  const inviteId = platform.server.marketplace.db
    .prepare('SELECT id FROM invites WHERE request_id = ?')
    .pluck()
    .get(request.id) as string
  const ack = await connection.command('invite.accept', { inviteId, proposedTime: start })
  return { socket: connection, expertId: expert.id, session: sessionOf(ack) }
}

function sessionOf(ack: CommandAck): Session {
  if (!ack.ok) throw new Error(`refused: ${ack.error.message}`)
  return (ack.result as { session: Session }).session
}

async function admin(platform: TestPlatform, path: string, body: unknown) {
  const response = await adminFetch(platform.server, 'POST', path, body)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('cancelling a booked session ahead of time', () => {
  const platform = useTestPlatform()

  it('is free for the expert until 24 hours before, says so on the session, and tells the client’s note back', async () => {
    const start = platform().clock.now() + 48 * HOUR
    const { socket, session } = await booked(platform(), start)
    expect(session.freeCancellationUntil).toBe(start - 24 * HOUR)
    const ack = await socket.command('session.cancel', {
      sessionId: session.id,
      message: 'Sorry, I am ill that day.',
    })
    expect(sessionOf(ack)).toMatchObject({
      state: 'cancelled',
      cancellation: {
        reason: 'expert_cancelled',
        by: 'expert',
        feeAssessedTo: null,
        message: 'Sorry, I am ill that day.',
        cancelledAt: platform().clock.now(),
      },
    })
    const event = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.state === 'cancelled',
    )
    expect(event).toMatchObject({ payload: { session: { id: session.id } } })
  })

  it('is still free at exactly 24 hours before, and costs the expert a fee a moment later', async () => {
    const now = platform().clock.now()
    const onTheDot = await booked(platform(), now + 24 * HOUR, 'On the dot')
    const late = await booked(platform(), now + 24 * HOUR - 1, 'A moment late')
    expect(
      sessionOf(await onTheDot.socket.command('session.cancel', { sessionId: onTheDot.session.id })),
    ).toMatchObject({ cancellation: { feeAssessedTo: null } })
    expect(
      sessionOf(await late.socket.command('session.cancel', { sessionId: late.session.id })),
    ).toMatchObject({ cancellation: { feeAssessedTo: 'expert', by: 'expert' } })
  })

  it('lets the client cancel, late at their cost, and sends the expert the cancellation with the note', async () => {
    const { socket, session } = await booked(platform(), platform().clock.now() + 2 * HOUR)
    const answer = await admin(platform(), `/admin/sessions/${session.id}/client-cancel`, {
      message: 'Found the bug myself, thanks!',
    })
    expect(answer.status).toBe(200)
    const event = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.state === 'cancelled',
    )
    expect(ofType('session.updated')(event) && event.payload.session.cancellation).toMatchObject({
      reason: 'client_cancelled',
      by: 'client',
      feeAssessedTo: 'client',
      message: 'Found the bug myself, thanks!',
    })
  })

  it('refuses cancelling twice, clearly, and answers a repeated key with its first answer', async () => {
    const { socket, session } = await booked(platform(), platform().clock.now() + 30 * HOUR)
    const first = await socket.command('session.cancel', { sessionId: session.id }, 'cancel-key-1')
    expect(first).toMatchObject({ ok: true })
    expect(await socket.command('session.cancel', { sessionId: session.id }, 'cancel-key-1')).toEqual(first)
    const again = await socket.command('session.cancel', { sessionId: session.id })
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/already cancelled/) },
    })
    const byClient = await admin(platform(), `/admin/sessions/${session.id}/client-cancel`, {})
    expect(byClient.body).toMatchObject({ error: { code: 'invalid_state' } })
    // A key bound to one payload does not answer another.
    const reused = await socket.command(
      'session.cancel',
      { sessionId: session.id, message: 'other' },
      'cancel-key-1',
    )
    expect(reused).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } })
  })

  it('reports someone else’s session as missing and leaves it booked', async () => {
    const owner = await booked(platform(), platform().clock.now() + 30 * HOUR)
    const intruder = await platform().connect(platform().addExpert().token)
    const refused = await intruder.command('session.cancel', { sessionId: owner.session.id })
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const moved = await intruder.command('session.proposeTime', {
      sessionId: owner.session.id,
      proposedStart: owner.session.bookedStart + HOUR,
    })
    expect(moved).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(platform().server.marketplace.store.session(owner.session.id)).toMatchObject({
      state: 'booked',
      reschedule: null,
    })
  })

  it('refuses a client cancellation or answer with a malformed body, and an unknown session, clearly', async () => {
    const { session } = await booked(platform(), platform().clock.now() + 30 * HOUR)
    const long = await admin(platform(), `/admin/sessions/${session.id}/client-cancel`, {
      message: 'x'.repeat(1_001),
    })
    expect(long).toMatchObject({ status: 400, body: { error: { code: 'invalid_payload' } } })
    const vague = await admin(platform(), `/admin/sessions/${session.id}/proposal-answer`, { accept: 'yes' })
    expect(vague).toMatchObject({ status: 400, body: { error: { code: 'invalid_payload' } } })
    const unknown = await admin(platform(), '/admin/sessions/ses_nope/client-cancel', {})
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } })
    expect(platform().server.marketplace.store.session(session.id).state).toBe('booked')
  })

  it('refuses a note to the other party holding a broken character (half an emoji), from either side, and leaves the session booked', async () => {
    const { socket, session } = await booked(platform(), platform().clock.now() + 30 * HOUR)
    const mine = await socket.command('session.cancel', { sessionId: session.id, message: 'sorry \ud83d' })
    expect(mine).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining('broken character') },
    })
    const theirs = await admin(platform(), `/admin/sessions/${session.id}/client-cancel`, {
      message: 'sorry \udc00',
    })
    expect(theirs).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_payload', message: expect.stringContaining('broken character') } },
    })
    expect(platform().server.marketplace.store.session(session.id).state).toBe('booked')
  })

  it('refuses cancelling a live session, saying to end it instead', async () => {
    const { socket, session } = await booked(platform(), platform().clock.now() + 5 * MINUTE)
    expect(await socket.command('session.join', { sessionId: session.id })).toMatchObject({ ok: true })
    const refused = await socket.command('session.cancel', { sessionId: session.id })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/started; end it/) },
    })
  })
})

describe('the free period as a server setting', () => {
  const platform = useTestPlatform({ marketplace: { freeCancellationHours: 2 } })

  it('follows freeCancellationHours', async () => {
    const { socket, session } = await booked(platform(), platform().clock.now() + 3 * HOUR)
    expect(session.freeCancellationUntil).toBe(session.bookedStart - 2 * HOUR)
    expect(sessionOf(await socket.command('session.cancel', { sessionId: session.id }))).toMatchObject({
      cancellation: { feeAssessedTo: null },
    })
  })
})

describe('proposing another time', () => {
  const platform = useTestPlatform()

  it('moves the session when the client accepts, and tells the expert through the session', async () => {
    const start = platform().clock.now() + 48 * HOUR
    const { socket, session } = await booked(platform(), start)
    const later = start + 3 * HOUR
    const proposed = sessionOf(
      await socket.command('session.proposeTime', { sessionId: session.id, proposedStart: later }),
    )
    expect(proposed).toMatchObject({
      bookedStart: start,
      reschedule: { proposedStart: later, previousStart: start, state: 'pending', answeredAt: null },
    })
    const answer = await admin(platform(), `/admin/sessions/${session.id}/proposal-answer`, { accept: true })
    expect(answer.body).toMatchObject({
      session: {
        bookedStart: later,
        freeCancellationUntil: later - 24 * HOUR,
        reschedule: { state: 'accepted' },
      },
    })
    await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.reschedule?.state === 'accepted',
    )
  })

  it('keeps the booked time when the client declines', async () => {
    const start = platform().clock.now() + 48 * HOUR
    const { socket, session } = await booked(platform(), start)
    await socket.command('session.proposeTime', { sessionId: session.id, proposedStart: start + HOUR })
    const answer = await admin(platform(), `/admin/sessions/${session.id}/proposal-answer`, { accept: false })
    expect(answer.body).toMatchObject({ session: { bookedStart: start, reschedule: { state: 'declined' } } })
    const twice = await admin(platform(), `/admin/sessions/${session.id}/proposal-answer`, { accept: true })
    expect(twice.body).toMatchObject({ error: { code: 'invalid_state' } })
  })

  it('refuses a time overlapping another booked session, naming it, and a time already past', async () => {
    const start = platform().clock.now() + 48 * HOUR
    const expert = platform().addExpert()
    const first = await booked(platform(), start, 'Tax return review', expert)
    const second = await booked(platform(), start + 5 * HOUR, 'Query plan', expert, first.socket)
    const clash = await first.socket.command('session.proposeTime', {
      sessionId: second.session.id,
      proposedStart: start + 30 * MINUTE,
    })
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('“Tax return review”') },
    })
    // Moving within its own old slot does not clash with itself.
    expect(
      await first.socket.command('session.proposeTime', {
        sessionId: first.session.id,
        proposedStart: start + 30 * MINUTE,
      }),
    ).toMatchObject({ ok: true })
    const past = await first.socket.command('session.proposeTime', {
      sessionId: second.session.id,
      proposedStart: platform().clock.now() - MINUTE,
    })
    expect(past).toMatchObject({ ok: false, error: { code: 'time_passed' } })
  })

  it('lapses a proposal whose time passed unanswered, and refuses a late accept', async () => {
    const start = platform().clock.now() + 3 * HOUR
    const { socket, session } = await booked(platform(), start)
    const soon = platform().clock.now() + 30 * MINUTE
    await socket.command('session.proposeTime', { sessionId: session.id, proposedStart: soon })
    // The platform's timed rules run as the clock moves: the proposal lapses with its time.
    platform().clock.advance(31 * MINUTE)
    const late = await admin(platform(), `/admin/sessions/${session.id}/proposal-answer`, { accept: true })
    expect(late.body).toMatchObject({ error: { code: 'expired', message: expect.stringMatching(/lapsed/) } })
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      bookedStart: start,
      reschedule: { state: 'lapsed' },
    })
  })

  it('refuses an accept that would now overlap a session booked meanwhile', async () => {
    const start = platform().clock.now() + 48 * HOUR
    const expert = platform().addExpert()
    const first = await booked(platform(), start, 'Moving one', expert)
    await first.socket.command('session.proposeTime', {
      sessionId: first.session.id,
      proposedStart: start + 10 * HOUR,
    })
    await booked(platform(), start + 10 * HOUR, 'Booked meanwhile', expert, first.socket)
    const answer = await admin(platform(), `/admin/sessions/${first.session.id}/proposal-answer`, {
      accept: true,
    })
    expect(answer.body).toMatchObject({ error: { code: 'conflict' } })
    expect(platform().server.marketplace.store.session(first.session.id).bookedStart).toBe(start)
  })

  it('makes a client who joined for the old time join again at the new one', async () => {
    const start = platform().clock.now() + 30 * MINUTE
    const { socket, session } = await booked(platform(), start)
    platform().clock.advanceTo(start - 5 * MINUTE)
    platform().server.marketplace.clientJoin(session.id)
    const later = start + 3 * HOUR
    await socket.command('session.proposeTime', { sessionId: session.id, proposedStart: later })
    const answer = await admin(platform(), `/admin/sessions/${session.id}/proposal-answer`, { accept: true })
    expect(answer.body).toMatchObject({ session: { bookedStart: later, clientJoinedAt: null } })

    platform().clock.advanceTo(later)
    expect(sessionOf(await socket.command('session.join', { sessionId: session.id })).state).toBe('live')
    // Nobody is there to bill, and the platform says so rather than billing the empty room.
    const billing = await socket.command('session.startBilling', { sessionId: session.id })
    expect(billing).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/client has not joined/) },
    })
    platform().clock.advanceTo(later + 10 * MINUTE)
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'cancelled',
      cancellation: { reason: 'client_absent', feeAssessedTo: 'client' },
    })
  })

  it('keeps the client’s join when they decline the other time', async () => {
    const start = platform().clock.now() + 30 * MINUTE
    const { socket, session } = await booked(platform(), start)
    platform().clock.advanceTo(start - 5 * MINUTE)
    const joined = platform().server.marketplace.clientJoin(session.id)
    await socket.command('session.proposeTime', { sessionId: session.id, proposedStart: start + HOUR })
    const answer = await admin(platform(), `/admin/sessions/${session.id}/proposal-answer`, { accept: false })
    expect(answer.body).toMatchObject({
      session: { bookedStart: start, clientJoinedAt: joined.clientJoinedAt },
    })
  })

  it('lapses a pending proposal in the very event that starts the session or cancels it for an absence', async () => {
    const start = platform().clock.now() + 30 * MINUTE
    const expert = platform().addExpert()
    const joined = await booked(platform(), start, 'Joined one', expert)
    const absent = await booked(platform(), start + 2 * HOUR, 'Missed one', expert, joined.socket)
    for (const { session } of [joined, absent]) {
      await joined.socket.command('session.proposeTime', {
        sessionId: session.id,
        proposedStart: session.bookedStart + 5 * HOUR,
      })
    }
    platform().clock.advanceTo(start)
    const live = sessionOf(await joined.socket.command('session.join', { sessionId: joined.session.id }))
    expect(live).toMatchObject({ state: 'live', reschedule: { state: 'lapsed', answeredAt: start } })

    platform().clock.advanceTo(absent.session.bookedStart + 10 * MINUTE)
    const cancelled = await joined.socket.waitForEvent(
      (e) =>
        e.type === 'session.updated' &&
        e.payload.session.id === absent.session.id &&
        e.payload.session.state === 'cancelled',
    )
    expect(cancelled).toMatchObject({ payload: { session: { reschedule: { state: 'lapsed' } } } })
  })

  it('lapses a pending proposal when the session is cancelled', async () => {
    const start = platform().clock.now() + 48 * HOUR
    const { socket, session } = await booked(platform(), start)
    await socket.command('session.proposeTime', { sessionId: session.id, proposedStart: start + HOUR })
    await admin(platform(), `/admin/sessions/${session.id}/client-cancel`, {})
    expect(platform().server.marketplace.store.session(session.id)).toMatchObject({
      state: 'cancelled',
      reschedule: { state: 'lapsed' },
    })
  })
})
