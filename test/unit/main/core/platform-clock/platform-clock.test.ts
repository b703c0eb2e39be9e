import { describe, expect, it } from 'vitest'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import { dueAlerts } from '../../../../../src/main/core/reminders/due-alerts'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import type { PlatformClockState } from '../../../../../src/shared/clock-skew'
import { startWindowAt } from '../../../../../src/shared/rules/session-timing'
import { aSession, FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { nextValue } from '../../../../support/next-value'

const HOUR = 60 * MINUTE
const SECOND = 1_000

/** A computer 2 h behind its platform, and the platform clock the core builds over it. */
function setUp() {
  const local = new ManualClock(FIXTURE_NOW)
  const power = createPowerHook()
  const warnings: string[] = []
  const log = { info: () => {}, warn: (m: string) => void warnings.push(m), error: () => {} }
  const clock = new PlatformClock(local, power, log)
  const changes: PlatformClockState[] = []
  clock.changes.add((state) => changes.push(state))
  /** One exchange over a link of `rttMs`, with the platform 2 h ahead. */
  const exchange = (rttMs = 0, platformAhead = 2 * HOUR): void => {
    const sent = clock.reading()
    local.advance(rttMs / 2)
    const serverTime = local.now() + platformAhead
    local.advance(rttMs / 2)
    clock.record({ sent, received: clock.reading(), serverTime })
  }
  /** The platform measured: no single answer measures it, a second has to agree. */
  const measure = (rttMs = 0, platformAhead = 2 * HOUR): void => {
    exchange(rttMs, platformAhead)
    exchange(rttMs, platformAhead)
  }
  return { local, power, clock, changes, warnings, exchange, measure }
}

describe('the platform clock', () => {
  it('is the local clock until measured, then the platform’s, told once with a log line', () => {
    const { clock, changes, warnings, exchange } = setUp()
    expect(clock.now()).toBe(FIXTURE_NOW)
    expect(clock.state).toEqual({ offsetMs: 0, measured: false })
    exchange(40)
    exchange(60)
    expect(clock.now() - clock.reading().wall).toBe(2 * HOUR)
    expect(changes).toEqual([{ offsetMs: 2 * HOUR, measured: true }])
    expect(warnings).toEqual([expect.stringMatching(/clock is 2 h behind the platform's/)])
  })

  it('is measured surely once a second answer bears the first out, and not after a reset', () => {
    const { clock, exchange } = setUp()
    expect(clock.measuredSurely()).toBe(false)
    exchange()
    expect(clock.state.measured).toBe(true)
    expect(clock.measuredSurely()).toBe(false)
    exchange()
    expect(clock.measuredSurely()).toBe(true)
    clock.reset()
    expect(clock.measuredSurely()).toBe(false)
  })

  it('opens Start and plans reminders by the platform’s time, not the computer’s', () => {
    const { local, clock, measure } = setUp()
    measure()
    const bookedStart = FIXTURE_NOW + 2 * HOUR + 10 * MINUTE
    // By the computer's clock the session is 2 h 10 min away; by the platform's, 10 minutes.
    expect(startWindowAt(bookedStart, local.now())).toBe('too_early')
    expect(startWindowAt(bookedStart, clock.now())).toBe('open')
    const session = aSession({ kind: 'scheduled', state: 'booked', bookedStart, expertJoinedAt: null })
    expect(dueAlerts(session, clock.now(), () => false)).toMatchObject({
      skip: ['30'],
      reminder: { alert: '10', late: false },
    })
  })

  it('ignores an absurd answer, and says so once', () => {
    const { clock, changes, warnings, exchange, measure } = setUp()
    measure(20)
    exchange(20, -40 * 365 * 24 * HOUR)
    exchange(20, -40 * 365 * 24 * HOUR)
    expect(clock.state.offsetMs).toBe(2 * HOUR)
    expect(changes).toHaveLength(1)
    expect(warnings.filter((w) => w.includes('which no working clock reads'))).toEqual([
      expect.stringMatching(/^The platform gave its time as 1986-/),
    ])
  })

  it('follows a platform whose clock leaps by days once two answers agree, and says so once', () => {
    const { local, clock, warnings, exchange, measure } = setUp()
    measure()
    exchange(0, 2 * HOUR + 5 * 24 * HOUR)
    expect(clock.now()).toBe(local.now() + 2 * HOUR)
    exchange(0, 2 * HOUR + 5 * 24 * HOUR)
    expect(clock.now()).toBe(local.now() + 2 * HOUR + 5 * 24 * HOUR)
    measure(0, 2 * HOUR)
    expect(clock.now()).toBe(local.now() + 2 * HOUR)
    expect(warnings.filter((w) => w.includes('Standby follows it'))).toEqual([
      expect.stringMatching(/^The platform's clock read 5 days ahead of Standby's estimate of it, twice/),
    ])
  })

  it('carries on smoothly when the computer’s clock is set, and keeps the offset across a sleep', async () => {
    const { local, power, clock, warnings, measure } = setUp()
    measure()
    const before = clock.now()
    local.step(2 * HOUR)
    const told = nextValue(clock.changes)
    expect(clock.now()).toBe(before)
    expect(await told).toEqual({ offsetMs: 0, measured: true })
    expect(warnings.at(-1)).toMatch(/now agrees with the platform's/)
    // A minute later, an hour asleep, told by the power events: the platform's clock ran on too.
    local.advance(MINUTE)
    local.sleep(HOUR)
    power.resume()
    expect(clock.now()).toBe(before + MINUTE + HOUR)
  })
})

describe('a setting of the computer’s clock found by a read', () => {
  it('is told once the read is done, not inside it: a listener that reads the time runs after the reader', async () => {
    const { local, clock, measure } = setUp()
    measure()
    const order: string[] = []
    clock.changes.add(() => order.push(`told at ${clock.now()}`))
    local.step(HOUR)
    const told = nextValue(clock.changes)
    const now = clock.now()
    order.push('read done')
    await told
    expect(order).toEqual(['read done', `told at ${now}`])
  })

  it('read again as a sleep by a wake just after: not measured surely (what cannot be undone waits) until the platform answers', async () => {
    const { local, power, clock, measure, exchange } = setUp()
    measure()
    local.step(25 * MINUTE)
    clock.now()
    await Promise.resolve()
    local.advance(10 * SECOND)
    power.resume()
    expect(clock.measuredSurely()).toBe(false)
    local.advance(MINUTE)
    expect(clock.measuredSurely()).toBe(false)
    exchange()
    expect(clock.measuredSurely()).toBe(true)
  })

  it('read again as a sleep by a wake just after: a listener told of it finds the wait for the platform’s answer on', async () => {
    const { local, power, clock, measure } = setUp()
    measure()
    local.step(25 * MINUTE)
    clock.now()
    await Promise.resolve()
    local.advance(10 * SECOND)
    const waits: number[] = []
    clock.changes.add(() => waits.push(clock.firstMeasureWait()))
    power.resume()
    expect(waits).toEqual([expect.any(Number)])
    expect(waits[0]).toBeGreaterThan(0)
  })
})

describe('the platform clock for deadlines', () => {
  it('never runs back when a new estimate moves the platform’s clock back a little, until reset', () => {
    const { local, clock, exchange, measure } = setUp()
    measure()
    const seen = clock.deadlines.now()
    exchange(0, 2 * HOUR - 20 * SECOND)
    exchange(0, 2 * HOUR - 20 * SECOND)
    expect(clock.now()).toBe(seen - 20 * SECOND)
    expect(clock.deadlines.now()).toBe(seen)
    local.advance(30 * SECOND)
    expect(clock.deadlines.now()).toBe(seen + 10 * SECOND)
    clock.reset()
    expect(clock.deadlines.now()).toBe(local.now())
  })

  it('follows the platform’s clock set back by minutes, so a new invite is not taken for an expired one', () => {
    const { clock, exchange, measure } = setUp()
    measure()
    const seen = clock.deadlines.now()
    exchange(0, 2 * HOUR - 3 * MINUTE)
    exchange(0, 2 * HOUR - 3 * MINUTE)
    expect(clock.now()).toBe(seen - 3 * MINUTE)
    expect(clock.deadlines.now()).toBe(seen - 3 * MINUTE)
  })

  it('takes the first measurement over the computer’s guess, even one behind it', () => {
    const { local, clock, measure } = setUp()
    expect(clock.deadlines.now()).toBe(local.now())
    measure(0, -HOUR)
    expect(clock.deadlines.now()).toBe(local.now() - HOUR)
  })
})

describe('signing out of the platform', () => {
  it('forgets the offset, so the next platform is measured afresh and the notice goes', () => {
    const { local, clock, changes, measure } = setUp()
    measure()
    clock.reset()
    expect(clock.state).toEqual({ offsetMs: 0, measured: false })
    expect(changes.at(-1)).toEqual({ offsetMs: 0, measured: false })
    expect(clock.now()).toBe(local.now())
    measure(0, 5 * MINUTE)
    expect(clock.state).toEqual({ offsetMs: 5 * MINUTE, measured: true })
  })
})

describe('asking the platform for its time', () => {
  it('asks once per step of the computer’s clock, and a few times at most for first answers that keep disagreeing', async () => {
    const { local, clock, exchange, measure } = setUp()
    const asked: string[] = []
    clock.measureWanted.add((why) => asked.push(why))
    measure()
    local.step(HOUR)
    clock.now()
    clock.now()
    await Promise.resolve()
    expect(asked).toEqual(['the computer’s clock stepped'])
    clock.reset()
    asked.length = 0
    for (let i = 0; i < 10; i++) exchange(0, (i + 1) * HOUR)
    await Promise.resolve()
    expect(asked).toEqual(Array(3).fill('answers that disagree'))
  })

  it('asks again about an answer minutes at odds once measured, anew after one agrees, and not about a whole second', async () => {
    const { local, clock, exchange, measure } = setUp()
    const asked: string[] = []
    // Asked only as disagreeing: a few more for a middle are scattered-idle.test.ts's.
    clock.measureWanted.add((why) => why === 'answers that disagree' && asked.push(why))
    measure()
    local.advance(MINUTE)
    // A platform clock read in whole seconds: an answer most of a second off is the estimate's noise.
    exchange(0, 2 * HOUR - 900)
    await Promise.resolve()
    expect(asked).toEqual([])
    for (let i = 0; i < 5; i++) exchange(0, 2 * HOUR + (i + 1) * 10 * MINUTE)
    await Promise.resolve()
    expect(asked).toEqual(Array(3).fill('answers that disagree'))
    exchange()
    exchange(0, 2 * HOUR + 5 * MINUTE)
    await Promise.resolve()
    expect(asked).toEqual(Array(4).fill('answers that disagree'))
  })

  it('asks about a clock that steps at every read once per two seconds, the last step still asked about', async () => {
    const { local, clock, measure } = setUp()
    const asked: string[] = []
    clock.measureWanted.add((why) => asked.push(why))
    measure()
    for (let i = 0; i < 50; i++) {
      local.step(i % 2 === 0 ? 5_000 : -3_000)
      clock.now()
    }
    await Promise.resolve()
    expect(asked).toEqual(['the computer’s clock stepped'])
    // The steps after the first are asked about once the gap is over, as no answer settled them.
    local.advance(2_000)
    await Promise.resolve()
    expect(asked).toEqual(['the computer’s clock stepped', 'the computer’s clock stepped'])
    clock.stop()
  })
})

describe('the platform clock hearing live events’ stamps', () => {
  it('asks the platform for its time when one is a minute or more off the estimate, and at most once a minute however many come', async () => {
    const { local, clock, measure } = setUp()
    measure()
    const asked: string[] = []
    clock.measureWanted.add((why) => asked.push(why))
    const settle = (): Promise<void> => Promise.resolve()
    clock.liveEventAt(clock.now() - 59 * SECOND)
    clock.liveEventAt(clock.now() + 59 * SECOND)
    await settle()
    expect(asked).toEqual([])
    for (let i = 0; i < 5; i++) clock.liveEventAt(clock.now() - 10 * MINUTE)
    await settle()
    expect(asked).toEqual(['a live event stamped at odds with the estimate'])
    local.advance(MINUTE - 1)
    clock.liveEventAt(clock.now() + 10 * MINUTE)
    await settle()
    expect(asked).toHaveLength(1)
    local.advance(1)
    clock.liveEventAt(clock.now() + 10 * MINUTE)
    await settle()
    expect(asked).toHaveLength(2)
  })

  it('asks nothing before its first measurement, which is on its way already', async () => {
    const { clock } = setUp()
    const asked: string[] = []
    clock.measureWanted.add((why) => asked.push(why))
    clock.liveEventAt(clock.now() - HOUR)
    await Promise.resolve()
    expect(asked).toEqual([])
  })
})
