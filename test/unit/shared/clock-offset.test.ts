import { describe, expect, it } from 'vitest'
import {
  addExchange,
  AT_ODDS_FOLLOWED,
  bestOffset,
  MAX_SAMPLES,
  NO_ESTIMATE,
  observe,
  sampleOf,
  type LocalReading,
  type OffsetEstimate,
  wokeUp,
} from '../../../src/shared/clock-offset'
import { clockSkewNotice, describeDuration } from '../../../src/shared/clock-skew'

const HOUR = 3_600_000
const LOCAL = Date.UTC(2026, 0, 5, 9, 0, 0)

/**
 * A computer whose wall clock is `behindMs` behind a platform, talking to it over a link with the
 * given one-way delays. Both clocks are fakes the test moves.
 */
function world(behindMs: number) {
  let wall = LOCAL
  let mono = 1_000
  let platform = LOCAL + behindMs
  const read = (): LocalReading => ({ wall, mono })
  const platformNow = (): number => platform
  return {
    read,
    platformNow,
    /** Let `ms` pass, awake. */
    pass(ms: number) {
      wall += ms
      mono += ms
      platform += ms
    },
    /** The expert (or NTP) sets the wall clock. */
    step(ms: number) {
      wall += ms
    },
    /** Asleep: the wall clock and the platform run on, the monotonic clock stops. */
    sleep(ms: number) {
      wall += ms
      platform += ms
    },
    /** One exchange: `up` ms to reach the platform, `down` ms back. */
    exchange(estimate: OffsetEstimate, up: number, down: number): OffsetEstimate {
      const sent = read()
      this.pass(up)
      const serverTime = platformNow()
      this.pass(down)
      return addExchange(estimate, { sent, received: read(), serverTime })
    },
    /** The first measurement: two exchanges, the second confirming the first. */
    measure(up: number, down: number): OffsetEstimate {
      return this.exchange(this.exchange(NO_ESTIMATE, up, down), up, down)
    },
  }
}

describe('clock offset estimate', () => {
  it('halves the round trip: a symmetric link gives the exact offset', () => {
    const w = world(2 * HOUR)
    expect(bestOffset(w.exchange(NO_ESTIMATE, 40, 40))).toEqual({ offsetMs: 2 * HOUR, uncertaintyMs: 40 })
  })

  it('lets two answers that agree overturn a first one days off, however far', () => {
    const w = world(2 * HOUR)
    const sent = w.read()
    w.pass(5)
    const serverTime = w.platformNow() + 3 * 24 * HOUR
    w.pass(5)
    let estimate = addExchange(NO_ESTIMATE, { sent, received: w.read(), serverTime })
    expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR + 3 * 24 * HOUR)
    estimate = w.exchange(w.exchange(estimate, 5, 5), 5, 5)
    expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR)
  })

  it('follows a platform clock set by hours or by days, noting only a leap past 12 h that undoes no unreported sleep', () => {
    const w = world(2 * HOUR)
    /** One exchange with the platform's clock set `aheadMs` further ahead. */
    const told = (estimate: OffsetEstimate, aheadMs: number): OffsetEstimate => {
      const sent = w.read()
      w.pass(5)
      const serverTime = w.platformNow() + aheadMs
      w.pass(5)
      return addExchange(estimate, { sent, received: w.read(), serverTime })
    }
    let estimate = w.measure(5, 5)
    estimate = told(told(estimate, 5 * HOUR), 5 * HOUR)
    expect(bestOffset(estimate)?.offsetMs).toBe(7 * HOUR)
    expect(estimate.noted).toBeNull()
    // A test platform's clock moved on by three days: the platform's clock decides, so it is followed.
    estimate = told(estimate, 5 * HOUR + 3 * 24 * HOUR)
    expect(bestOffset(estimate)?.offsetMs).toBe(7 * HOUR)
    estimate = told(estimate, 5 * HOUR + 3 * 24 * HOUR)
    expect(bestOffset(estimate)?.offsetMs).toBe(7 * HOUR + 3 * 24 * HOUR)
    expect(estimate.noted).toEqual({ kind: 'leap', fromMs: 7 * HOUR, toMs: 7 * HOUR + 3 * 24 * HOUR })
    estimate = told(estimate, 5 * HOUR + 3 * 24 * HOUR)
    expect(estimate.noted).toBeNull()
    // Two days asleep with no wake reported: taken for a step, then the platform's answers undo it, unnoted.
    w.sleep(2 * 24 * HOUR)
    estimate = observe(estimate, w.read())
    expect(bestOffset(estimate)?.offsetMs).toBe(7 * HOUR + 24 * HOUR)
    estimate = told(told(estimate, 5 * HOUR + 3 * 24 * HOUR), 5 * HOUR + 3 * 24 * HOUR)
    expect(bestOffset(estimate)?.offsetMs).toBe(7 * HOUR + 3 * 24 * HOUR)
    expect(estimate.noted).toBeNull()
  })

  it('prefers the sample with the smallest round trip in the window', () => {
    const w = world(2 * HOUR)
    let estimate = w.exchange(NO_ESTIMATE, 10, 10)
    // A slow, lopsided answer later: its midpoint guess is 1.4 s off, within its own bounds.
    estimate = w.exchange(estimate, 3_000, 200)
    expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR)
    expect(bestOffset(estimate)?.uncertaintyMs).toBe(10)
  })

  it('ignores absurd samples: a negative or huge round trip, or a time that is not one', () => {
    const w = world(0)
    const good = w.measure(5, 5)
    const sent = w.read()
    w.pass(10)
    expect(addExchange(good, { sent: w.read(), received: sent, serverTime: w.platformNow() })).toEqual(good)
    expect(
      sampleOf({ sent, received: { wall: sent.wall + 60_000, mono: sent.mono + 60_000 }, serverTime: LOCAL }),
    ).toBeNull()
    // Not a time, or a platform clock that is broken rather than off: 1970, the year 3000.
    for (const serverTime of [
      Number.NaN,
      0,
      -5,
      2 ** 53,
      LOCAL + 0.5,
      1,
      Date.UTC(3000, 0, 1),
      Date.UTC(2199, 0, 1),
    ])
      expect(addExchange(good, { sent, received: w.read(), serverTime })).toEqual({
        ...good,
        noted: { kind: 'not_a_time', serverTime },
      })
  })

  it('keeps platform time steady when the wall clock is set, before any new exchange', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(20, 20)
    w.pass(60_000)
    const before = w.platformNow()
    // The expert fixes the clock: the computer is now right, and platform time must not move.
    w.step(2 * HOUR)
    estimate = observe(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(before)
    // A step back is a step too.
    w.step(-30 * 60_000)
    estimate = observe(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(before)
  })

  it('does not shift anything across a sleep the caller reports, when the monotonic clock stopped', () => {
    const w = world(2 * HOUR)
    const estimate = w.measure(20, 20)
    w.sleep(HOUR)
    expect(bestOffset(wokeUp(estimate, w.read()))?.offsetMs).toBe(2 * HOUR)
    // Unreported, the same sleep looks like a step, and platform time falls behind until the next exchange.
    const unreported = observe(estimate, w.read())
    expect(bestOffset(unreported)?.offsetMs).toBe(HOUR)
    // Reported a moment after something read the time, the wake undoes that step.
    w.pass(2_000)
    expect(bestOffset(wokeUp(unreported, w.read()))?.offsetMs).toBe(2 * HOUR)
    // But not long after: by then a forward step was the clock being set.
    w.pass(60_000)
    expect(bestOffset(wokeUp(unreported, w.read()))?.offsetMs).toBe(HOUR)
  })

  it('undoes a sleep too short to be a step, read before its wake was reported, without waiting for an answer', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(20, 20)
    // The lid shut for a moment: the window reads the time before the wake is reported.
    w.sleep(600)
    estimate = observe(estimate, w.read())
    w.pass(300)
    estimate = wokeUp(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
    // Nothing due waits for the answer over so little, and the answer settles it.
    expect(estimate.doubt?.fromWake).toBe(false)
    estimate = w.exchange(estimate, 20, 20)
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
    expect(estimate.doubt).toBeNull()
  })

  it('keeps a small setting of the clock forward long before a wake, and a step in doubt over small changes after it', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(20, 20)
    const before = w.platformNow()
    w.step(600)
    estimate = observe(estimate, w.read())
    w.pass(60_000)
    estimate = wokeUp(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(before + 60_000)
    // A sleep nobody reported, then a small change of the clock, then the wake: the sleep is undone.
    w.sleep(HOUR)
    estimate = observe(estimate, w.read())
    w.step(400)
    estimate = observe(estimate, w.read())
    w.pass(1_000)
    estimate = wokeUp(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
  })

  it('keeps a setting of the clock read just before a sleep whose own wake reading shows the sleep', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(20, 20)
    const platformBefore = w.platformNow()
    // The expert sets the clock an hour forward; something reads the time and finds the setting.
    w.step(HOUR)
    estimate = observe(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(platformBefore)
    // Ten seconds later the lid is shut for five minutes; the wake's reading is the first after it.
    w.pass(10_000)
    w.sleep(5 * 60_000)
    estimate = wokeUp(estimate, w.read())
    // The step before was no sleep (this reading shows the sleep): platform time stays the platform's.
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
  })

  it('takes a sleep nobody reported from the next answer alone, the old tight sample right again', () => {
    const w = world(2 * HOUR)
    let estimate = w.exchange(NO_ESTIMATE, 1, 1)
    estimate = w.exchange(estimate, 1, 1)
    // A sleep nobody reported: taken for a setting of the clock until the platform answers.
    w.sleep(HOUR)
    estimate = observe(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow() - HOUR)
    estimate = w.exchange(estimate, 100, 100)
    w.pass(1)
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
    expect(bestOffset(estimate)!.uncertaintyMs).toBe(1)
    expect(estimate.doubt).toBeNull()
  })

  it('takes a setting of the clock that a wake reported just after read as the sleep, from the wake’s answer alone', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(1, 1)
    w.step(25 * 60_000)
    w.pass(10_000)
    estimate = wokeUp(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow() + 25 * 60_000)
    estimate = w.exchange(estimate, 1, 1)
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
    // Settled: a wake reported later reads the step no more.
    estimate = wokeUp(estimate, w.read())
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
  })

  it('after a step, one answer that bears out neither reading moves nothing', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(1, 1)
    w.step(HOUR)
    estimate = observe(estimate, w.read())
    const sent = w.read()
    w.pass(2)
    estimate = addExchange(estimate, { sent, received: w.read(), serverTime: w.platformNow() + 3 * HOUR })
    expect(w.read().wall + bestOffset(estimate)!.offsetMs).toBe(w.platformNow())
    expect(estimate.doubt).not.toBeNull()
  })

  it('does not move for one wrong answer among agreeing ones', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(10, 10)
    const sent = w.read()
    w.pass(20)
    // A stale or forged time, an hour off.
    estimate = addExchange(estimate, { sent, received: w.read(), serverTime: w.platformNow() - HOUR })
    expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR)
    estimate = w.exchange(estimate, 10, 10)
    expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR)
    expect(estimate.pending).toBeNull()
  })

  it('does not move for two wrong answers in a row that disagree with each other', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(10, 10)
    for (const offMs of [-HOUR, 3 * HOUR]) {
      const sent = w.read()
      w.pass(20)
      estimate = addExchange(estimate, { sent, received: w.read(), serverTime: w.platformNow() + offMs })
      expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR)
    }
    estimate = w.exchange(estimate, 10, 10)
    expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR)
  })

  it('does not follow a run of answers each wildly at odds with the one before, however long', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(10, 10)
    // A platform whose time is a different lie in every answer: none says where its clock is.
    for (const offMs of [45 * 60_000, 3 * 24 * HOUR, 52 * 60_000, -5 * HOUR, 20 * 60_000, 7 * HOUR]) {
      const sent = w.read()
      w.pass(10)
      const serverTime = w.platformNow() + offMs
      w.pass(10)
      estimate = addExchange(estimate, { sent, received: w.read(), serverTime })
      expect(bestOffset(estimate)?.offsetMs).toBe(2 * HOUR)
      w.pass(1_000)
    }
  })

  it('follows a platform clock that stands still (a test platform on a manual clock), and each time it is moved on', () => {
    const w = world(0)
    let estimate = w.measure(10, 10)
    const frozenAt = w.platformNow()
    let platformTime = frozenAt
    // An answer every 5 s from a platform whose clock stands, moved on by a day after the first minute.
    for (let i = 0; i < 24; i++) {
      if (i === 12) platformTime += 24 * HOUR
      w.pass(5_000 - 20)
      const sent = w.read()
      w.pass(10)
      const serverTime = platformTime
      w.pass(10)
      estimate = addExchange(estimate, { sent, received: w.read(), serverTime })
    }
    const lagMs = platformTime - (w.read().wall - 10 + bestOffset(estimate)!.offsetMs)
    expect(Math.abs(lagMs)).toBeLessThan(AT_ODDS_FOLLOWED * 5_000)
  })

  it('reads a platform clock that stands still as standing still between its answers, once a run shows it, and only as long as two answer gaps', () => {
    for (const gapMs of [1_000, 60_000]) {
      const w = world(0)
      let estimate = w.measure(10, 10)
      const frozenAt = w.platformNow()
      const aheadBy = (): number => w.read().wall + bestOffset(estimate, w.read().mono)!.offsetMs - frozenAt
      let worstMs = 0
      for (let i = 0; i < 20; i++) {
        const sent = w.read()
        w.pass(20)
        estimate = addExchange(estimate, { sent, received: w.read(), serverTime: frozenAt })
        // Read every tenth of the gap until the next answer, once the run has shown the clock stands.
        for (let part = 0; part < 10; part++) {
          w.pass(gapMs / 10 - (part === 9 ? 20 : 0))
          if (i >= AT_ODDS_FOLLOWED) worstMs = Math.max(worstMs, Math.abs(aheadBy()))
        }
      }
      expect(worstMs).toBeLessThan(100)
      // No answer for long (the link down): past two gaps the time runs at this computer's pace.
      w.pass(10 * gapMs)
      expect(aheadBy()).toBeGreaterThan(8 * gapMs)
      expect(aheadBy()).toBeLessThan(9 * gapMs)
    }
  })

  it('keeps reading a platform clock at half pace at that pace when this computer’s clock is set meanwhile', () => {
    const w = world(0)
    let estimate = w.measure(10, 10)
    const slowFrom = { platform: w.platformNow(), mono: w.read().mono }
    const slowTime = (): number => slowFrom.platform + (w.read().mono - slowFrom.mono) / 2
    const answer = (): void => {
      const sent = w.read()
      w.pass(10)
      const serverTime = slowTime()
      w.pass(10)
      estimate = addExchange(estimate, { sent, received: w.read(), serverTime })
      w.pass(980)
    }
    for (let i = 0; i < 6; i++) answer()
    w.step(HOUR)
    estimate = observe(estimate, w.read())
    answer()
    w.pass(500)
    expect(Math.abs(w.read().wall + bestOffset(estimate, w.read().mono)!.offsetMs - slowTime())).toBeLessThan(
      100,
    )
    expect(estimate.rate?.perMs).toBeCloseTo(-0.5)
  })

  it('stops reading a platform clock as standing still once it goes again, or is moved on', () => {
    const w = world(0)
    let estimate = w.measure(10, 10)
    let platformTime = w.platformNow()
    const answer = (): void => {
      const sent = w.read()
      w.pass(20)
      estimate = addExchange(estimate, { sent, received: w.read(), serverTime: platformTime })
      w.pass(980)
    }
    for (let i = 0; i < 6; i++) answer()
    // Moved on by a day, then running again with this computer's clock.
    platformTime += 24 * HOUR
    for (let i = 0; i < 2; i++) answer()
    for (let i = 0; i < 4; i++) {
      answer()
      platformTime += 1_000
    }
    const ahead = w.read().wall + bestOffset(estimate, w.read().mono)!.offsetMs - platformTime
    expect(Math.abs(ahead)).toBeLessThan(1_000)
    expect(estimate.rate).toBeNull()
  })

  it('follows a platform clock that runs fast, however fast, though no two of its answers agree', () => {
    for (const rate of [0.01, 0.1]) {
      const w = world(0)
      let estimate = w.measure(10, 10)
      let ahead = 0
      // An answer every 10 s for half an hour, the platform's clock gaining `rate` of each.
      for (let i = 0; i < 180; i++) {
        w.pass(10_000 - 20)
        ahead += 10_000 * rate
        const sent = w.read()
        w.pass(10)
        const serverTime = w.platformNow() + ahead
        w.pass(10)
        estimate = addExchange(estimate, { sent, received: w.read(), serverTime })
      }
      const lag = ahead - (bestOffset(estimate)?.offsetMs ?? 0)
      // Behind by at most what the platform gained over the answers it takes to follow.
      expect(lag).toBeGreaterThanOrEqual(0)
      expect(lag).toBeLessThan(AT_ODDS_FOLLOWED * 10_000 * rate)
    }
  })

  it('keeps an older fast sample over one answer slowed by a stall, whose half round trip is the wider doubt', () => {
    const w = world(HOUR)
    let estimate = w.measure(1, 1)
    w.pass(40 * 60_000)
    // Held up on the way there for most of the limit: its midpoint guess is seconds off.
    estimate = w.exchange(estimate, 29_000, 500)
    expect(Math.abs((bestOffset(estimate)?.offsetMs ?? 0) - HOUR)).toBeLessThan(5_000)
    // A fast answer after it is taken as before, and the older one goes.
    estimate = w.exchange(estimate, 20, 20)
    expect(bestOffset(estimate)).toEqual({ offsetMs: HOUR, uncertaintyMs: 20 })
  })

  it('keeps an older fast sample over an answer slowed by a stall after hours of silence, as real clocks drift so little', () => {
    const w = world(HOUR)
    let estimate = w.measure(1, 1)
    // An idle expert: no answer for five hours, then one held up on the way there.
    w.pass(5 * HOUR)
    estimate = w.exchange(estimate, 29_000, 500)
    expect(Math.abs((bestOffset(estimate)?.offsetMs ?? 0) - HOUR)).toBeLessThan(2_000)
  })

  it('does not move for one quick answer seconds wrong after hours of silence, and the next right one agrees', () => {
    const w = world(HOUR)
    let estimate = w.measure(1, 1)
    w.pass(5 * HOUR)
    const sent = w.read()
    w.pass(10)
    // A platform clock that reads ten seconds on for one answer (a non-monotonic time).
    const serverTime = w.platformNow() + 10_000
    w.pass(10)
    estimate = addExchange(estimate, { sent, received: w.read(), serverTime })
    expect(bestOffset(estimate)?.offsetMs).toBe(HOUR)
    estimate = w.exchange(estimate, 10, 10)
    expect(bestOffset(estimate)?.offsetMs).toBe(HOUR)
    expect(estimate.pending).toBeNull()
  })

  it('drops samples older than the window', () => {
    const w = world(HOUR)
    let estimate = w.measure(1, 1)
    w.pass(31 * 60_000)
    estimate = w.exchange(estimate, 50, 50)
    expect(estimate.samples).toHaveLength(1)
    expect(bestOffset(estimate)?.uncertaintyMs).toBe(50)
  })

  it('keeps reading its quickest answer however many slower ones agree with it after', () => {
    const w = world(2 * HOUR)
    let estimate = w.measure(20, 20)
    // Stamped near the end of a slow round trip: read at its middle, the platform's time runs ahead.
    for (let i = 0; i < 40; i++) {
      w.pass(5_000)
      estimate = w.exchange(estimate, 2_900, 100)
    }
    expect(bestOffset(estimate)).toEqual({ offsetMs: 2 * HOUR, uncertaintyMs: 20 })
    expect(estimate.samples.length).toBeLessThanOrEqual(MAX_SAMPLES)
  })
})

describe('clock skew notice', () => {
  it('says how far and which way, only past a minute and only once measured', () => {
    expect(clockSkewNotice({ offsetMs: 2 * HOUR, measured: true })).toBe(
      "Your computer's clock is 2 h behind the platform's; Standby uses the platform's time, but fix the clock in your system settings.",
    )
    expect(clockSkewNotice({ offsetMs: -90 * 60_000, measured: true })).toMatch(
      /clock is 1 h 30 min ahead of the platform's/,
    )
    expect(clockSkewNotice({ offsetMs: 60_000, measured: true })).toBeNull()
    expect(clockSkewNotice({ offsetMs: 2 * HOUR, measured: false })).toBeNull()
    expect(describeDuration(61_000)).toBe('1 min')
    expect(describeDuration(3 * 24 * HOUR)).toBe('3 days')
    expect(describeDuration(59 * 24 * HOUR)).toBe('59 days')
    expect(describeDuration(150 * 24 * HOUR)).toBe('about 5 months')
    // A computer whose clock went back to 1970 (a flat CMOS battery) is years off, not thousands of days.
    expect(clockSkewNotice({ offsetMs: LOCAL, measured: true })).toMatch(/clock is about 56 years behind/)
    expect(describeDuration(-8.64e15)).toBe('more than 1,000 years')
    expect(describeDuration(Number.NaN)).toBe('more than 1,000 years')
  })
})
