// Reminders by the platform's clock when the platform's answers say times that cannot all be
// right: the expert is reminded at the platform's real -30 and -10 minutes, once each.
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const DAY = 24 * 60 * MINUTE

describe('reminders when the platform says a different time in every answer', () => {
  it('a run of answers each telling another time moves no reminder: each comes at its time, once', () => {
    const { clock, platform, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    platformAnswers(0)
    for (const lieMs of [45 * MINUTE, 3 * DAY, 52 * MINUTE, -5 * 60 * MINUTE, 25 * MINUTE]) {
      clock.advance(1_000)
      const reading = platform!.reading()
      platform!.record({ sent: reading, received: reading, serverTime: clock.now() + lieMs })
    }
    clock.advance(MINUTE)
    expect(titles()).toEqual([])
    clock.advanceTo(T - 30 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    clock.advanceTo(T)
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      'In 10 minutes: Session ses_1',
      'Starting now: Session ses_1',
    ])
    scheduler.stop()
  })

  it('a wrong first answer after a start shows nothing early: the next answers set the clock right before anything is decided', () => {
    const { clock, platform, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    clock.advance(500)
    // By this answer alone, the 30-minute reminder fell due seconds ago.
    const reading = platform!.reading()
    platform!.record({ sent: reading, received: reading, serverTime: clock.now() + 30 * MINUTE + 12_000 })
    clock.advance(200)
    expect(titles()).toEqual([])
    platformAnswers(0)
    clock.advanceTo(T - 30 * MINUTE - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('two answers that agree after a start: what is due shows at once, without waiting out the wait for a measurement', () => {
    const { clock, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', clock.now() + 20 * MINUTE)
    scheduler.start()
    clock.advance(500)
    platformAnswers(0)
    expect(titles()).toEqual(['In 20 minutes: Session ses_1'])
    scheduler.stop()
  })
})
