// A cache file damaged or edited by hand can hold anything in a column the cache writes times to:
// text, a fraction, a booked start in 1970. Such a time is no time: it must not make a reminder show at once,
// nor a session look moved.
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const DAY = 24 * 60 * MINUTE

/** What a damaged or edited file can hold where the cache wrote a reading of the clock (which may read any year). */
const NOT_CLOCK_READINGS = [
  ['text', 'soon'],
  ['a fraction', 1.5],
  ['a number past any clock’s', 1e300],
] as const

/** What it can hold where the cache wrote a time the platform sent (a booked start). */
const NOT_TIMES = [
  ...NOT_CLOCK_READINGS,
  ['the epoch', 0],
  ['before the protocol’s times', -5],
  ['past them', Number.MAX_SAFE_INTEGER],
] as const

describe('times in the cache that are no times', () => {
  for (const [what, value] of NOT_CLOCK_READINGS)
    it(`a snoozed reminder whose time came back as ${what}: not shown at once after a restart, the 10 still on time`, () => {
      const first = setUp()
      first.book('ses_1', T)
      first.scheduler.start()
      first.clock.advanceTo(T - 30 * MINUTE)
      expect(first.scheduler.snooze('ses_1')).toBe(true)
      first.scheduler.stop()
      first.db.prepare('UPDATE reminder_snoozes SET at = ?').run(value)
      const second = setUp({ dir: first.dir, now: T - 29 * MINUTE })
      second.scheduler.start()
      expect(second.titles()).toEqual([])
      second.clock.advanceTo(T - 10 * MINUTE)
      expect(second.titles()).toEqual(['In 10 minutes: Session ses_1'])
      second.scheduler.stop()
    })

  for (const [what, value] of NOT_TIMES)
    it(`a booked start that came back as ${what} in the sessions table: a change while the time is a guess is not told as a move`, () => {
      const first = setUp({ platformClock: true })
      const session = first.book('ses_1', T)
      first.scheduler.start()
      first.platformAnswers(0)
      first.scheduler.stop()
      first.db.prepare('UPDATE sessions SET booked_start = ?').run(value)
      const second = setUp({ platformClock: true, dir: first.dir, now: first.clock.now() + 3 * DAY })
      second.scheduler.start()
      // The platform sends the session as booked (a title changed): its start is the one told.
      second.update({ ...session, updatedAt: first.clock.now() + 1 })
      second.platformAnswers(-3 * DAY)
      second.clock.advance(MINUTE)
      expect(second.titles()).toEqual([])
      second.clock.advanceTo(T - 30 * MINUTE + 3 * DAY)
      expect(second.titles()).toEqual(['In 30 minutes: Session ses_1'])
      second.scheduler.stop()
    })
})
