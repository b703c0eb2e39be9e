// The reminders under faults, on a fake clock: sleeps that cross the 30, 10 and 0-minute marks in
// every combination, sessions booked less than 10 minutes ahead or in the past (a platform whose
// clock runs behind), many sessions at one minute through a sleep, and the platform's clock read
// again across a mark. The rule: each 30 and 10 once, at its platform time while awake; after a
// sleep a stale one is skipped only when a later one of the session is due; one "starting now".
import { describe, expect, it } from 'vitest'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const THIRTY = 'In 30 minutes: Session ses_1'
const TEN = 'In 10 minutes: Session ses_1'
const NOW = 'Starting now: Session ses_1'

describe('a sleep across the marks of one session', () => {
  // [asleep from, woken at] in minutes from the start; what shows by the auto-cancel, in order.
  const cases: ReadonlyArray<[number, number, ReadonlyArray<string>]> = [
    [-15, -5, [THIRTY, 'In 5 minutes: Session ses_1', NOW]],
    [-15, -10, [THIRTY, TEN, NOW]],
    [-31, -29, ['In 29 minutes: Session ses_1', TEN, NOW]],
    [-5, 2, [THIRTY, TEN, NOW]],
    [-15, 2, [THIRTY, NOW]],
    [-35, -15, ['In 15 minutes: Session ses_1', TEN, NOW]],
    [-35, 9, [NOW]],
    [-5, 11, [THIRTY, TEN]],
  ]
  for (const [from, to, expected] of cases) {
    it(`asleep from ${from} to ${to} minutes: ${expected.length} shown, each once, in order`, () => {
      const { clock, power, scheduler, book, titles, notifier } = setUp()
      book('ses_1', T)
      scheduler.start()
      clock.advanceTo(T + from * MINUTE)
      clock.sleep((to - from) * MINUTE)
      power.resume()
      // A second report of the same wake, as some desktops send, changes nothing.
      power.resume()
      clock.advanceTo(Math.max(clock.now(), T + 10 * MINUTE) + LATE_SETTLE_MS)
      expect(titles()).toEqual(expected)
      expect(notifier.shown.filter((n) => n.kind === 'reminder' && n.moment === 'starting_now')).toHaveLength(
        expected.includes(NOW) ? 1 : 0,
      )
      scheduler.stop()
    })
  }
})

describe('sleeps that are not reported, or come one after another', () => {
  it('a sleep across the 10 the OS never reported: the 10 shows late once, then "starting now"', () => {
    const { clock, scheduler, book, titles } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 15 * MINUTE)
    clock.sleep(10 * MINUTE)
    clock.advance(0)
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual([THIRTY, 'In 5 minutes: Session ses_1'])
    clock.advanceTo(T + 10 * MINUTE)
    expect(titles()).toEqual([THIRTY, 'In 5 minutes: Session ses_1', NOW])
    scheduler.stop()
  })

  it('asleep again during the wait after a wake, past the 10: the late 30 waiting is skipped, the 10 shown once', () => {
    const { clock, power, scheduler, book, titles } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 35 * MINUTE)
    clock.sleep(10 * MINUTE)
    power.resume()
    clock.advance(LATE_SETTLE_MS / 3)
    clock.sleep(T - 5 * MINUTE - clock.now())
    power.resume()
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual(['In 5 minutes: Session ses_1'])
    clock.advanceTo(T + 10 * MINUTE)
    expect(titles()).toEqual(['In 5 minutes: Session ses_1', NOW])
    scheduler.stop()
  })

  it("restarted during the wait after a wake: the late reminder shows once, after the new run's wait", () => {
    const first = setUp()
    first.book('ses_1', T)
    first.scheduler.start()
    first.clock.sleep(T - 25 * MINUTE - first.clock.now())
    first.power.resume()
    first.clock.advance(LATE_SETTLE_MS / 3)
    first.scheduler.stop()
    expect(first.titles()).toEqual([])
    const second = setUp({ dir: first.dir, now: first.clock.now() })
    second.scheduler.start()
    second.clock.advance(LATE_SETTLE_MS)
    expect(second.titles()).toEqual(['In 25 minutes: Session ses_1'])
    second.clock.advanceTo(T - 10 * MINUTE)
    expect(second.titles()).toEqual(['In 25 minutes: Session ses_1', TEN])
    second.scheduler.stop()
  })
})

describe('a session booked close to its time', () => {
  for (const ahead of [10, 9, 5, 1]) {
    it(`${ahead} minutes ahead: one reminder at once, with the minutes left, not a late one, then "starting now"`, () => {
      const { clock, scheduler, book, titles, notifier } = setUp()
      scheduler.start()
      const start = clock.now() + ahead * MINUTE
      book('ses_1', start)
      expect(titles()).toEqual([`In ${ahead} minute${ahead === 1 ? '' : 's'}: Session ses_1`])
      expect(notifier.shown[0]?.body).not.toMatch(/was due at/)
      clock.advanceTo(start - 1)
      expect(titles()).toHaveLength(1)
      clock.advanceTo(start + 10 * MINUTE)
      expect(titles()).toEqual([titles()[0], 'Starting now: Session ses_1'])
      scheduler.stop()
    })
  }

  it('booked in the past by a platform whose clock runs behind: one "starting now" while it can be joined', () => {
    const { clock, scheduler, book, titles } = setUp()
    scheduler.start()
    book('ses_1', clock.now() - 3 * MINUTE)
    book('ses_2', clock.now() - 11 * MINUTE)
    expect(titles()).toEqual(['Starting now: Session ses_1'])
    clock.advance(30 * MINUTE)
    expect(titles()).toEqual(['Starting now: Session ses_1'])
    scheduler.stop()
  })
})

describe('many sessions at one minute', () => {
  it('through a sleep past their 30 and 10: one late 10 each, no 30, then one "starting now" each', () => {
    const { clock, power, scheduler, book, titles } = setUp()
    const ids = Array.from({ length: 40 }, (_, i) => `ses_${i + 1}`)
    for (const id of ids) book(id, T)
    scheduler.start()
    clock.sleep(T - 5 * MINUTE - clock.now())
    power.resume()
    clock.advance(LATE_SETTLE_MS)
    expect([...titles()].sort()).toEqual(ids.map((id) => `In 5 minutes: Session ${id}`).sort())
    clock.advanceTo(T + 10 * MINUTE)
    const starting = titles().filter((t) => t.startsWith('Starting now'))
    expect([...starting].sort()).toEqual(ids.map((id) => `Starting now: Session ${id}`).sort())
    expect(titles()).toHaveLength(2 * ids.length)
    scheduler.stop()
  })
})

describe("the platform's clock read again across a mark", () => {
  it('read two minutes back just after the 30: the 30 does not come again, the 10 at its platform time', () => {
    const { clock, platformAnswers, scheduler, book, titles, platform } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    platformAnswers(0)
    clock.advanceTo(T - 30 * MINUTE)
    expect(titles()).toEqual([THIRTY])
    platformAnswers(-2 * MINUTE)
    const tenAt = (): number => T - 10 * MINUTE - (platform?.now() ?? 0) + clock.now()
    clock.advanceTo(tenAt() - 1)
    expect(titles()).toEqual([THIRTY])
    clock.advance(1)
    expect(titles()).toEqual([THIRTY, TEN])
    scheduler.stop()
  })

  it('read five minutes on across the 10: the 10 shows at once, once, the 30 not again', () => {
    const { clock, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    platformAnswers(0)
    clock.advanceTo(T - 12 * MINUTE)
    expect(titles()).toEqual([THIRTY])
    platformAnswers(5 * MINUTE)
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual([THIRTY, 'In 7 minutes: Session ses_1'])
    clock.advance(2 * MINUTE)
    expect(titles()).toHaveLength(2)
    scheduler.stop()
  })
})

describe('a snooze meeting a mark', () => {
  for (const pressedAt of [15, 12]) {
    it(`snoozed ${pressedAt} minutes before: the 10 takes the snooze's place, one notification at the 10`, () => {
      const { clock, scheduler, book, titles } = setUp()
      book('ses_1', T)
      scheduler.start()
      clock.advanceTo(T - pressedAt * MINUTE)
      expect(scheduler.snooze('ses_1', T)).toBe(true)
      clock.advanceTo(T - 1)
      expect(titles()).toEqual([THIRTY, TEN])
      scheduler.stop()
    })
  }

  it('the platform\'s clock read 15 minutes on at the 12: the 10 is skipped for one late "starting now"', () => {
    const { clock, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    platformAnswers(0)
    clock.advanceTo(T - 12 * MINUTE)
    platformAnswers(15 * MINUTE)
    clock.advance(LATE_SETTLE_MS)
    clock.advance(5 * MINUTE)
    expect(titles()).toEqual([THIRTY, NOW])
    scheduler.stop()
  })
})
