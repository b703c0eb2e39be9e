import { describe, expect, it } from 'vitest'
import type { CommandOutcome } from '../../../../../src/shared/command-outcome'
import { PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../../src/shared/protocol'
import { aSession, FIXTURE_NOW } from '../../../../support/fixtures'
import { memoryLink } from '../../../../support/memory-link'

/** A link over the in-memory transport, welcomed, and the connection the test plays the platform on. */
function online() {
  const { link, connections, clock, log } = memoryLink()
  link.start()
  const connection = connections[0]!
  connection.accept()
  const welcome = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada', latestEventId: 0, serverTime: 0 }
  connection.send(WELCOME_EVENT, { ...welcome, serverTime: FIXTURE_NOW })
  return { link, clock, connection, connections, log }
}

/** Let every answer already given reach its awaiting code. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A Join sent once and timed out unanswered (it may have been done), on a link still online: the
 * commands sent so far, and the idempotency key each went under.
 */
async function joinUnanswered() {
  const { link, clock, connection } = online()
  const join = { sessionId: 'ses_1' }
  const first = link.command('session.join', join)
  clock.advance(10_000)
  expect(await first).toMatchObject({ ok: false, error: { code: 'timeout' } })
  const sent = () => connection.requests.filter((r) => r.name === 'command')
  const keyOf = (i: number) => (sent()[i]?.payload as { idempotencyKey: string }).idempotencyKey
  return { link, join, sent, keyOf }
}

/** The outcome of `pending` if it has settled by now, else undefined. */
async function settledNow<T>(pending: Promise<T>): Promise<T | undefined> {
  let outcome: T | undefined
  void pending.then((value) => (outcome = value))
  await turn()
  return outcome
}

/** What the expert is told of a command whose link ended before the answer: unknown, with no false promise. */
function expectEndedUnanswered(outcome: CommandOutcome<unknown> | undefined): void {
  expect(outcome).toMatchObject({ ok: false, error: { code: 'dropped' } })
  const message = outcome?.ok === false ? outcome.error.message : ''
  expect(message).toMatch(/cannot tell whether it was done/)
  // A later sign-in has its own keys: sending it again then is not known to be safe.
  expect(message).not.toMatch(/will not do it twice/)
}

describe('a command whose link ends before its answer', () => {
  it('signed out (the link stopped) mid-command: answered at once, saying it is not known whether it was done', async () => {
    const { link, clock } = online()
    const outcome = link.command('invite.accept', { inviteId: 'inv_1', proposedTime: null })
    link.stop()
    expectEndedUnanswered(await settledNow(outcome))
    // Nothing left waiting on the clock for it.
    expect(clock.pendingTimers).toBe(0)
  })

  it('the sign-in refused on the reconnect after its connection dropped: answered at once, the same way', async () => {
    const { link, clock, connection } = online()
    const outcome = link.command('session.join', { sessionId: 'ses_1' })
    connection.drop()
    await turn()
    clock.advance(1_000)
    connection.fail('unauthorized', {
      code: 'unauthorized',
      message: 'This sign-in was revoked; sign in again.',
      serverProtocolVersion: PROTOCOL_VERSION,
    })
    expect(link.state.kind).toBe('refused')
    expectEndedUnanswered(await settledNow(outcome))
  })
})

describe('a command sent again under its first key, answered with a refusal', () => {
  it('is asked again under a fresh key: the refusal may be the first answer given again, from before, and said nothing was done', async () => {
    const { link, join, sent, keyOf } = await joinUnanswered()

    const retried = link.command('session.join', join)
    expect(keyOf(1)).toBe(keyOf(0))
    // The platform's stored answer to the first: too early, back then.
    sent()[1]?.answer({ ok: false, error: { code: 'too_early', message: 'Too early to start.' } })
    await turn()
    expect(sent()).toHaveLength(3)
    expect(keyOf(2)).not.toBe(keyOf(0))
    const session = aSession({ id: 'ses_1', expertId: 'exp_ada', state: 'live' })
    sent()[2]?.answer({ ok: true, result: { session }, serverTime: FIXTURE_NOW })
    expect(await retried).toMatchObject({ ok: true, result: { session: { id: 'ses_1' } } })
  })

  it('asks only once more: refused under the fresh key too, the refusal is the answer', async () => {
    const { link, join, sent } = await joinUnanswered()
    const retried = link.command('session.join', join)
    const tooEarly = { ok: false, error: { code: 'too_early', message: 'Too early to start.' } }
    sent()[1]?.answer(tooEarly)
    await turn()
    sent()[2]?.answer(tooEarly)
    expect(await retried).toEqual(tooEarly)
    expect(sent()).toHaveLength(3)
  })
})

describe('a command sent again under its first key, answered by a refusal that is not about it', () => {
  it('is not asked under a fresh key, and its first key is kept: the first try may still have been done', async () => {
    const { link, join, sent, keyOf } = await joinUnanswered()

    for (const code of ['rate_limited', 'busy', 'internal']) {
      const before = sent().length
      const retried = link.command('session.join', join)
      expect(keyOf(before)).toBe(keyOf(0))
      // Refused before the platform looked the key up: its first answer may have been a yes.
      const refusal = { ok: false, error: { code, message: 'Wait a moment and try again.' } }
      sent()[before]?.answer(refusal)
      await turn()
      expect(sent()).toHaveLength(before + 1)
      // Too many at once is told in Standby's own words, saying when to press again.
      const told = code === 'rate_limited' ? 'The platform is busy: try again in a moment.' : null
      expect(await retried).toEqual(told === null ? refusal : { ok: false, error: { code, message: told } })
    }
  })
})

describe('a command whose connection a message over the size limit closed before its answer', () => {
  /** The link online again on its next connection, welcomed; the commands sent on it so far. */
  async function welcomedAgain({ clock, connection }: ReturnType<typeof online>) {
    await turn()
    const before = connection.requests.length
    // Past the backoff after a broken connection, however long it grew.
    for (let s = 0; s < 600 && connection.state !== 'connecting'; s++) clock.advance(1_000)
    connection.accept()
    const welcome = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada', latestEventId: 0 }
    connection.send(WELCOME_EVENT, { ...welcome, serverTime: FIXTURE_NOW })
    await turn()
    return () => connection.requests.slice(before).filter((r) => r.name === 'command')
  }

  it('is sent again once: the message may have been a push, and the answer on the next connection is read', async () => {
    const made = online()
    const outcome = made.link.command('session.join', { sessionId: 'ses_1' })
    made.connection.sendTooLarge()
    const sentAgain = await welcomedAgain(made)
    const session = aSession({ id: 'ses_1', expertId: 'exp_ada', state: 'live' })
    sentAgain()[0]?.answer({ ok: true, result: { session }, serverTime: FIXTURE_NOW })
    expect(await outcome).toMatchObject({ ok: true, result: { session: { id: 'ses_1' } } })
  })

  it('met again when sent again, ends saying so, with one line in the log, and is not sent a third time', async () => {
    const made = online()
    const outcome = made.link.command('session.join', { sessionId: 'ses_1' })
    made.connection.sendTooLarge()
    expect((await welcomedAgain(made))()).toHaveLength(1)
    made.connection.sendTooLarge()
    const told = await settledNow(outcome)
    expect(told).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
    expect(told?.ok === false && told.error.message).toMatch(/sending it again would bring the same answer/)
    expect((await welcomedAgain(made))()).toHaveLength(0)
    expect(
      made.log.lines.filter((line) => line.includes("The platform's answer to session.join")),
    ).toHaveLength(1)
  })

  it('met again while a replay was awaited too, is sent again: the message may be the push that cut the first connection, replayed', async () => {
    const made = online()
    const outcome = made.link.command('session.join', { sessionId: 'ses_1' })
    made.connection.sendTooLarge()
    expect((await welcomedAgain(made))()).toHaveLength(1)
    // The catch-up on the new connection asks for the events the push was one of.
    const replaying = made.link.replay(0).catch(() => 'lost')
    made.connection.sendTooLarge()
    expect(await replaying).toBe('lost')
    expect(await settledNow(outcome)).toBeUndefined()
    const sentAgain = await welcomedAgain(made)
    expect(sentAgain()).toHaveLength(1)
    const session = aSession({ id: 'ses_1', expertId: 'exp_ada', state: 'live' })
    sentAgain()[0]?.answer({ ok: true, result: { session }, serverTime: FIXTURE_NOW })
    expect(await outcome).toMatchObject({ ok: true, result: { session: { id: 'ses_1' } } })
  })
})
