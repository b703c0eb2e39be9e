// A move the platform tells while the time is still a guess (a restart with the computer's clock
// days off, before the platform answers) is told once the platform answers: the guess decides
// nothing, so it cannot make the session look past and its move go untold for good.
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
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
