// The computer's clock set while the link is up and quiet (no answer from the platform to measure
// it again): the reminders go by the platform's time, which runs on the monotonic clock meanwhile.
import { describe, expect, it } from 'vitest'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { CLOCK_CHECK_MS } from '../../../../../src/main/core/reminders/reminder-scheduler'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const DAY = 24 * 60 * MINUTE

describe('reminders when the computer’s clock is set while the platform says nothing', () => {
  it.each([
    ['a day forward', DAY],
    ['a day back', -DAY],
  ])('set %s, once measured: each reminder at its time by the platform’s clock, once', (_, stepMs) => {
    const { clock, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    platformAnswers(0)
    book('ses_1', at(60))
    scheduler.start()
    clock.advance(10 * MINUTE)
    clock.step(stepMs)
    clock.advance(20 * MINUTE - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    clock.advance(20 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    clock.advance(10 * MINUTE)
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      'In 10 minutes: Session ses_1',
      'Starting now: Session ses_1',
    ])
    scheduler.stop()
  })

  it('set an hour forward, then a short sleep whose wake is told at once: the set is kept, nothing shows early', () => {
    const { clock, platformAnswers, power, scheduler, book, titles } = setUp({ platformClock: true })
    platformAnswers(0)
    book('ses_1', at(60))
    scheduler.start()
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
    clock.advanceTo(clock.now() + at(30) - at(7) - 10_000 - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('set an hour forward, then a wake told with no sleep, the platform answering at once: nothing early, nothing lost', () => {
    const { clock, platformAnswers, power, scheduler, book, titles } = setUp({ platformClock: true })
    platformAnswers(0)
    book('ses_1', at(60))
    scheduler.start()
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
    clock.advanceTo(clock.now() + at(30) - at(2) - 12_000 - LATE_SETTLE_MS - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('set an hour forward, the lid shut before anything read the time, the network back late: nothing early', () => {
    const { clock, platformAnswers, power, scheduler, book, titles } = setUp({
      platformClock: true,
      gapWatch: true,
    })
    platformAnswers(0)
    book('ses_1', at(60))
    scheduler.start()
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
    clock.advanceTo(clock.now() + at(30) - at(6) - 20_000 - 2 * LATE_SETTLE_MS - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('set an hour back, then a short sleep whose wake is told at once: nothing late, nothing twice', () => {
    const { clock, platformAnswers, power, scheduler, book, titles } = setUp({ platformClock: true })
    platformAnswers(0)
    book('ses_1', at(60))
    scheduler.start()
    clock.advanceTo(at(30))
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    clock.step(-60 * MINUTE)
    clock.advance(CLOCK_CHECK_MS)
    clock.advance(10_000)
    clock.sleep(5 * MINUTE)
    power.resume()
    clock.advance(0)
    // By the platform's clock it is 6 min 10 s after the 30-minute reminder: the 10 is due in 13 min 50 s.
    clock.advance(13 * MINUTE + 50_000 - 1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    scheduler.stop()
  })
})
