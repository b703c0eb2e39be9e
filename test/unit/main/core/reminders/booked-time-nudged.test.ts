// A platform that set its own clock right can send a booked session again with its start a few
// seconds off. The expert reads the same time: no "Moved" is told, no reminder already shown
// comes again, the one on screen stays (its Start and Snooze still act), and the next ones come
// at the start booked now. A change of a minute or more is a move, told as one.
import { describe, expect, it } from 'vitest'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { MINUTE, sessionUpdated } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)

describe('a booked start nudged by a few seconds', () => {
  for (const nudge of [20_000, -20_000, 59_999]) {
    it(`by ${nudge / 1000} s after the 30: nothing told again, the rest at the new start, once`, () => {
      const { clock, book, update, scheduler, titles, withdrawn, notifier } = setUp()
      const session = book('ses_1', T)
      scheduler.start()
      clock.advanceTo(T - 29 * MINUTE)
      const start = T + nudge
      update({ ...session, bookedStart: start, updatedAt: clock.now() })
      expect(withdrawn()).toEqual([])
      // Start and Snooze on the 30 act on the session as it is.
      expect(scheduler.startAllowed('ses_1', T)).toBe(false)
      expect(scheduler.whyNoStart('ses_1', T)).toMatch(/^It is too early/)
      clock.advanceTo(start - 10 * MINUTE - 1)
      expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
      clock.advance(1)
      expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
      expect(notifier.shown.at(-1)).toMatchObject({ bookedStart: start })
      clock.advanceTo(start)
      clock.advanceTo(start + 10 * MINUTE - 1)
      expect(withdrawn()).toEqual([])
      // Withdrawn at the auto-cancel of the start booked now.
      clock.advance(1)
      expect(withdrawn()).toEqual([['ses_1', start, 'Its start window has closed.']])
      clock.advanceTo(start + 10 * MINUTE + LATE_SETTLE_MS)
      expect(titles()).toEqual([
        'In 30 minutes: Session ses_1',
        'In 10 minutes: Session ses_1',
        'Starting now: Session ses_1',
      ])
      scheduler.stop()
    })
  }

  it('later, after "starting now": the reminder on screen is withdrawn at the auto-cancel of the start booked now', () => {
    const { clock, book, update, scheduler, withdrawn } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T + 2 * MINUTE)
    const start = T + 20_000
    update({ ...session, bookedStart: start, updatedAt: clock.now() })
    clock.advanceTo(start + 10 * MINUTE - 1)
    expect(withdrawn()).toEqual([])
    clock.advance(1)
    expect(withdrawn()).toEqual([['ses_1', T, 'Its start window has closed.']])
    scheduler.stop()
  })

  it('snoozed, then nudged: the snooze still comes back, once', () => {
    const { clock, book, update, scheduler, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    expect(scheduler.snooze('ses_1', T)).toBe(true)
    update({ ...session, bookedStart: T - 15_000, updatedAt: clock.now() })
    clock.advanceTo(T - 25 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 25 minutes: Session ses_1'])
    clock.advanceTo(T - 11 * MINUTE)
    expect(titles()).toHaveLength(2)
    scheduler.stop()
  })

  /**
   * The 30 shown for T, then the run stopped; the session saved at `bookedStart` as a run killed
   * before its reminders heard of it leaves it; then the next run started.
   */
  const restartedAfter = (bookedStart: number) => {
    const first = setUp()
    const session = first.book('ses_1', T)
    first.scheduler.start()
    first.clock.advanceTo(T - 29 * MINUTE)
    first.scheduler.stop()
    const saved = { ...session, bookedStart, updatedAt: first.clock.now() }
    first.store.applyEvents([sessionUpdated(2, saved)])
    const next = setUp({ dir: first.dir, now: first.clock.now() })
    next.scheduler.start()
    return { next, saved }
  }

  it('killed after the nudge was saved, before the reminders heard of it: the next run repeats nothing either', () => {
    const start = T + 20_000
    const { next } = restartedAfter(start)
    next.clock.advanceTo(start - 10 * MINUTE)
    expect(next.titles()).toEqual(['In 10 minutes: Session ses_1'])
    next.scheduler.stop()
  })

  it('killed after the nudge was saved: the reminder the run before showed is still taken down', () => {
    const { next, saved } = restartedAfter(T + 20_000)
    expect(next.titles()).toEqual([])
    next.update({ ...saved, state: 'cancelled', updatedAt: next.clock.now() })
    expect(next.withdrawn()).toEqual([['ses_1', T + 20_000, 'The session was cancelled.']])
    next.scheduler.stop()
  })

  it('killed after a nudge of 40 s was saved, then by 40 s more: a move of 80 s from the time told', () => {
    const { next, saved } = restartedAfter(T + 40_000)
    next.update({ ...saved, bookedStart: T + 80_000, updatedAt: next.clock.now() })
    expect(next.titles()).toEqual([expect.stringMatching(/^Moved: Session ses_1, now /)])
    expect(next.notifier.shown.at(-1)).toMatchObject({ moment: 'moved', bookedStart: T + 80_000 })
    next.scheduler.stop()
  })

  it('moved a minute while no run listened: the next run reminds of the new time', () => {
    const { next } = restartedAfter(T + MINUTE)
    expect(next.titles()).toEqual(['In 30 minutes: Session ses_1'])
    next.scheduler.stop()
  })

  /** Booked at T, the 30 shown, nudged by `first` s; then the run stopped and the next one started. */
  const nudgedThenRestarted = (first: number) => {
    const before = setUp()
    const session = before.book('ses_1', T)
    before.scheduler.start()
    before.clock.advanceTo(T - 29 * MINUTE)
    before.update({ ...session, bookedStart: T + first, updatedAt: before.clock.now() })
    before.scheduler.stop()
    const next = setUp({ dir: before.dir, now: before.clock.now() })
    next.scheduler.start()
    next.clock.advanceTo(T - 28 * MINUTE)
    return { next, session }
  }

  it('by 40 s, restarted, then by 40 s more: a move of 80 s from the time told, told once', () => {
    const { next, session } = nudgedThenRestarted(40_000)
    const start = T + 80_000
    next.update({ ...session, bookedStart: start, updatedAt: next.clock.now() })
    expect(next.titles()).toEqual([expect.stringMatching(/^Moved: Session ses_1, now .+, in 30 minutes$/)])
    expect(next.notifier.shown.at(-1)).toMatchObject({ bookedStart: start })
    next.clock.advanceTo(start - 10 * MINUTE)
    expect(next.titles().slice(1)).toEqual(['In 10 minutes: Session ses_1'])
    next.scheduler.stop()
  })

  it('by 40 s, restarted, then back by 30 s: still the time told, nothing told again', () => {
    const { next, session } = nudgedThenRestarted(40_000)
    const start = T + 10_000
    next.update({ ...session, bookedStart: start, updatedAt: next.clock.now() })
    next.clock.advanceTo(start - 10 * MINUTE)
    expect(next.titles()).toEqual(['In 10 minutes: Session ses_1'])
    next.scheduler.stop()
  })

  /**
   * Booked at T, the 30 shown, then booked at each of `starts` a second apart; the run stopped, the
   * next one started, and a second later the session booked at `last`. Returns what each run told.
   */
  const movedRestartedThen = (starts: ReadonlyArray<number>, last: number) => {
    const before = setUp()
    const session = before.book('ses_1', T)
    before.scheduler.start()
    before.clock.advanceTo(T - 29 * MINUTE)
    for (const start of starts) {
      before.clock.advance(1_000)
      before.update({ ...session, bookedStart: start, updatedAt: before.clock.now() })
    }
    before.scheduler.stop()
    const next = setUp({ dir: before.dir, now: before.clock.now() })
    next.scheduler.start()
    next.clock.advance(1_000)
    next.update({ ...session, bookedStart: last, updatedAt: next.clock.now() })
    next.scheduler.stop()
    return { before: before.titles(), next: next.titles() }
  }

  it('by 30 s, moved away and back to 10 s after the first time, restarted, then by 55 s: nothing told again', () => {
    // The last move told the expert T + 10 s; 55 s from it is a nudge, though 65 s from T.
    const told = movedRestartedThen([T + 30_000, T + 2 * 60 * MINUTE, T + 10_000], T + 65_000)
    expect(told.before).toHaveLength(3)
    expect(told.next).toEqual([])
  })

  it('moved a minute, back, and a minute again, nudged, restarted, then nudged again: the start told last counts', () => {
    // Three moves, each told, then a nudge of 30 s from the start told last (T + 1 minute); then
    // 25 s from that start: a nudge, though 85 s from T, told twice before it.
    const told = movedRestartedThen([T + MINUTE, T, T + MINUTE, T + 30_000], T + 85_000)
    expect(told.before.filter((title) => title.startsWith('Moved:'))).toHaveLength(3)
    expect(told.next).toEqual([])
  })

  it('snoozed to its last call, then 59 s earlier: it comes back a minute before the auto-cancel booked now', () => {
    const { clock, book, update, scheduler, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T + 5 * MINUTE)
    expect(scheduler.snooze('ses_1', T)).toBe(true)
    const start = T - 59_000
    update({ ...session, bookedStart: start, updatedAt: clock.now() })
    const lastCall = start + 10 * MINUTE - MINUTE
    clock.advanceTo(lastCall - 1)
    expect(titles()).toHaveLength(3)
    clock.advance(1)
    expect(titles().slice(2)).toEqual(['Starting now: Session ses_1', 'Starting now: Session ses_1'])
    scheduler.stop()
  })

  it("after the client accepted the expert's proposed time: their answer is not told again", () => {
    const { clock, book, update, scheduler, titles } = setUp()
    const session = book('ses_1', T + 30 * MINUTE)
    scheduler.start()
    clock.advanceTo(T - 40 * MINUTE)
    const reschedule = {
      proposedStart: T,
      previousStart: T + 30 * MINUTE,
      proposedAt: T - 50 * MINUTE,
      state: 'accepted' as const,
      answeredAt: clock.now(),
    }
    const accepted = update({ ...session, bookedStart: T, updatedAt: clock.now(), reschedule })
    clock.advanceTo(T - 35 * MINUTE)
    update({ ...accepted, bookedStart: T + 20_000, updatedAt: clock.now() })
    clock.advanceTo(T + 20_000 - 30 * MINUTE)
    expect(titles()).toEqual([
      'Sam Okafor accepted the new time: Session ses_1',
      'In 30 minutes: Session ses_1',
    ])
    scheduler.stop()
  })

  it('twice by 50 s: a move of 100 s from the time told, told once, the reminder on screen withdrawn for it', () => {
    const { clock, book, update, scheduler, titles, withdrawn } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 29 * MINUTE)
    update({ ...session, bookedStart: T + 50_000, updatedAt: clock.now() })
    expect(withdrawn()).toEqual([])
    clock.advanceTo(T - 28 * MINUTE)
    const start = T + 100_000
    update({ ...session, bookedStart: start, updatedAt: clock.now() })
    expect(withdrawn()).toEqual([['ses_1', T, expect.stringMatching(/^The session was moved to /)]])
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      expect.stringMatching(/^Moved: Session ses_1, now .+, in 30 minutes$/),
    ])
    clock.advanceTo(start - 10 * MINUTE)
    expect(titles().slice(2)).toEqual(['In 10 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('50 s later, then back: the same appointment throughout, nothing told again', () => {
    const { clock, book, update, scheduler, titles, withdrawn } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 29 * MINUTE)
    update({ ...session, bookedStart: T + 50_000, updatedAt: clock.now() })
    clock.advanceTo(T - 28 * MINUTE)
    update({ ...session, bookedStart: T - 5_000, updatedAt: clock.now() })
    clock.advanceTo(T - 5_000 - 10 * MINUTE)
    expect(withdrawn()).toEqual([])
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('by a minute: a move, told, and its reminders come for the new time', () => {
    const { clock, book, update, scheduler, titles, withdrawn } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 29 * MINUTE)
    update({ ...session, bookedStart: T + MINUTE, updatedAt: clock.now() })
    expect(withdrawn()).toEqual([['ses_1', T, expect.stringMatching(/^The session was moved to /)]])
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      expect.stringMatching(/^Moved: Session ses_1, now .+, in 30 minutes$/),
    ])
    scheduler.stop()
  })
})
