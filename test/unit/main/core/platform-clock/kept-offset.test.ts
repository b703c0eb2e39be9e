// The platform clock's offset kept across restarts: taken at start until the platform answers,
// unless it cannot be trusted; and platform time anchored on the monotonic clock before any
// measurement, so setting the computer's clock moves neither.
import { describe, expect, it } from 'vitest'
import type { KeptClockOffset } from '../../../../../src/main/core/ports/cache-store'
import {
  KEPT_OFFSET_TRUST_MS,
  type OffsetKeeper,
} from '../../../../../src/main/core/platform-clock/kept-offset'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'

const HOUR = 60 * MINUTE

/** A computer 2 h behind its platform, with `kept` as what the last run kept. */
function setUp(kept: KeptClockOffset | null = null) {
  const local = new ManualClock(FIXTURE_NOW)
  const power = createPowerHook()
  const lines: string[] = []
  const log = {
    info: (m: string) => void lines.push(m),
    warn: (m: string) => void lines.push(m),
    error: (m: string) => void lines.push(m),
  }
  const store: { kept: KeptClockOffset | null; fail: boolean; writes: number } = {
    kept,
    fail: false,
    writes: 0,
  }
  const keeper: OffsetKeeper = {
    clockOffset: () => store.kept,
    keepClockOffset: (next) => {
      if (store.fail) throw new Error('disk full')
      store.kept = next
      store.writes++
    },
  }
  const clock = new PlatformClock(local, power, log, keeper)
  /** One instant exchange with the platform `platformAhead` ahead. */
  const exchange = (platformAhead = 2 * HOUR): void => {
    const reading = clock.reading()
    clock.record({ sent: reading, received: reading, serverTime: local.now() + platformAhead })
  }
  return { local, power, clock, lines, store, exchange }
}

/** Kept by a run `agoMs` before FIXTURE_NOW on the platform's clock, 2 h ahead. */
const keptAgo = (agoMs: number): KeptClockOffset => ({
  offsetMs: 2 * HOUR,
  measuredAt: FIXTURE_NOW + 2 * HOUR - agoMs,
})

describe('the platform clock across restarts', () => {
  it('keeps each measured offset with the platform’s time at the measurement, once a second answer bears it out', () => {
    const { local, store, exchange } = setUp()
    exchange()
    expect(store.kept).toBeNull()
    exchange()
    expect(store.kept).toEqual({ offsetMs: 2 * HOUR, measuredAt: FIXTURE_NOW + 2 * HOUR, pace: null })
    local.advance(2 * HOUR)
    exchange()
    expect(store.kept).toEqual({ offsetMs: 2 * HOUR, measuredAt: FIXTURE_NOW + 4 * HOUR, pace: null })
  })

  it('does not keep one answer’s word for the next start: a first answer days off is not what a start offline goes by', () => {
    const kept = keptAgo(HOUR)
    const { store, clock, exchange } = setUp(kept)
    clock.restore()
    exchange(3 * 24 * HOUR)
    expect(clock.state).toEqual({ offsetMs: 3 * 24 * HOUR, measured: true })
    expect(store.kept).toEqual(kept)
    // The connection drops; the next start, offline, goes by the offset last borne out.
    const next = setUp(store.kept)
    next.clock.restore()
    expect(next.clock.now()).toBe(FIXTURE_NOW + 2 * HOUR)
  })

  it('a setting read as the sleep by a wake a moment after is not kept until the platform says which it was', () => {
    const { local, power, clock, store, exchange } = setUp()
    exchange()
    exchange()
    // Set forward 20 minutes and read at once: a setting, kept as one.
    local.step(20 * MINUTE)
    clock.now()
    local.advance(2_000)
    // The wake reads the step as the sleep: quit offline now, the next start would go by that, 20 minutes ahead.
    power.resume()
    expect(store.kept?.offsetMs).toBe(2 * HOUR - 20 * MINUTE)
    // The platform's answer says it was the sleep after all: that is kept.
    exchange()
    expect(store.kept?.offsetMs).toBe(2 * HOUR)
  })

  it('keeps a computer clock that stands still at the platform’s next answer, not at each second the window reads the time', () => {
    const { local, clock, store, exchange } = setUp()
    exchange()
    exchange()
    const writesBefore = store.writes
    for (let second = 1; second <= 90; second++) {
      local.advance(1_000)
      local.step(-1_000)
      clock.now()
    }
    exchange(2 * HOUR + 90_000)
    expect(store.writes - writesBefore).toBeLessThanOrEqual(2)
    // The answer keeps what the clock stood still by: a start offline goes by that.
    expect(store.kept?.offsetMs).toBe(2 * HOUR + 90_000)
    // Set, the clock is kept at once: the next start would otherwise go by the setting's time.
    local.step(20 * MINUTE)
    clock.now()
    expect(store.kept?.offsetMs).toBe(2 * HOUR + 90_000 - 20 * MINUTE)
  })

  it('keeps a drifting clock at most once a minute while the platform does not answer', () => {
    const { local, clock, store, exchange } = setUp()
    exchange()
    exchange()
    const writesBefore = store.writes
    for (let second = 1; second <= 5 * 60; second++) {
      local.advance(1_000)
      local.step(-1_000)
      clock.now()
    }
    expect(store.writes - writesBefore).toBeLessThanOrEqual(5)
    expect(store.kept!.offsetMs).toBeGreaterThanOrEqual(2 * HOUR + 4 * MINUTE)
  })

  it('takes the kept offset at start, unmeasured, until the platform answers', () => {
    const { clock, exchange } = setUp(keptAgo(HOUR))
    const told: unknown[] = []
    clock.changes.add((state) => told.push(state))
    clock.restore()
    expect(clock.now()).toBe(FIXTURE_NOW + 2 * HOUR)
    expect(clock.state).toEqual({ offsetMs: 2 * HOUR, measured: false })
    expect(told).toEqual([{ offsetMs: 2 * HOUR, measured: false }])
    // The first measurement replaces the guess at once, even one behind it.
    exchange(HOUR)
    expect(clock.state).toEqual({ offsetMs: HOUR, measured: true })
    expect(clock.deadlines.now()).toBe(FIXTURE_NOW + HOUR)
  })

  it.each([
    ['measured after now: the computer’s clock was set back since', keptAgo(-MINUTE)],
    ['measured too long ago', keptAgo(KEPT_OFFSET_TRUST_MS + MINUTE)],
    ['unreadable', { offsetMs: Number.NaN, measuredAt: FIXTURE_NOW }],
    ['not a number', { offsetMs: '7200000', measuredAt: FIXTURE_NOW } as unknown as KeptClockOffset],
    ['out of range', { offsetMs: 2 * HOUR, measuredAt: 1e20 }],
  ])('ignores a kept offset %s, with a log line', (_, kept) => {
    const { clock, lines } = setUp(kept)
    clock.restore()
    expect(clock.now()).toBe(FIXTURE_NOW)
    expect(clock.state).toEqual({ offsetMs: 0, measured: false })
    expect(lines).toEqual([expect.stringMatching(/computer's clock is used until the platform answers/)])
  })

  it('logs a keeper that cannot write and carries on', () => {
    const { clock, store, lines, exchange } = setUp()
    store.fail = true
    exchange()
    exchange()
    expect(clock.state).toEqual({ offsetMs: 2 * HOUR, measured: true })
    expect(lines).toContainEqual(expect.stringMatching(/could not be kept/))
  })

  it('says once that the offset cannot be kept while the keeper keeps failing, and once that it is kept again', () => {
    const { clock, store, lines, exchange, local } = setUp()
    store.fail = true
    // The platform's clock set on by a minute at each answer: each is a change worth keeping.
    for (let answer = 0; answer < 6; answer++) {
      exchange(2 * HOUR + answer * MINUTE)
      exchange(2 * HOUR + answer * MINUTE)
      local.advance(MINUTE)
    }
    expect(clock.state).toEqual({ offsetMs: 2 * HOUR + 5 * MINUTE, measured: true })
    expect(lines.filter((line) => /could not be kept/.test(line))).toHaveLength(1)
    store.fail = false
    exchange(2 * HOUR + 6 * MINUTE)
    exchange(2 * HOUR + 6 * MINUTE)
    expect(store.kept?.offsetMs).toBe(2 * HOUR + 6 * MINUTE)
    expect(lines.filter((line) => /offset is kept again/.test(line))).toHaveLength(1)
  })
})

describe('platform time before any measurement', () => {
  it('runs on the monotonic clock: setting the computer’s clock either way does not move it', () => {
    const { local, clock } = setUp(keptAgo(HOUR))
    clock.restore()
    const start = clock.now()
    local.step(-2 * HOUR)
    expect(clock.now()).toBe(start)
    local.advance(MINUTE)
    local.step(3 * HOUR)
    expect(clock.now()).toBe(start + MINUTE)
  })

  it('follows a wake: the time asleep passed on the platform too', () => {
    const { local, power, clock } = setUp()
    const start = clock.now()
    local.sleep(HOUR)
    power.resume()
    expect(clock.now()).toBe(start + HOUR)
  })

  it('follows a wake from a sleep too short to read as a step, measured or not, the time read just before', () => {
    for (const measured of [false, true]) {
      const { local, power, clock, exchange } = setUp()
      if (measured) {
        exchange(0)
        exchange(0)
      }
      const start = clock.now()
      local.sleep(400)
      power.resume()
      expect(clock.now()).toBe(start + 400)
    }
  })
})
