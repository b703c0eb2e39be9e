// The computer's clock set while the link is up and quiet (no answer from the platform to measure
// it again): the reminders go by the platform's time, which runs on the monotonic clock meanwhile.
import { describe, expect, it } from 'vitest'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { CLOCK_CHECK_MS } from '../../../../../src/main/core/reminders/reminder-scheduler'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit, type KitOptions } from './reminder-kit'

const setUp = reminderKit()
const DAY = 24 * 60 * MINUTE
const THIRTY = 'In 30 minutes: Session ses_1'
const TEN = 'In 10 minutes: Session ses_1'
const NOW = 'Starting now: Session ses_1'

/** The kit by the platform's clock, measured (the platform agreeing with the computer), ses_1 booked an hour ahead. */
function measuredWithSes1(options: KitOptions = {}) {
  const kit = setUp({ platformClock: true, ...options })
  kit.platformAnswers(0)
  kit.book('ses_1', at(60))
  kit.scheduler.start()
  /** After `ms`, and not a millisecond before, the titles shown are `shown` (one more than before). */
  const showsExactlyAfter = (ms: number, shown: string[]): void => {
    kit.clock.advance(ms - 1)
    expect(kit.titles()).toEqual(shown.slice(0, -1))
    kit.clock.advance(1)
    expect(kit.titles()).toEqual(shown)
  }
  return { ...kit, showsExactlyAfter }
}

describe('reminders when the computer’s clock is set while the platform says nothing', () => {
  it.each([
    ['a day forward', DAY],
    ['a day back', -DAY],
  ])('set %s, once measured: each reminder at its time by the platform’s clock, once', (_, stepMs) => {
    const { clock, scheduler, showsExactlyAfter } = measuredWithSes1()
    clock.advance(10 * MINUTE)
    clock.step(stepMs)
    showsExactlyAfter(20 * MINUTE, [THIRTY])
    showsExactlyAfter(20 * MINUTE, [THIRTY, TEN])
    showsExactlyAfter(10 * MINUTE, [THIRTY, TEN, NOW])
    scheduler.stop()
  })

  it('set an hour forward, then a short sleep whose wake is told at once: the set is kept, nothing shows early', () => {
    const { clock, power, scheduler, titles, showsExactlyAfter } = measuredWithSes1()
    clock.advance(MINUTE)
    clock.step(60 * MINUTE)
    // The minute's check reads the time and finds the setting.
    clock.advance(CLOCK_CHECK_MS)
    expect(titles()).toEqual([])
    // Ten seconds later the lid is shut for five minutes; the wake is the first reading after it.
    clock.advance(10_000)
    clock.sleep(5 * MINUTE)
    power.resume()
    clock.advance(0)
    expect(titles()).toEqual([])
    showsExactlyAfter(at(30) - at(7) - 10_000, [THIRTY])
    scheduler.stop()
  })

  it('set an hour forward, then a wake told with no sleep, the platform answering at once: nothing early, nothing lost', () => {
    const { clock, platformAnswers, power, scheduler, titles, showsExactlyAfter } = measuredWithSes1()
    clock.advance(MINUTE)
    clock.step(60 * MINUTE)
    clock.advance(CLOCK_CHECK_MS)
    clock.advance(10_000)
    // The wake is told though the machine did not sleep (as the clocks' check may take a setting
    // for one); the probe after a wake brings the platform's answers a moment later.
    power.resume()
    clock.advance(2_000)
    platformAnswers(-60 * MINUTE)
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual([])
    showsExactlyAfter(at(30) - at(2) - 12_000 - LATE_SETTLE_MS, [THIRTY])
    scheduler.stop()
  })

  it('set an hour forward, the lid shut before anything read the time, the network back late: nothing early', () => {
    const { clock, platformAnswers, power, scheduler, titles, showsExactlyAfter } = measuredWithSes1({
      gapWatch: true,
    })
    clock.advance(MINUTE)
    clock.step(60 * MINUTE)
    // Twenty seconds later, before the minute's check reads the time, the lid is shut for five minutes.
    clock.advance(20_000)
    clock.sleep(5 * MINUTE)
    power.resume()
    // The network takes its time to come back after the wake; then the platform answers.
    clock.advance(2 * LATE_SETTLE_MS)
    expect(titles()).toEqual([])
    platformAnswers(-60 * MINUTE)
    showsExactlyAfter(at(30) - at(6) - 20_000 - 2 * LATE_SETTLE_MS, [THIRTY])
    scheduler.stop()
  })

  it('set an hour back, then a short sleep whose wake is told at once: nothing late, nothing twice', () => {
    const { clock, power, scheduler, titles, showsExactlyAfter } = measuredWithSes1()
    clock.advanceTo(at(30))
    expect(titles()).toEqual([THIRTY])
    clock.step(-60 * MINUTE)
    clock.advance(CLOCK_CHECK_MS)
    clock.advance(10_000)
    clock.sleep(5 * MINUTE)
    power.resume()
    clock.advance(0)
    // By the platform's clock it is 6 min 10 s after the 30-minute reminder: the 10 is due in 13 min 50 s.
    showsExactlyAfter(13 * MINUTE + 50_000, [THIRTY, TEN])
    scheduler.stop()
  })
})
