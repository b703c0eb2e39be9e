import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  BACKOFF_CAP_MS,
  BACKOFF_START_MS,
} from '../../../../../src/main/core/connection/backoff'
import { connectionStatus } from '../../../../../src/main/core/connection/connection-status'
import { MOST_PASSED_OVER_LOGGED } from '../../../../../src/main/core/connection/passed-over'
import { PlatformLink, type LinkState } from '../../../../../src/main/core/connection/platform-link'
import { RESTARTS_IN_A_ROW } from '../../../../../src/main/core/connection/welcome-probation'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import {
  COMMAND_EVENT,
  LIVE_EVENT,
  MOST_SENTENCE_CHARS,
  PROBE_EVENT,
  PROTOCOL_VERSION,
  WELCOME_EVENT,
  type Welcome,
} from '../../../../../src/shared/protocol'
import { aMessage, anInvite, aSession, FIXTURE_NOW, inviteCreated } from '../../../../support/fixtures'
import { memoryTransport, type MemoryConnection } from '../../../../support/memory-transport'
import { recordingLog } from '../../../../support/recording-log'

const URL = 'http://127.0.0.1:4455'
const timings = {
  connectTimeoutMs: 5_000,
  ackTimeoutMs: 10_000,
  replayGiveUpMs: 60_000,
  silenceLimitMs: 8_000,
  probeTimeoutMs: 5_000,
  steadyAfterMs: 30_000,
}
const welcome: Welcome = {
  protocolVersion: PROTOCOL_VERSION,
  expertId: 'exp_ada',
  latestEventId: 0,
  serverTime: FIXTURE_NOW,
}

/** A link over the in-memory transport, with the clocks, power and log the test drives. */
function setUp() {
  const { transport, connections } = memoryTransport()
  const clock = new ManualClock(FIXTURE_NOW)
  const power = createPowerHook()
  const log = recordingLog()
  const link = new PlatformLink(URL, 'token-1', {
    transport,
    clock,
    linkClock: clock,
    power,
    log,
    random: () => 0.5,
    timings,
    expertId: 'exp_ada',
  })
  const states: LinkState[] = []
  link.states.add((s) => states.push(s))
  const connection = (): MemoryConnection => {
    const only = connections[0]
    if (connections.length !== 1 || only === undefined) throw new Error(`${connections.length} connections`)
    return only
  }
  return { link, clock, power, log, states, connection }
}

/** Start the link and have the platform accept and welcome it. */
function online(): ReturnType<typeof setUp> {
  const env = setUp()
  env.link.start()
  env.connection().accept()
  env.connection().send(WELCOME_EVENT, welcome)
  return env
}

/** How long the link waits before its next attempt, as it waits now. */
function waitOf(env: ReturnType<typeof setUp>): number {
  const state = env.link.state
  if (state.kind !== 'waiting') throw new Error(`not waiting: ${state.kind}`)
  return state.nextAttemptAt - env.clock.now()
}

/** Wait out the backoff, and have the platform accept and welcome the next attempt. */
function reconnectAfterWait(env: ReturnType<typeof setUp>): void {
  env.clock.advance(waitOf(env))
  env.connection().accept()
  env.connection().send(WELCOME_EVENT, welcome)
  expect(env.link.state.kind).toBe('connected')
}

/** The waits after `times` welcomed connections the platform breaks at once by a protocol violation. */
function violatedWaits(env: ReturnType<typeof setUp>, times: number): number[] {
  const waits: number[] = []
  for (let i = 0; i < times; i++) {
    env.connection().violate()
    waits.push(waitOf(env))
    reconnectAfterWait(env)
  }
  return waits
}

/** Keep the connection up, its heartbeats coming and its checks answered, until it has held as long as probation lasts. */
async function holdSteady(env: ReturnType<typeof setUp>): Promise<void> {
  for (let held = 0; held < timings.steadyAfterMs; held += timings.silenceLimitMs / 2) {
    env.clock.advance(timings.silenceLimitMs / 2)
    env.connection().send('heartbeat', {})
    // The platform answers each check of the link, as one that carries both ways does.
    for (const probe of env.connection().requests.filter((r) => r.name === PROBE_EVENT))
      probe.answer({ ok: true, result: {}, serverTime: FIXTURE_NOW })
    await turn()
  }
  expect(env.link.state.kind).toBe('connected')
}

/** The platform's heartbeat every second for `ms`, while the connection is open; nothing else. */
function heartbeatsFor(env: Pick<ReturnType<typeof setUp>, 'clock' | 'connection'>, ms: number): void {
  for (let t = 0; t < ms; t += 1_000) {
    env.clock.advance(1_000)
    if (env.connection().state === 'open') env.connection().send('heartbeat', {})
  }
}

/** Attempts fail in a row (the network down) until the backoff has grown to its cap. */
function failedToCap(env: ReturnType<typeof setUp>): void {
  for (let i = 0; i < 6; i++) {
    if (env.link.state.kind === 'waiting') env.clock.advanceTo(env.link.state.nextAttemptAt)
    env.connection().fail('connect ENETUNREACH')
  }
  expect(waitOf(env)).toBe(backoffDelay(6, 0.5))
}

/** The wait after the platform drops a welcomed connection in the ordinary way, as a restart does. */
function droppedWait(env: ReturnType<typeof setUp>): number {
  env.connection().drop('transport close')
  const wait = waitOf(env)
  reconnectAfterWait(env)
  return wait
}

/** The wait after the platform closes a welcomed connection saying so, as it does as it shuts down to restart. */
function restartWait(env: ReturnType<typeof setUp>): number {
  env.connection().announceClose()
  const wait = waitOf(env)
  reconnectAfterWait(env)
  return wait
}

/** The commands sent on `connection`, probes left out, each with its idempotency key. */
function commandsSent(connection: MemoryConnection) {
  return connection.requests
    .filter((sent) => sent.name === COMMAND_EVENT)
    .map((sent) => ({ sent, key: (sent.payload as { idempotencyKey: string }).idempotencyKey }))
}

/** Let every answer already given reach its awaiting code. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Decline an invite, lose the connection before the answer, and reconnect: the decline is sent again. */
async function sentAgain(env: ReturnType<typeof setUp>) {
  const outcome = env.link.command('invite.decline', { inviteId: 'inv_1' }, 'key-1')
  // The network changed under the command: the connection is gone before the answer.
  env.connection().drop('transport close')
  await turn()
  reconnectAfterWait(env)
  await turn()
  // Wrapped, or awaiting the helper would wait for the answer too.
  return { outcome }
}

/** What the expert sees for a link state, once this run has been online and synced. */
function shownAs(state: LinkState) {
  return connectionStatus({
    link: state,
    sync: { kind: 'live', since: FIXTURE_NOW },
    signedIn: true,
    wasOnline: true,
    lastSyncedAt: FIXTURE_NOW,
    now: FIXTURE_NOW,
  })
}

describe('PlatformLink over a transport', () => {
  it('connects as the signed-in expert with the protocol version, and only through the transport', () => {
    const { link, connection, states } = setUp()
    link.start()
    expect(connection().options).toEqual({
      platformUrl: URL,
      auth: { token: 'token-1', protocolVersion: PROTOCOL_VERSION },
    })
    expect(connection().attempts).toBe(1)
    expect(states).toEqual([{ kind: 'connecting', attempt: 1 }])
  })

  it('is online once welcomed, and hands each live event to its listeners', () => {
    const { link, connection } = online()
    expect(link.state).toEqual({ kind: 'connected', welcome })
    const events: StreamEntry[] = []
    link.events.add((e) => events.push(e))
    const event = inviteCreated(1, anInvite())
    connection().send(LIVE_EVENT, event)
    expect(events).toEqual([event])
  })

  it('keeps an unreadable live event as a marker with its problem, which the cache logs once it passes over it', () => {
    const { link, connection, log } = online()
    const events: StreamEntry[] = []
    link.events.add((e) => events.push(e))
    connection().send(LIVE_EVENT, { id: 2, type: 'invite.created', payload: 'garbage' })
    expect(events).toMatchObject([{ id: 2, type: 'unreadable', problem: expect.stringMatching(/\S/) }])
    expect(log.text()).not.toMatch(/event 2/)
  })

  it.each([
    ['malformed', 'hello'],
    ['of another protocol', { ...welcome, protocolVersion: PROTOCOL_VERSION + 1 }],
    ['for another expert', { ...welcome, expertId: 'exp_grace' }],
    ['further on', { ...welcome, latestEventId: 9 }],
  ])('keeps a welcomed connection as it is when a second welcome comes, %s, and says so', (_, second) => {
    const { link, connection, log, states } = online()
    const seen = states.length
    connection().send(WELCOME_EVENT, second)
    expect(connection().state).toBe('open')
    expect(link.state).toEqual({ kind: 'connected', welcome })
    expect(states).toHaveLength(seen)
    expect(log.text()).toMatch(/a second welcome on one connection; Standby kept the first/)
    const events: StreamEntry[] = []
    link.events.add((e) => events.push(e))
    connection().send(LIVE_EVENT, inviteCreated(1, anInvite()))
    expect(events).toMatchObject([{ id: 1 }])
  })

  it('says in the log what a message of a name the protocol does not have was, a few times per connection', () => {
    const env = online()
    const { connection, log } = env
    const names = () => log.lines.filter((line) => /a message named/.test(line))
    connection().send('payout.sent', { amount: 1 })
    expect(names()).toEqual([expect.stringMatching(/a message named "payout.sent"; Standby passed it over/)])
    for (let i = 0; i < 1_000; i++) connection().send(`\u202e${'x'.repeat(10_000)}${i}`, {})
    expect(names()).toHaveLength(MOST_PASSED_OVER_LOGGED)
    expect(Math.max(...log.lines.map((line) => line.length))).toBeLessThan(400)
    expect(log.text()).toMatch(/keeps sending messages Standby cannot read or that are outside its protocol/)
    expect(env.link.state.kind).toBe('connected')
    // A new connection has its own few lines, but for what an earlier one wrote within the hour.
    connection().drop()
    reconnectAfterWait(env)
    connection().send('payout.sent', {})
    connection().send('payout.held', {})
    expect(names()).toHaveLength(MOST_PASSED_OVER_LOGGED + 1)
    expect(names().at(-1)).toMatch(/a message named "payout.held"/)
  })

  it('logs a few of the live events it cannot place per connection, and still passes on the next good one', () => {
    const { link, connection, log } = online()
    const events: StreamEntry[] = []
    link.events.add((e) => events.push(e))
    for (let i = 0; i < 1_000; i++) connection().send(LIVE_EVENT, i % 2 === 0 ? 0 : { id: i, type: 'x' })
    expect(log.lines).toHaveLength(MOST_PASSED_OVER_LOGGED + 1)
    expect(log.lines[0]).toMatch(/Ignored an event from the platform with no readable id/)
    expect(log.lines[1]).toMatch(/Ignored an event from the platform with no readable id/)
    // Each unreadable one with an id still holds its place in the stream.
    expect(events).toHaveLength(500)
    connection().send(LIVE_EVENT, inviteCreated(1_000, anInvite()))
    expect(events.at(-1)).toMatchObject({ id: 1_000, type: 'invite.created' })
  })

  it('answers a command with the platform result', async () => {
    const { link, connection } = online()
    const outcome = link.command('invite.decline', { inviteId: 'inv_1' }, 'key-1')
    const [sent] = connection().requests
    expect(sent).toMatchObject({
      name: COMMAND_EVENT,
      payload: { name: 'invite.decline', idempotencyKey: 'key-1', payload: { inviteId: 'inv_1' } },
    })
    sent?.answer({ ok: true, result: { inviteId: 'inv_1' }, serverTime: FIXTURE_NOW })
    expect(await outcome).toEqual({ ok: true, result: { inviteId: 'inv_1' } })
  })

  it('takes an answer about another session for one it cannot read, logs it, and sends the command again under its key', async () => {
    const { link, log, connection } = online()
    const joining = link.command('session.join', { sessionId: 'ses_1' })
    const other = aSession({ id: 'ses_2', state: 'live' })
    commandsSent(connection())[0]?.sent.answer({
      ok: true,
      result: { session: other },
      serverTime: FIXTURE_NOW,
    })
    expect(await joining).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
    expect(log.text()).toContain(
      'error The platform answered session.join about session ses_2 where it named ses_1, so Standby took it for no answer',
    )
    // Whether the join happened stays open: pressed again, it goes under the first key.
    void link.command('session.join', { sessionId: 'ses_1' })
    const [first, again] = commandsSent(connection())
    expect(again?.key).toBe(first?.key)
  })

  it('names in the log the field at fault of a malformed acknowledgement, result or welcome', async () => {
    const { link, log, connection } = online()
    const joining = link.command('session.join', { sessionId: 'ses_1' })
    const paused = { ...aSession({ id: 'ses_1' }), state: 'paused' }
    commandsSent(connection())[0]?.sent.answer({
      ok: true,
      result: { session: paused },
      serverTime: FIXTURE_NOW,
    })
    expect(await joining).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
    expect(log.text()).toMatch(/The platform sent a malformed session.join result \(session\.state — /)
    const declining = link.command('invite.decline', { inviteId: 'inv_1' })
    commandsSent(connection())[1]?.sent.answer({ ok: 'yes', result: { inviteId: 'inv_1' } })
    expect(await declining).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
    expect(log.text()).toMatch(/The platform sent a malformed invite.decline acknowledgement \(ok — /)

    const next = setUp()
    next.link.start()
    next.connection().accept()
    next.connection().send(WELCOME_EVENT, { ...welcome, latestEventId: -1 })
    expect(next.log.text()).toMatch(/The platform sent a malformed welcome \(latestEventId — /)
  })

  it('gives the expert a timeout they can act on, saying that sending it again is safe, when the platform never acknowledges a command', async () => {
    const { link, clock, connection } = online()
    const outcome = link.command('invite.decline', { inviteId: 'inv_1' })
    expect(connection().requests).toHaveLength(1)
    clock.advance(timings.ackTimeoutMs)
    expect(await outcome).toEqual({
      ok: false,
      error: {
        code: 'timeout',
        message:
          'The platform did not answer within 10 s, so Standby cannot tell whether it was done. Sending it again is safe: the platform will not do it twice.',
      },
    })
  })

  it('sends a command again under its first key after no answer came, and under a fresh key once it was answered', async () => {
    const { link, clock, connection } = online()
    const body = { requestId: 'req_1', body: 'Which Safari version?' }
    const first = link.command('message.send', body)
    clock.advance(timings.ackTimeoutMs)
    expect(await first).toMatchObject({ ok: false, error: { code: 'timeout' } })
    // The expert presses Send again: had the first arrived, the platform answers with it.
    const again = link.command('message.send', body)
    const other = link.command('message.send', { ...body, body: 'And on iOS?' })
    const [lost, retried, different] = commandsSent(connection())
    expect(retried?.key).toBe(lost?.key)
    expect(different?.key).not.toBe(lost?.key)
    const message = aMessage({ requestId: 'req_1', from: 'expert', body: body.body })
    retried?.sent.answer({ ok: true, result: { message }, serverTime: FIXTURE_NOW })
    different?.sent.answer({
      ok: false,
      error: { code: 'rate_limited', message: 'Slow down.' },
      serverTime: FIXTURE_NOW,
    })
    expect(await again).toMatchObject({ ok: true })
    expect(await other).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    // Answered either way: the same text sent once more is a new message.
    void link.command('message.send', body)
    void link.command('message.send', { ...body, body: 'And on iOS?' })
    const [next, nextOther] = commandsSent(connection()).slice(3)
    expect(next?.key).not.toBe(lost?.key)
    expect(nextOther?.key).not.toBe(different?.key)
  })

  it('keeps the key of a command its connection lost for the retry once online again', async () => {
    const env = online()
    const { link, clock, connection } = env
    const decline = { inviteId: 'inv_1' }
    const lost = link.command('invite.decline', decline)
    connection().drop()
    await turn()
    clock.advance(timings.ackTimeoutMs)
    expect(await lost).toMatchObject({ ok: false, error: { code: 'dropped' } })
    if (link.state.kind === 'waiting') clock.advance(waitOf(env))
    connection().accept()
    connection().send(WELCOME_EVENT, welcome)
    void link.command('invite.decline', decline)
    const [first, retried] = commandsSent(connection())
    expect(retried?.key).toBe(first?.key)
  })

  it('says it cannot tell whether it was done, and that sending it again is safe, when the connection drops mid-command and none comes back in time', async () => {
    const { link, clock, connection } = online()
    const outcome = link.command('invite.decline', { inviteId: 'inv_1' })
    connection().drop()
    await turn()
    clock.advance(timings.ackTimeoutMs)
    expect(await outcome).toMatchObject({
      ok: false,
      error: {
        code: 'dropped',
        message:
          'The connection dropped before the platform answered, so Standby cannot tell whether it was done. Sending it again once Standby is back online is safe: the platform will not do it twice.',
      },
    })
  })

  it('sends a command lost with its connection again on the next one, with the same key, and gives its answer', async () => {
    const env = online()
    const { outcome } = await sentAgain(env)
    const [first, resent, ...more] = env.connection().requests
    expect(more).toEqual([])
    expect(resent?.payload).toEqual(first?.payload)
    expect(resent?.payload).toMatchObject({ name: 'invite.decline', idempotencyKey: 'key-1' })
    resent?.answer({ ok: true, result: { inviteId: 'inv_1' }, serverTime: FIXTURE_NOW })
    expect(await outcome).toEqual({ ok: true, result: { inviteId: 'inv_1' } })
  })

  it('tells the whole wait when a command sent again on the next connection goes unanswered', async () => {
    const env = online()
    const { outcome } = await sentAgain(env)
    expect(env.connection().requests).toHaveLength(2)
    env.clock.advance(timings.ackTimeoutMs)
    expect(await outcome).toMatchObject({
      ok: false,
      error: { code: 'timeout', message: expect.stringMatching(/^The platform did not answer within 10 s,/) },
    })
  })

  it('a thousand reconnects, each losing a command that is sent again, and a wake, leave no listener or timer behind', async () => {
    const env = online()
    const before = { listeners: env.link.states.size, timers: env.clock.pendingTimers }
    for (let i = 0; i < 1_000; i++) {
      const outcome = env.link.command('invite.decline', { inviteId: `inv_${i}` }, `key-${i}`)
      env.connection().drop('transport close')
      await turn()
      reconnectAfterWait(env)
      await turn()
      env
        .connection()
        .requests.at(-1)
        ?.answer({ ok: true, result: { inviteId: `inv_${i}` }, serverTime: FIXTURE_NOW })
      expect(await outcome).toEqual({ ok: true, result: { inviteId: `inv_${i}` } })
      // The wake probes the connection; the platform answers.
      env.power.resume()
      env.connection().requests.at(-1)?.answer({ serverTime: FIXTURE_NOW })
      await turn()
    }
    expect({ listeners: env.link.states.size, timers: env.clock.pendingTimers }).toEqual(before)
  })

  it('forgets each command the platform never answers, however long the connection stays up', async () => {
    const env = online()
    const unanswered = async (i: number): Promise<void> => {
      const outcome = env.link.command('invite.decline', { inviteId: `inv_${i}` })
      env.clock.advance(timings.ackTimeoutMs)
      expect(await outcome).toMatchObject({ ok: false, error: { code: 'timeout' } })
      // The connection is alive all the while: each check of it is answered.
      env.power.resume()
      env.connection().requests.at(-1)?.answer({ ok: true, result: {}, serverTime: FIXTURE_NOW })
      await turn()
    }
    // Past the welcome's probation, whose timer ends on its own.
    for (let i = 0; i < 5; i++) await unanswered(i)
    const after = { awaiting: env.connection().awaiting, timers: env.clock.pendingTimers }
    for (let i = 5; i < 205; i++) await unanswered(i)
    expect({ awaiting: env.connection().awaiting, timers: env.clock.pendingTimers }).toEqual(after)
    expect(after.awaiting).toBe(0)
    expect(env.link.state.kind).toBe('connected')
  })

  it('fails a command at once while offline and sends nothing', async () => {
    const { link, connection } = setUp()
    link.start()
    const outcome = await link.command('invite.decline', { inviteId: 'inv_1' })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'offline' } })
    expect(connection().requests).toEqual([])
  })

  it('shows "reconnecting" when the connection drops, and connects again after the backoff', () => {
    const { link, clock, connection } = online()
    connection().drop('transport close')
    expect(link.state).toMatchObject({
      kind: 'waiting',
      attempt: 1,
      reason: 'Connection lost (transport close). If this goes on, check your connection.',
    })
    expect(shownAs(link.state)).toMatchObject({
      status: 'reconnecting',
      reason: 'Connection lost (transport close). If this goes on, check your connection.',
    })
    const state = link.state
    if (state.kind !== 'waiting') throw new Error('not waiting')
    clock.advanceTo(state.nextAttemptAt)
    expect(connection().attempts).toBe(2)
    // While the next attempt is under way, the expert still reads why the last one failed.
    expect(link.state).toEqual({
      kind: 'connecting',
      attempt: 2,
      reason: 'Connection lost (transport close). If this goes on, check your connection.',
      reachedPlatform: true,
    })
  })

  it('names a proxy or firewall only for a row of connections cut soon after each welcome, and not once one has held', async () => {
    const env = online()
    const reason = (): string => (env.link.state.kind === 'waiting' ? env.link.state.reason : '')
    const plain = 'Connection lost (transport close). If this goes on, check your connection.'
    // One loss soon after the welcome is a network's or a restart's as much as anything's.
    env.connection().drop('transport close')
    expect(reason()).toBe(plain)
    reconnectAfterWait(env)
    env.connection().drop('transport close')
    expect(reason()).toMatch(/^Connection lost again soon after .*a proxy or firewall/)
    reconnectAfterWait(env)
    await holdSteady(env)
    // A connection that held a while ends the row: its loss is told as any other.
    env.connection().drop('transport close')
    expect(reason()).toBe(plain)
    reconnectAfterWait(env)
    env.connection().drop('transport close')
    expect(reason()).toBe(plain)
  })

  it('names no proxy for a row with a connection that went quiet in it, as flaky Wi-Fi makes', () => {
    const env = online()
    const reason = (): string => (env.link.state.kind === 'waiting' ? env.link.state.reason : '')
    const again =
      /^Connection lost again soon after the platform let Standby in \(.+\)\. If this goes on, check your connection\.$/
    // Cut, then quiet, then cut: never two cuts in a row, so nothing says a proxy is cutting them.
    env.connection().drop('transport close')
    reconnectAfterWait(env)
    env.connection().goQuiet()
    expect(reason()).toMatch(again)
    expect(reason()).toContain('nothing arrived from the platform in time')
    reconnectAfterWait(env)
    env.connection().drop('transport close')
    expect(reason()).toMatch(again)
    // Two cuts in a row are what a proxy or firewall does.
    reconnectAfterWait(env)
    env.connection().drop('transport close')
    expect(reason()).toMatch(/a proxy or firewall on it may be cutting connections/)
    // The log says what the expert reads: the connection was lost, not that the platform closed it.
    const streak = env.log.lines.filter((line) => line.includes('soon after'))
    expect(streak).toEqual([
      expect.stringContaining('Connection lost again soon after the platform let Standby in ('),
    ])
    expect(env.log.text()).not.toMatch(/The platform closed the connection/)
  })

  it('keeps saying "reconnecting", when it tries next and why, through a streak of connections the platform breaks', () => {
    const env = online()
    for (let i = 0; i < 6; i++) {
      env.connection().violate()
      const waiting = env.link.state
      if (waiting.kind !== 'waiting') throw new Error(`not waiting: ${waiting.kind}`)
      expect(shownAs(waiting)).toMatchObject({
        status: 'reconnecting',
        nextAttemptAt: waiting.nextAttemptAt,
        reason: waiting.reason,
      })
      // The platform broke each connection itself: its support can help, a check of the network not.
      expect(waiting.reason).toMatch(
        /^Connection lost \(.+\)\. If this goes on, tell the platform's support\.$/,
      )
      env.clock.advance(waitOf(env))
      expect(env.link.state.kind).toBe('connecting')
      expect(shownAs(env.link.state)).toMatchObject({ status: 'reconnecting', reason: waiting.reason })
      env.connection().accept()
      env.connection().send(WELCOME_EVENT, welcome)
    }
  })

  it('is offline after a few attempts that never reach the platform, still saying when it tries next', () => {
    const env = online()
    env.connection().drop('transport close')
    for (let i = 0; i < 3; i++) {
      env.clock.advance(waitOf(env))
      env.connection().fail('connect ECONNREFUSED')
    }
    const waiting = env.link.state
    if (waiting.kind !== 'waiting') throw new Error(`not waiting: ${waiting.kind}`)
    expect(shownAs(waiting)).toMatchObject({ status: 'offline', nextAttemptAt: waiting.nextAttemptAt })
  })

  it('backs off ever longer from a platform that welcomes each connection and then breaks the protocol', () => {
    const env = online()
    const waits = violatedWaits(env, 5)
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0)
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0)
    // The waits reach the backoff's longest, and stay bounded by it.
    expect(waits.at(-1)).toBe(backoffDelay(waits.length, 0.5))
    expect(Math.max(...waits)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    // One warning for the streak, not one per attempt.
    expect(env.log.lines.filter((l) => l.includes('broke the connection right after'))).toHaveLength(1)
    expect(env.log.lines.filter((l) => l.includes('Connection to the platform lost'))).toHaveLength(0)
  })

  it('still reconnects at the first short wait after a platform restart, even after a streak of violations', async () => {
    const env = online()
    const first = backoffDelay(1, 0.5)
    // Each restart's connection holds a while before the next restart, as a platform's does.
    expect(droppedWait(env)).toBe(first)
    await holdSteady(env)
    expect(droppedWait(env)).toBe(first)
    await holdSteady(env)
    violatedWaits(env, 3)
    // Lost for another cause than a violation: a restart, which must not wait out the streak.
    expect(droppedWait(env)).toBe(first)
  })

  it('backs off ever longer from a platform that closes each connection right after letting Standby in, logging the streak once', async () => {
    const env = online()
    const waits = Array.from({ length: 6 }, () => droppedWait(env))
    // The first is taken for a restart; from the second in a row on, the waits grow to the longest.
    expect(waits[0]).toBe(backoffDelay(1, 0.5))
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0)
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0)
    expect(waits.at(-1)).toBe(backoffDelay(waits.length, 0.5))
    expect(Math.max(...waits)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    const lines = (text: string) => env.log.lines.filter((l) => l.includes(text))
    expect(lines('Connection to the platform lost')).toHaveLength(1)
    expect(lines('Connection lost again soon after the platform let Standby in')).toHaveLength(1)
    // Closed once caught up (a proxy's idle timeout far too short): still a row of losses.
    env.link.caughtUp()
    expect(droppedWait(env)).toBe(backoffDelay(waits.length + 1, 0.5))
    // A connection that holds a while ends the streak: the next restart is reconnected at once again.
    await holdSteady(env)
    expect(droppedWait(env)).toBe(backoffDelay(1, 0.5))
  })

  it('reconnects at the first short wait after each restart the platform announces, however close together', () => {
    const env = online()
    const first = backoffDelay(1, 0.5)
    // A deploy rolled back at once, then servers restarted one after another: no connection held.
    expect([restartWait(env), restartWait(env), restartWait(env), restartWait(env)]).toEqual([
      first,
      first,
      first,
      first,
    ])
    // A restart neither ends a row of quick losses nor adds to it.
    const row = [droppedWait(env), droppedWait(env)]
    expect(restartWait(env)).toBe(first)
    expect(droppedWait(env)).toBe(backoffDelay(row.length + 1, 0.5))
  })

  it('backs off ever longer from a platform that says it closes each connection right after letting Standby in', async () => {
    const env = online()
    const first = backoffDelay(1, 0.5)
    const waits = Array.from({ length: RESTARTS_IN_A_ROW + 5 }, () => restartWait(env))
    // As many as a row of restarts makes are reconnected at once; then the waits grow to the longest.
    expect(waits.slice(0, RESTARTS_IN_A_ROW)).toEqual(Array(RESTARTS_IN_A_ROW).fill(first))
    const after = waits.slice(RESTARTS_IN_A_ROW)
    expect(after[0]).toBeGreaterThan(first)
    for (let i = 1; i < after.length; i++) expect(after[i]).toBeGreaterThanOrEqual(after[i - 1] ?? 0)
    expect(Math.max(...waits)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    expect(env.log.lines.filter((l) => l.includes('said it closed the connection soon after'))).toHaveLength(
      1,
    )
    // A connection that holds a while ends the streak: the next restart is reconnected at once again.
    await holdSteady(env)
    expect(restartWait(env)).toBe(first)
  })

  it('still stops at a revoked sign-in while it backs off from a row of announced closes', () => {
    const env = online()
    for (let i = 0; i <= RESTARTS_IN_A_ROW; i++) restartWait(env)
    env.connection().announceClose()
    env.clock.advance(waitOf(env))
    env.connection().fail('unauthorized', {
      code: 'unauthorized',
      message: 'This sign-in was revoked; sign in again.',
      serverProtocolVersion: PROTOCOL_VERSION,
    })
    expect(env.link.state).toMatchObject({ kind: 'refused', code: 'unauthorized' })
  })

  it('tries at once on a wake while it backs off from a row of quick losses, rather than waiting it out', () => {
    const env = online()
    for (let i = 0; i < 5; i++) droppedWait(env)
    env.connection().drop()
    expect(waitOf(env)).toBeGreaterThan(backoffDelay(1, 0.5))
    env.power.resume()
    expect(env.link.state.kind).toBe('connecting')
  })

  it('forgets the streak once a connection catches up, or stays up for a while', async () => {
    const env = online()
    const first = backoffDelay(1, 0.5)
    violatedWaits(env, 3)
    env.link.caughtUp()
    env.connection().violate()
    expect(waitOf(env)).toBe(first)
    reconnectAfterWait(env)
    violatedWaits(env, 3)
    await holdSteady(env)
    env.connection().violate()
    expect(waitOf(env)).toBe(first)
  })

  it('stops at a refused sign-in and never tries again', () => {
    const { link, clock, connection } = setUp()
    link.start()
    connection().fail('unauthorized', {
      code: 'unauthorized',
      message: 'This sign-in was revoked; sign in again.',
      serverProtocolVersion: PROTOCOL_VERSION,
    })
    expect(link.state).toEqual({
      kind: 'refused',
      code: 'unauthorized',
      message: 'This sign-in was revoked; sign in again.',
    })
    clock.advance(60 * 60_000)
    expect(connection().attempts).toBe(1)
  })

  it('names the platform it cannot reach and retries', () => {
    const { link, connection } = setUp()
    link.start()
    connection().fail('xhr poll error')
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: `The platform at ${URL} is unreachable (xhr poll error). Check the address and your connection.`,
    })
  })

  it('passes on what a server says, in a refusal or a failed attempt, as one line of a bounded length', async () => {
    // Anything at the platform's address may answer, with a page of text where a sentence belongs.
    const page = `Line one\r\nline two\u001b[0m ${'x'.repeat(1_000_000)}`
    const oneBoundedLine = expect.stringMatching(
      new RegExp(`^[^\\n\\r\\u001b]{1,${MOST_SENTENCE_CHARS + 100}}$`),
    )
    const failing = setUp()
    failing.link.start()
    failing.connection().fail(page)
    expect(failing.link.state).toMatchObject({ kind: 'waiting', reason: oneBoundedLine })
    const refused = setUp()
    refused.link.start()
    refused
      .connection()
      .fail('refused', { code: 'unauthorized', message: page, serverProtocolVersion: PROTOCOL_VERSION })
    expect(refused.link.state).toMatchObject({ kind: 'refused', message: oneBoundedLine })
    const { link, connection } = online()
    const outcome = link.command('invite.decline', { inviteId: 'inv_1' })
    connection().requests[0]?.answer({ ok: false, error: { code: 'not_found', message: page } })
    expect(await outcome).toMatchObject({ ok: false, error: { code: 'not_found', message: oneBoundedLine } })
    expect(await outcome).toMatchObject({
      error: { message: expect.stringMatching(/^Line one +line two\[0m x+…$/) },
    })
  })

  it('tells a refusal for a reason this version does not know in the platform’s own words, not as nonsense', async () => {
    // A newer platform may refuse with a code this app has never heard of: nothing happened, and
    // its sentence says why; "could not read, may or may not have happened" would be wrong.
    const { link, connection, log } = online()
    const outcome = link.command('invite.accept', { inviteId: 'inv_1', proposedTime: null })
    connection().requests[0]?.answer({
      ok: false,
      error: { code: 'needs_newer_app', message: 'Update Standby to take invites of this kind.' },
    })
    expect(await outcome).toEqual({
      ok: false,
      error: { code: 'refused', message: 'Update Standby to take invites of this kind.' },
    })
    expect(log.text()).toMatch(
      /refused invite\.accept for a reason this version of Standby does not know \("needs_newer_app"\)/,
    )
    // Something that is no refusal at all is still told as an answer that made no sense.
    const garbled = link.command('invite.accept', { inviteId: 'inv_2', proposedTime: null })
    connection().requests[1]?.answer({ ok: false, error: { code: 'needs_newer_app' } })
    expect(await garbled).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
    // The code is the platform's text: a bidi override or a line break in it is escaped, not written.
    const hostile = link.command('invite.accept', { inviteId: 'inv_3', proposedTime: null })
    connection().requests[2]?.answer({
      ok: false,
      error: { code: '\u202ewen\n[error] forged', message: 'Update Standby to take invites of this kind.' },
    })
    expect(await hostile).toMatchObject({ ok: false, error: { code: 'refused' } })
    expect(log.text()).not.toMatch(/\u202e|\n\[error\] forged/)
    expect(log.text()).toContain('does not know ("\\u{202e}wen\\n[error] forged")')
  })

  it('leaves a malformed welcome, without repeating it anywhere, and tries again after a growing wait', () => {
    const { link, clock, connection, log } = setUp()
    link.start()
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      connection().accept()
      connection().send(WELCOME_EVENT, { ...welcome, expertId: `exp_${'x'.repeat(100_000)}` })
      expect(connection().state).toBe('closed')
      const state = link.state
      expect(state).toMatchObject({ kind: 'waiting', reason: expect.stringMatching(/malformed welcome/) })
      if (state.kind !== 'waiting') throw new Error('not waiting')
      waits.push(state.nextAttemptAt - clock.now())
      clock.advanceTo(state.nextAttemptAt)
    }
    expect(waits[2]).toBeGreaterThan(waits[0] ?? 0)
    expect(JSON.stringify(link.state)).not.toContain('xxxxxxxxxx')
    expect(log.text()).not.toContain('xxxxxxxxxx')
    // Once the platform welcomes properly again, the link is online without the expert acting.
    connection().accept()
    connection().send(WELCOME_EVENT, welcome)
    expect(link.state).toEqual({ kind: 'connected', welcome })
  })

  it('stops at a welcome of another protocol version, however the rest of it differs from ours', () => {
    const { link, connection } = setUp()
    link.start()
    connection().accept()
    connection().send(WELCOME_EVENT, { protocolVersion: PROTOCOL_VERSION + 1, stream: 'renamed' })
    expect(connection().state).toBe('closed')
    expect(link.state).toMatchObject({ kind: 'refused', message: expect.stringMatching(/update Standby/) })
  })

  it('leaves a connection welcomed as another expert, and one never welcomed', () => {
    const { link, clock, connection, log } = setUp()
    link.start()
    connection().accept()
    connection().send(WELCOME_EVENT, { ...welcome, expertId: 'exp_grace' })
    expect(connection().state).toBe('closed')
    expect(link.state).toMatchObject({ kind: 'waiting', attempt: 1 })
    expect(log.text()).toMatch(/another expert/)
    const waiting = link.state
    if (waiting.kind !== 'waiting') throw new Error('not waiting')
    clock.advanceTo(waiting.nextAttemptAt)
    connection().accept()
    clock.advance(timings.connectTimeoutMs)
    expect(connection().state).toBe('closed')
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(/did not answer as a Standby platform/),
    })
  })

  it('leaves a server that trickles bytes for ever without letting the expert in, says so, and tries again', () => {
    const { link, clock, connection, power } = setUp()
    link.start()
    const began = clock.now()
    const trickle = () => {
      clock.advance(timings.connectTimeoutMs - 1)
      if (connection().state !== 'closed') connection().trickle()
    }
    // The handshake crawls in, the gate opens, then the welcome never finishes arriving.
    for (let i = 0; i < 3; i++) trickle()
    connection().accept()
    power.resume()
    while (link.state.kind === 'connecting' && clock.now() - began < 60 * timings.connectTimeoutMs) trickle()
    expect(connection().state).toBe('closed')
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(/a few bytes at a time, without letting Standby in within 60 s/),
    })
  })

  it('tells a server that began to answer an attempt and then went quiet from one that never answered', () => {
    const { link, clock, connection } = setUp()
    link.start()
    // The handshake's first bytes, as a server whose gate never opens sends them.
    connection().trickle()
    // It may be a slow link's stall, so it is given the time an open link gets without a byte.
    const stalled = timings.silenceLimitMs + timings.probeTimeoutMs
    clock.advance(stalled - 1)
    expect(link.state).toMatchObject({ kind: 'connecting' })
    clock.advance(1)
    const seconds = timings.connectTimeoutMs / 1000
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(
        new RegExp(`began to answer the connection, then sent nothing more for ${stalled / 1000} s`),
      ),
    })
    // The next attempt that hears nothing at all is told as not answered: each attempt by its own bytes.
    if (link.state.kind === 'waiting') clock.advanceTo(link.state.nextAttemptAt)
    clock.advance(timings.connectTimeoutMs)
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(new RegExp(`did not answer the connection within ${seconds} s`)),
    })
  })

  it.each([
    ['a network change', (power: ReturnType<typeof setUp>['power']) => power.networkChanged()],
    ['a wake', (power: ReturnType<typeof setUp>['power']) => power.resume()],
  ])(
    'gives up an attempt whose handshake had begun within the connect timeout after %s, not the stall limit after its last bytes',
    (_, signal) => {
      const { link, clock, power, states, connection } = setUp()
      link.start()
      connection().trickle()
      clock.advance(1_000)
      // Its bytes so far came over the link as it was: a probe sent now would be given up at its time.
      signal(power)
      clock.advance(timings.connectTimeoutMs - 1)
      expect(connection().attempts).toBe(1)
      // Given up, the next attempt goes at once, as a wake's.
      clock.advance(1)
      expect(connection().attempts).toBe(2)
      // Told by how long it truly went without a byte.
      const silent = (1_000 + timings.connectTimeoutMs) / 1000
      expect(states).toContainEqual(
        expect.objectContaining({
          kind: 'waiting',
          reason: expect.stringMatching(new RegExp(`then sent nothing more for ${silent} s`)),
        }),
      )
    },
  )

  it('keeps an attempt whose handshake goes on coming after a wake, a slow link stalling between its bursts', () => {
    const { link, clock, power, connection } = setUp()
    link.start()
    connection().trickle()
    power.resume()
    clock.advance(1_000)
    connection().trickle()
    clock.advance(timings.silenceLimitMs + timings.probeTimeoutMs - 1)
    expect(link.state).toMatchObject({ kind: 'connecting' })
  })

  it('probes the connection on resume and stays on it when the probe is answered', async () => {
    const { link, power, connection } = online()
    power.resume()
    expect(link.state).toEqual({ kind: 'connected', welcome, checking: true })
    const [probe] = connection().requests
    expect(probe?.name).toBe(PROBE_EVENT)
    probe?.answer({ ok: true, result: {} })
    await turn()
    expect(link.state).toEqual({ kind: 'connected', welcome })
    expect(connection().attempts).toBe(1)
  })

  it.each([
    [
      'a command',
      (link: PlatformLink) => link.command('invite.decline', { inviteId: 'inv_1' }, 'key-1'),
      { ok: true, result: { inviteId: 'inv_1' }, serverTime: FIXTURE_NOW },
    ],
    [
      'a replay page',
      (link: PlatformLink) => link.replay(0),
      {
        ok: true,
        serverTime: FIXTURE_NOW,
        result: { kind: 'events', events: [], latestId: 0, hasMore: false },
      },
    ],
  ])(
    'sends no quiet check a silence after the welcome when %s was answered meanwhile, and one a silence after that answer',
    async (_, ask, answer) => {
      const { link, clock, connection } = online()
      const probes = (): number => connection().requests.filter((r) => r.name === PROBE_EVENT).length
      heartbeatsFor({ clock, connection }, timings.silenceLimitMs / 2)
      const asked = ask(link)
      connection().requests.at(-1)?.answer(answer)
      await asked
      // A silence after the welcome: what the app sends was answered half of one ago.
      heartbeatsFor({ clock, connection }, timings.silenceLimitMs / 2)
      expect(probes()).toBe(0)
      // A silence after that answer, with nothing answered since, the quiet check goes out.
      heartbeatsFor({ clock, connection }, timings.silenceLimitMs / 2)
      expect(probes()).toBe(1)
      expect(link.state).toEqual({ kind: 'connected', welcome })
    },
  )

  it('probes afresh on a wake while a check sent before it is out, and takes only the fresh answer as proof', async () => {
    const { link, clock, power, connection } = online()
    // A quiet check of a connection whose pings keep coming goes out, and the computer sleeps.
    heartbeatsFor({ clock, connection }, timings.silenceLimitMs)
    const [before] = connection().requests
    expect(before?.name).toBe(PROBE_EVENT)
    expect(link.state).toEqual({ kind: 'connected', welcome })
    // On waking, a probe at once, whatever was sent before the sleep.
    power.resume()
    expect(link.state).toEqual({ kind: 'connected', welcome, checking: true })
    const [, fresh] = connection().requests
    expect(fresh?.name).toBe(PROBE_EVENT)
    // The answer to the check from before the sleep tells nothing of the link now.
    before?.answer({ ok: true, result: {} })
    await turn()
    expect(link.state).toEqual({ kind: 'connected', welcome, checking: true })
    // Another wake right after does not put the verdict off: the probe out since the wake stands.
    power.resume()
    expect(connection().requests).toHaveLength(2)
    fresh?.answer({ ok: true, result: {} })
    await turn()
    expect(link.state).toEqual({ kind: 'connected', welcome })
    expect(connection().attempts).toBe(1)
  })

  it('finds a connection dead when the probe sent on a wake goes unanswered, though one from before it is answered', async () => {
    const { link, clock, power, connection } = online()
    heartbeatsFor({ clock, connection }, timings.silenceLimitMs)
    power.networkChanged()
    connection().requests[0]?.answer({ ok: true, result: {} })
    await turn()
    clock.advance(timings.probeTimeoutMs)
    expect(connection().attempts).toBe(2)
    expect(link.state).toEqual({ kind: 'connecting', attempt: 1 })
  })

  it('replaces a connection that stays silent and leaves its probe unanswered', () => {
    const { link, clock, connection } = online()
    clock.advance(timings.silenceLimitMs)
    expect(link.state).toMatchObject({ kind: 'connected', checking: true })
    clock.advance(timings.probeTimeoutMs)
    expect(connection().attempts).toBe(2)
    expect(link.state).toEqual({ kind: 'connecting', attempt: 1 })
  })

  it('replaces, within the silence and the probe’s time, a connection whose platform keeps pinging but hears nothing Standby sends', () => {
    const { link, clock, connection } = online()
    // Half open: the platform's heartbeats still arrive every second; nothing sent reaches it.
    heartbeatsFor({ clock, connection }, timings.silenceLimitMs + timings.probeTimeoutMs)
    expect(connection().attempts).toBe(2)
    expect(link.state).toEqual({ kind: 'connecting', attempt: 1 })
  })

  it.each([
    ['a network change', (power: ReturnType<typeof setUp>['power']) => power.networkChanged()],
    ['a wake', (power: ReturnType<typeof setUp>['power']) => power.resume()],
  ])(
    'tries at once after %s while waiting, but no more than once per first backoff step however fast they come',
    (_, signal) => {
      const { link, clock, power, connection } = setUp()
      link.start()
      connection().fail('connect ENETUNREACH')
      // A few attempts fail in a row, and the wait grows past the first step.
      for (let i = 0; i < 3; i++) {
        if (link.state.kind === 'waiting') clock.advanceTo(link.state.nextAttemptAt)
        connection().fail('connect ENETUNREACH')
      }
      clock.advance(BACKOFF_START_MS)
      expect(link.state.kind).toBe('waiting')
      // The first change after a wait: an attempt at once, without waiting out the backoff.
      const before = connection().attempts
      signal(power)
      expect(connection().attempts).toBe(before + 1)
      // Then they come many times a second for a minute (a flapping network), each attempt failing as it begins.
      const flapFrom = connection().attempts
      for (let t = 0; t < 60_000; t += 100) {
        if (connection().state === 'connecting') connection().fail('connect ENETUNREACH')
        clock.advance(100)
        signal(power)
        expect(link.state.kind === 'waiting' || link.state.kind === 'connecting').toBe(true)
      }
      expect(connection().attempts - flapFrom).toBeLessThanOrEqual(60_000 / BACKOFF_START_MS)
      // Once it settles, the platform is reached at the next attempt.
      if (link.state.kind === 'waiting') clock.advanceTo(link.state.nextAttemptAt)
      connection().accept()
      connection().send(WELCOME_EVENT, welcome)
      expect(link.state).toEqual({ kind: 'connected', welcome })
    },
  )

  it('tries again soon, not after the streak’s backoff, when the network changed while an attempt was under way', () => {
    const env = setUp()
    const { link, clock, power, connection } = env
    link.start()
    // A streak of failed attempts: the backoff has grown to its cap.
    failedToCap(env)
    // The Wi-Fi comes up: an attempt at once, though it goes out before the network carries it.
    power.networkChanged()
    expect(link.state.kind).toBe('connecting')
    const before = connection().attempts
    // The network is truly back a moment later, while that attempt still waits for an answer.
    clock.advance(2_000)
    power.networkChanged()
    // The attempt made on the network as it was gives up; the next goes within the first step.
    clock.advance(timings.connectTimeoutMs)
    expect(link.state.kind).not.toBe('connected')
    clock.advance(BACKOFF_START_MS)
    expect(connection().attempts).toBe(before + 1)
    connection().accept()
    connection().send(WELCOME_EVENT, welcome)
    expect(link.state).toEqual({ kind: 'connected', welcome })
  })

  it.each([
    ['a wake', (power: ReturnType<typeof setUp>['power']) => power.resume()],
    ['a network change', (power: ReturnType<typeof setUp>['power']) => power.networkChanged()],
  ])(
    'tries once more a first step after an attempt %s set off fails, then waits the streak’s backoff',
    (_, signal) => {
      const env = setUp()
      const { link, clock, power, connection } = env
      link.start()
      // Offline a while before the lid closed: the backoff has grown to its cap.
      failedToCap(env)
      // Opened: the attempt at the wake goes before the network carries it, and no change follows.
      signal(power)
      connection().fail('getaddrinfo EAI_AGAIN platform.test')
      expect(waitOf(env)).toBeLessThanOrEqual(BACKOFF_START_MS)
      clock.advance(waitOf(env))
      expect(link.state.kind).toBe('connecting')
      // Failing again, the streak's backoff holds: a wake grants one quick try, not a new streak.
      connection().fail('connect ENETUNREACH')
      expect(waitOf(env)).toBe(backoffDelay(8, 0.5))
    },
  )

  it('waits its backoff after losing a connection whose attempt had seen the network change, as after any other', () => {
    const { link, power, connection, log } = setUp()
    link.start()
    // The network changes while the attempt is under way, and that attempt gets in all the same.
    power.networkChanged()
    connection().accept()
    connection().send(WELCOME_EVENT, welcome)
    expect(link.state.kind).toBe('connected')
    // Lost later: that change is long past, and the network did not change again.
    connection().drop()
    expect(link.state.kind).toBe('waiting')
    expect(log.text()).not.toMatch(/The network changed/)
  })

  it('closes the connection when stopped, without counting it as lost', () => {
    const { link, connection, states } = online()
    link.stop()
    expect(connection().state).toBe('closed')
    expect(states.at(-1)).toEqual({ kind: 'idle' })
    expect(states.some((s) => s.kind === 'waiting')).toBe(false)
  })
})
