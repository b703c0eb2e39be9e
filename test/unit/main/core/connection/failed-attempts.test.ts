// Attempts the platform never lets in: each says truly why it failed, and they are logged once per
// streak of attempts failing the same way (a line that stops while the attempts go on failing must
// mean the cause is still the same).
import { expect, it } from 'vitest'
import { PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../../src/shared/protocol'
import { BACKOFF_CAP_MS } from '../../../../../src/main/core/connection/backoff'
import { memoryLink } from '../../../../support/memory-link'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** A started link over the in-memory transport, with the clock and log the test drives. */
function started() {
  const { link, connections, clock, log } = memoryLink()
  link.start()
  const connection = () => {
    const only = connections[0]
    if (only === undefined) throw new Error('no connection')
    return only
  }
  /** Wait out the backoff to the next attempt. */
  const next = () => {
    const state = link.state
    if (state.kind !== 'waiting') throw new Error(`not waiting: ${state.kind}`)
    clock.advanceTo(state.nextAttemptAt)
  }
  return { link, log, clock, connection, next }
}

const malformed = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada' }

it('logs a failure again when it comes back after an attempt that failed on a malformed welcome', () => {
  const { log, connection, next } = started()
  connection().fail('ECONNREFUSED')
  next()
  connection().accept()
  connection().send(WELCOME_EVENT, malformed)
  next()
  connection().fail('ECONNREFUSED')
  const unreachable = log.lines.filter((line) =>
    /^warn Could not connect to the platform: .*unreachable/.test(line),
  )
  // Without the second, the log's last word on the attempts would be the malformed welcome.
  expect(unreachable).toHaveLength(2)
})

it('keeps a streak that lasts days in the log at an hourly reminder with its count, not at a line per attempt', () => {
  const { log, clock, connection, next } = started()
  const start = clock.now()
  connection().fail('ECONNREFUSED')
  let attempts = 1
  const loggedAt = [clock.now()]
  let attemptsAtLine = 1
  while (clock.now() - start < 3 * DAY) {
    next()
    connection().fail('ECONNREFUSED')
    attempts++
    if (log.lines.length > loggedAt.length) {
      loggedAt.push(clock.now())
      attemptsAtLine = attempts
    }
  }
  const gaps = loggedAt.slice(1).map((at, i) => at - loggedAt[i]!)
  // A log that rotates keeps its latest hours: each of them names the streak.
  expect(Math.max(...gaps)).toBeLessThanOrEqual(HOUR + BACKOFF_CAP_MS)
  expect(log.lines.length).toBeLessThanOrEqual(3 * 24 + 1)
  expect(log.lines.at(-1)).toMatch(
    new RegExp(
      `^warn Still failing: \\d+ attempts since ${new Date(start).toISOString()} failed this way\\. Could not connect to the platform: .*unreachable \\(connection refused\\)`,
    ),
  )
  const counted = Number(/(\d+) attempts since/.exec(log.lines.at(-1)!)?.[1])
  expect(counted).toBe(attemptsAtLine)
  // Once connected, the next failure starts a streak of its own.
  next()
  connection().accept()
  connection().send(WELCOME_EVENT, { ...malformed, latestEventId: 0, serverTime: clock.now() })
  connection().drop('transport close')
  next()
  connection().fail('ECONNREFUSED')
  expect(log.lines.at(-1)).toMatch(/^warn Could not connect to the platform: .*unreachable/)
})

it('logs a malformed welcome once while every attempt is welcomed the same malformed way', () => {
  const { log, connection, next } = started()
  for (let i = 0; i < 5; i++) {
    connection().accept()
    connection().send(WELCOME_EVENT, malformed)
    next()
  }
  expect(log.lines.filter((line) => line.includes('malformed welcome'))).toHaveLength(1)
  // A welcome malformed another way is another cause, and gets its line.
  connection().accept()
  connection().send(WELCOME_EVENT, { ...malformed, latestEventId: 'seven' })
  expect(log.lines.filter((line) => line.includes('malformed welcome'))).toHaveLength(2)
})

it('says Standby, not the server, ended an attempt it closed because the platform broke the protocol', () => {
  const { link, connection } = started()
  connection().accept()
  connection().violate('the platform sent a message Standby could not read: parse error')
  const state = link.state
  if (state.kind !== 'waiting') throw new Error(`not waiting: ${state.kind}`)
  expect(state.reason).not.toMatch(/server .* ended the connection/)
  expect(state.reason).toMatch(
    /^Standby closed the connection to http:\/\/127\.0\.0\.1:4455 before the platform let it in \(the platform sent a message Standby could not read: parse error\)\. If this goes on, check the platform address, or tell the platform's support\.$/,
  )
})

it('says the connection ended, not that the server ended it, when the network dropped an attempt', () => {
  const { link, connection } = started()
  connection().accept()
  connection().drop('the network connection to the platform failed: transport error')
  const state = link.state
  if (state.kind !== 'waiting') throw new Error(`not waiting: ${state.kind}`)
  // The words in brackets say what closed it; the sentence must not name another culprit.
  expect(state.reason).not.toMatch(/server .* ended the connection/)
  expect(state.reason).toMatch(
    /^The connection to http:\/\/127\.0\.0\.1:4455 ended before the platform let Standby in \(the network connection to the platform failed: transport error\)\. If this goes on, check the platform address, or tell the platform's support\.$/,
  )
})

it.each([
  ['a countdown', (n: number) => `Too many experts are connecting: try again in ${900 - (n % 900)} s.`],
  ['a request id', (n: number) => `Busy (request ${(n * 2654435761).toString(36)}), come back later.`],
])(
  'keeps a refusal whose sentence carries %s, changing at every attempt, to a few lines an hour',
  (_, sentence) => {
    const { log, clock, connection, next } = started()
    const start = clock.now()
    let attempts = 0
    while (clock.now() - start < DAY) {
      connection().fail('refused', { code: 'busy', message: sentence(attempts++) })
      next()
    }
    // One line a try would be hundreds an hour, rotating the rest of the log out.
    expect(log.lines.length).toBeLessThanOrEqual(12 * 25)
    expect(log.text()).toMatch(/Too many experts|Busy \(request/)
  },
)

it('says a name that was found before and now is not may mean no network, not a wrong address (macOS offline)', () => {
  const { link, connection, next } = started()
  connection().fail('ENOTFOUND')
  // Never reached: the address may well be wrong.
  expect(link.state).toMatchObject({
    reason: expect.stringMatching(/unreachable \(unknown host\)\. Check the address/),
  })
  next()
  connection().accept()
  connection().send(WELCOME_EVENT, malformed)
  next()
  connection().fail('ENOTFOUND')
  expect(link.state).toMatchObject({
    reason: expect.stringMatching(
      /^The platform at \S+ is unreachable \(its name could not be looked up, though it was before\)\. Check your connection: this computer may be offline, or its name server down\.$/,
    ),
  })
})
