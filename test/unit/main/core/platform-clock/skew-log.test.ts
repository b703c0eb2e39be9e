// A platform clock at another pace than the computer's moves the offset at every answer: the log
// said the notice's new words each minute the offset moved, for as long as that lasted, and pushed
// every earlier line out of the capped log. Now it says them when they appear and go, when the
// offset moves far (a clock set anew), and as an hourly reminder.
import { describe, expect, it } from 'vitest'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import { SkewLog } from '../../../../../src/main/core/platform-clock/skew-log'
import type { PlatformClockState } from '../../../../../src/shared/clock-skew'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'

const HOUR = 60 * MINUTE

/** A computer beside a platform whose clock reads `platformAt(local)`, asked the time every few minutes. */
function askedEvery(stepMs: number, forMs: number, platformAt: (localMs: number) => number) {
  const local = new ManualClock(FIXTURE_NOW)
  const warnings: string[] = []
  const log = { info: () => {}, warn: (m: string) => void warnings.push(m), error: () => {} }
  const clock = new PlatformClock(local, createPowerHook(), log)
  for (let t = 0; t <= forMs; t += stepMs) {
    const sent = clock.reading()
    clock.record({ sent, received: clock.reading(), serverTime: platformAt(local.now()) })
    local.advance(stepMs)
  }
  return { clock, skew: warnings.filter((w) => /clock is .* (behind|ahead of) the platform's/.test(w)) }
}

describe("the log of how far the computer's clock is off the platform's", () => {
  it('says a drift of a platform clock standing still a few times a day, not once a minute', () => {
    const { clock, skew } = askedEvery(5 * MINUTE, 24 * HOUR, () => FIXTURE_NOW + 2 * HOUR)
    expect(clock.state.offsetMs).toBeLessThan(-20 * HOUR)
    expect(skew[0]).toMatch(
      /^Your computer's clock is .* the platform's; Standby uses the platform's time, but fix the clock/,
    )
    expect(skew.at(-1)).toMatch(/is 2\d h( \d+ min)? ahead of the platform's/)
    expect(skew.length).toBeLessThanOrEqual(24 + 12)
  })

  it('says a clock set anew at once, and a steady offset once', () => {
    let ahead = 2 * HOUR
    const local = new ManualClock(FIXTURE_NOW)
    const warnings: string[] = []
    const log = { info: () => {}, warn: (m: string) => void warnings.push(m), error: () => {} }
    const clock = new PlatformClock(local, createPowerHook(), log)
    const exchange = (): void => {
      const sent = clock.reading()
      clock.record({ sent, received: clock.reading(), serverTime: local.now() + ahead })
      local.advance(MINUTE)
    }
    for (let i = 0; i < 30; i++) exchange()
    ahead = 5 * HOUR
    for (let i = 0; i < 30; i++) exchange()
    const skew = warnings.filter((w) => /the platform's; Standby uses/.test(w))
    expect(skew).toEqual([
      expect.stringMatching(/clock is 2 h behind/),
      expect.stringMatching(/clock is 5 h behind/),
    ])
  })

  it('says an offset scattered about the notice’s threshold once, not at every answer that crosses it', () => {
    const lines: string[] = []
    let now = 0
    const skewLog = new SkewLog({ warn: (m) => void lines.push(m) }, () => now)
    let before: PlatformClockState = { offsetMs: 0, measured: true }
    for (let answer = 0; answer < 20; answer++) {
      const next = { offsetMs: answer % 2 === 0 ? MINUTE + 400 : MINUTE - 200, measured: true }
      skewLog.changed(before, next)
      before = next
      now += MINUTE
    }
    expect(lines).toEqual([expect.stringMatching(/is 1 min behind/), expect.stringMatching(/now agrees/)])
    // Set right at last: said, as is a clock set far off again.
    skewLog.changed(before, { offsetMs: 0, measured: true })
    skewLog.changed({ offsetMs: 0, measured: true }, { offsetMs: 10 * MINUTE, measured: true })
    expect(lines.at(-1)).toMatch(/is 10 min behind/)
  })
})
