// A move the platform tells while the time is still a guess (a restart with the computer's clock
// days off, before the platform answers) is told once the platform answers: the guess decides
// nothing, so it cannot make the session look past and its move go untold for good.
import { describe, expect, it } from 'vitest'
import { aScheduledRequest, aSession, MINUTE, sessionUpdated } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const DAY = 24 * 60 * MINUTE

describe('a move told while the platform’s time is still a guess', () => {
  for (const [what, aheadMs] of [
    ['days ahead', 3 * DAY],
    ['days behind', -3 * DAY],
  ] as const)
    it(`the computer’s clock ${what}: the move is told once, after the platform answers`, () => {
      const first = setUp({ platformClock: true })
      const session = first.book('ses_1', T)
      first.scheduler.start()
      first.platformAnswers(0)
      first.scheduler.stop()
      const second = setUp({ platformClock: true, dir: first.dir, now: first.clock.now() + aheadMs })
      second.scheduler.start()
      second.update({ ...session, bookedStart: T + 60 * MINUTE, updatedAt: first.clock.now() + 1 })
      second.platformAnswers(-aheadMs)
      second.clock.advance(MINUTE)
      expect(second.titles()).toEqual([expect.stringMatching(/^Moved: Session ses_1, now /)])
      second.scheduler.stop()
    })
})

describe('a move told while the platform’s time is still a guess, for an expert with many bookings', () => {
  it('the move of a session booked after the first few hundred is told once the platform answers', () => {
    const first = setUp({ platformClock: true })
    const count = 1_200
    const booked = Array.from({ length: count }, (_, i) => {
      const request = aScheduledRequest(`req_${i}`, T + i * MINUTE)
      const session = aSession({
        id: `ses_${i}`,
        request,
        kind: 'scheduled',
        bookedStart: T + i * MINUTE,
        state: 'booked',
      })
      return sessionUpdated(i + 1, { ...session, updatedAt: first.clock.now() })
    })
    first.store.applyEvents(booked)
    first.scheduler.start()
    first.platformAnswers(0)
    first.scheduler.stop()
    const second = setUp({ platformClock: true, dir: first.dir, now: first.clock.now() + 3 * DAY })
    second.scheduler.start()
    const last = second.store.session(`ses_${count - 1}`)
    if (last === null) throw new Error('the last session is cached')
    second.update({ ...last, bookedStart: last.bookedStart + DAY, updatedAt: first.clock.now() + 1 })
    second.platformAnswers(-3 * DAY)
    second.clock.advance(MINUTE)
    expect(second.titles()).toEqual([expect.stringMatching(/^Moved: .+, now /)])
    second.scheduler.stop()
  })
})
