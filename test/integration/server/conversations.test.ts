import { describe, expect, it } from 'vitest'
import type { Message, Session } from '../../../src/shared/protocol'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('the thread between a client and an expert, from invite to session', () => {
  const platform = useTestPlatform()

  async function invited(): Promise<{
    socket: ExpertConnection
    requestId: string
    inviteId: string
    start: number
  }> {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const start = platform().clock.now() + 30 * MINUTE
    const { request } = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Scheduled help',
      kind: 'scheduled',
      proposedTimes: [start],
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const invite = await socket.waitForEvent(ofType('invite.created'))
    return { socket, requestId: request.id, inviteId: invite.payload.invite.id, start }
  }

  async function booked(): Promise<{ socket: ExpertConnection; requestId: string; session: Session }> {
    const { socket, requestId, inviteId, start } = await invited()
    const ack = await socket.command('invite.accept', { inviteId, proposedTime: start })
    if (!ack.ok) throw new Error(ack.error.message)
    return { socket, requestId, session: (ack.result as { session: Session }).session }
  }

  async function live(): Promise<{ socket: ExpertConnection; requestId: string; session: Session }> {
    const it = await booked()
    platform().clock.advanceTo(it.session.bookedStart)
    platform().server.marketplace.clientJoin(it.session.id)
    const joined = await it.socket.command('session.join', { sessionId: it.session.id })
    if (!joined.ok) throw new Error(joined.error.message)
    return it
  }

  const send = (socket: ExpertConnection, requestId: string, body: string) =>
    socket.command('message.send', { requestId, body })

  it('takes messages from both sides on an open invite, a booked session and a live session', async () => {
    const open = await invited()
    expect((await send(open.socket, open.requestId, 'Before I decide: which version?')).ok).toBe(true)

    const book = await booked()
    expect((await send(book.socket, book.requestId, 'Booked. Please have the logs ready.')).ok).toBe(true)
    const answer = platform().server.marketplace.clientMessage(
      book.requestId,
      book.session.expertId,
      'Will do!',
    )
    const heard = await book.socket.waitForEvent(
      (e) => e.type === 'message.created' && e.payload.message.id === answer.id,
    )
    expect(heard.type === 'message.created' && heard.payload.message).toMatchObject({
      from: 'client',
      body: 'Will do!',
    })

    const now = await live()
    expect((await send(now.socket, now.requestId, 'Sharing my screen now.')).ok).toBe(true)
    expect(
      platform()
        .server.marketplace.thread(now.requestId, now.session.expertId)
        .map((m: Message) => m.body),
    ).toEqual(['Sharing my screen now.'])
  })

  it('keeps an ended session’s thread to read but refuses new messages, from either side, saying why', async () => {
    const { socket, requestId, session } = await live()
    const ended = await socket.command('session.end', { sessionId: session.id, outcome: { kind: 'free' } })
    expect(ended.ok).toBe(true)
    const refused = await send(socket, requestId, 'One more thing…')
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_state' } })
    expect(refused.ok === false && refused.error.message).toMatch(/session has ended.*cannot be sent/)
    expect(() => platform().server.marketplace.clientMessage(requestId, session.expertId, 'Hello?')).toThrow(
      /session has ended/,
    )
  })

  it('refuses messages on a cancelled session and on an invite declined without a session', async () => {
    const cancelled = await booked()
    platform().clock.advanceTo(cancelled.session.bookedStart + 10 * MINUTE)
    expect(platform().server.marketplace.store.session(cancelled.session.id).state).toBe('cancelled')
    const late = await send(cancelled.socket, cancelled.requestId, 'Sorry I missed it')
    expect(late.ok === false && late.error.message).toMatch(/was cancelled/)

    const declined = await invited()
    await declined.socket.command('invite.decline', { inviteId: declined.inviteId })
    const after = await send(declined.socket, declined.requestId, 'Actually…')
    expect(after).toMatchObject({ ok: false, error: { code: 'invalid_state' } })
    expect(after.ok === false && after.error.message).toMatch(/no longer open/)
  })

  it('refuses messages on an invite whose time ran out, as expired, before the sweep marks it so', async () => {
    const { socket, requestId, inviteId } = await invited()
    const { expires_at: expiresAt, expert_id: expertId } =
      platform().server.marketplace.store.inviteRow(inviteId)!
    // Asleep, the platform's timers wait: the invite is still stored open when the message comes.
    platform().clock.sleep(expiresAt - platform().clock.now())
    expect(platform().server.marketplace.store.invite(inviteId).state).toBe('open')
    const late = await send(socket, requestId, 'Still there?')
    expect(late).toMatchObject({ ok: false, error: { code: 'expired' } })
    expect(late.ok === false && late.error.message).toMatch(/invite expired.*cannot be sent/)
    expect(() => platform().server.marketplace.clientMessage(requestId, expertId, 'Hello?')).toThrow(
      /invite expired/,
    )
    platform().clock.advance(0)
    expect(platform().server.marketplace.store.invite(inviteId).state).toBe('expired')
    expect(await send(socket, requestId, 'Hello?')).toMatchObject({ ok: false, error: { code: 'expired' } })
  })

  it('records a closing note as the thread’s last message and on the ended session', async () => {
    const { socket, requestId, session } = await live()
    await send(socket, requestId, 'Let me check one thing.')
    const ended = await socket.command('session.end', {
      sessionId: session.id,
      outcome: { kind: 'free' },
      closingNote: '  Thanks, Sam!\r\nTry the index on customer_id next.  ',
    })
    expect(ended.ok).toBe(true)
    const note = 'Thanks, Sam!\nTry the index on customer_id next.'
    expect(ended.ok && (ended.result as { session: Session }).session.closingNote).toBe(note)
    const thread = platform().server.marketplace.thread(requestId, session.expertId)
    expect(thread.map((m) => [m.from, m.body])).toEqual([
      ['expert', 'Let me check one thing.'],
      ['expert', note],
    ])
    const event = await socket.waitForEvent(
      (e) => e.type === 'message.created' && e.payload.message.body === note,
    )
    expect(event.type).toBe('message.created')
    expect(platform().server.marketplace.store.session(session.id).closingNote).toBe(note)
  })

  it('ends a session without a note as before: no message, no note', async () => {
    const { socket, requestId, session } = await live()
    const ended = await socket.command('session.end', { sessionId: session.id, outcome: { kind: 'free' } })
    expect(ended.ok && (ended.result as { session: Session }).session.closingNote).toBeNull()
    expect(platform().server.marketplace.thread(requestId, session.expertId)).toEqual([])
  })

  it('refuses empty, oversized and broken-Unicode messages and notes with a clear error, storing nothing', async () => {
    const { socket, requestId, session } = await live()
    const bad = [' \n\t ', 'x'.repeat(5_001), 'half an emoji \ud83d']
    for (const body of bad) {
      const refused = await send(socket, requestId, body)
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      const note = await socket.command('session.end', {
        sessionId: session.id,
        outcome: { kind: 'free' },
        closingNote: body,
      })
      expect(note).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    }
    const broken = await send(socket, requestId, 'half an emoji \ud83d')
    expect(broken.ok === false && broken.error.message).toMatch(/broken character/)
    expect(() => platform().server.marketplace.clientMessage(requestId, session.expertId, '\ud800')).toThrow(
      /broken character/,
    )
    expect(platform().server.marketplace.thread(requestId, session.expertId)).toEqual([])
    expect(platform().server.marketplace.store.session(session.id).state).toBe('live')
  })
})
