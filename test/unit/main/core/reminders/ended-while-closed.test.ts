// A reminder an earlier run left on screen, for a session whose auto-cancel passed while Standby
// was closed, is taken down once the platform's time says so: once, never again after a restart,
// and never by a guess of the time that a wrong computer clock makes.
import { describe, expect, it } from 'vitest'
import { FIRST_MEASURE_WAIT_MS } from '../../../../../src/main/core/platform-clock/platform-clock'
import { MINUTE, sessionUpdated } from '../../../../support/fixtures'
import { at, cancelledByClient, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const DAY = 24 * 60 * MINUTE
const CLOSED = 'Its start window has closed.'

/** A run that measured the platform and showed the 10-minute reminder of ses_1, booked at T, then quit. */
function anEarlierRunShowedTheTen() {
  const first = setUp({ platformClock: true })
  first.book('ses_1', T)
  first.scheduler.start()
  first.platformAnswers(0)
  first.clock.advanceTo(T - 10 * MINUTE)
  expect(first.titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
  first.scheduler.stop()
  return first
}

/** A restart at `platformNow`, the computer's clock `aheadMs` off the platform's. */
function restart(dir: string, platformNow: number, aheadMs = 0) {
  const next = setUp({ platformClock: true, dir, now: platformNow + aheadMs })
  next.scheduler.start()
  return next
}

/** A restart after that, past the auto-cancel: nothing is taken down again. */
function aLaterRestartWithdrawsNothing(dir: string): void {
  const next = restart(dir, T + 30 * MINUTE)
  next.platformAnswers(0)
  expect(next.withdrawn()).toEqual([])
  next.scheduler.stop()
}

describe('a reminder left on screen for a session whose auto-cancel passed while Standby was closed', () => {
  it('is taken down once the platform answers, and not again at the next restart', () => {
    const first = anEarlierRunShowedTheTen()
    const second = restart(first.dir, T + 20 * MINUTE)
    second.platformAnswers(0)
    expect(second.withdrawn()).toEqual([['ses_1', T, CLOSED]])
    second.clock.advance(DAY)
    expect(second.withdrawn()).toHaveLength(1)
    second.scheduler.stop()
    const third = restart(first.dir, T + 40 * MINUTE)
    third.platformAnswers(0)
    third.clock.advance(MINUTE)
    expect(third.withdrawn()).toEqual([])
    third.scheduler.stop()
  })

  for (const [what, aheadMs] of [
    ['days ahead', 3 * DAY],
    ['days behind', -3 * DAY],
  ] as const)
    it(`the computer’s clock ${what}, the platform answering only after the wait: taken down once it answers`, () => {
      const first = anEarlierRunShowedTheTen()
      const second = restart(first.dir, T + 20 * MINUTE, aheadMs)
      second.clock.advance(FIRST_MEASURE_WAIT_MS + MINUTE)
      // By the guess the session may still be waiting (or be long past): nothing is decided by it.
      expect(second.withdrawn()).toEqual([])
      second.platformAnswers(-aheadMs)
      expect(second.withdrawn()).toEqual([['ses_1', T, CLOSED]])
      second.scheduler.stop()
    })

  it('with the platform never answering and the computer’s clock days ahead: left alone', () => {
    const first = anEarlierRunShowedTheTen()
    // Truly 5 minutes before the start: the reminder holds, though the guess puts it days past.
    const second = restart(first.dir, T - 5 * MINUTE, 3 * DAY)
    second.clock.advance(FIRST_MEASURE_WAIT_MS + MINUTE)
    expect(second.withdrawn()).toEqual([])
    second.scheduler.stop()
  })

  it('cancelled while Standby was closed, saved by a catch-up cut short before telling it: taken down, once', () => {
    const first = anEarlierRunShowedTheTen()
    const session = first.store.session('ses_1')!
    const now = T - 5 * MINUTE
    const second = setUp({ platformClock: true, dir: first.dir, now })
    const cancelled = cancelledByClient(session, now)
    second.store.applyEvents([sessionUpdated(second.store.cursor() + 1, cancelled)])
    second.scheduler.start()
    second.platformAnswers(0)
    expect(second.withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    second.clock.advance(MINUTE)
    expect(second.withdrawn()).toHaveLength(1)
    second.scheduler.stop()
  })

  it('withdrawn by the run that saw the auto-cancel pass: a restart takes nothing down again', () => {
    const first = anEarlierRunShowedTheTen()
    const second = restart(first.dir, T - 5 * MINUTE)
    second.platformAnswers(0)
    second.clock.advanceTo(T + 11 * MINUTE)
    expect(second.withdrawn()).toEqual([['ses_1', T, CLOSED]])
    second.scheduler.stop()
    aLaterRestartWithdrawsNothing(first.dir)
  })

  it('a reminder shown after an alert of the session (the client declined a new time): taken down, once', () => {
    const first = setUp({ platformClock: true })
    const session = first.book('ses_1', T)
    first.scheduler.start()
    first.platformAnswers(0)
    first.clock.advanceTo(T - 20 * MINUTE)
    const answeredAt = first.clock.now()
    const reschedule = {
      proposedStart: T + DAY,
      previousStart: T,
      proposedAt: answeredAt - MINUTE,
      state: 'declined',
      answeredAt,
    } as const
    first.update({ ...session, reschedule, updatedAt: answeredAt })
    first.clock.advanceTo(T - 10 * MINUTE)
    // The reminder after the answer, not the answer, is what the session's notification shows.
    expect(first.titles().at(-1)).toBe('In 10 minutes: Session ses_1')
    first.scheduler.stop()
    const second = restart(first.dir, T + 20 * MINUTE)
    second.platformAnswers(0)
    expect(second.withdrawn()).toEqual([['ses_1', T, CLOSED]])
    second.scheduler.stop()
    aLaterRestartWithdrawsNothing(first.dir)
  })
})
