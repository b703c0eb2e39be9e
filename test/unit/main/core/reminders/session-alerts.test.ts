// The alerts about a session beside the reminders: the client has not joined at the start; and what
// the notification routing asks the scheduler (is Start allowed, snooze). The changes a session's
// update calls for are in session-changes.test.ts.
import { describe, expect, it } from 'vitest'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { BOOKED_START_UNKNOWN } from '../../../../../src/main/core/ports/notifier'
import { SNOOZE_MS } from '../../../../../src/main/core/reminders/reminder-scheduler'
import { MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)

describe('session alerts', () => {
  it('at the start, with the expert in and the client not: "has not joined yet", with the auto-cancel time', () => {
    const { clock, scheduler, book, update, notifier } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 5 * MINUTE)
    update({ ...session, state: 'live', expertJoinedAt: clock.now() })
    clock.advanceTo(T)
    expect(notifier.shown.at(-1)).toEqual({
      kind: 'reminder',
      sessionId: 'ses_1',
      moment: 'client_absent',
      bookedStart: T,
      requestId: expect.any(String),
      startAllowed: false,
      title: 'Sam Okafor has not joined yet; auto-cancel at HH:MM',
      body: '“Session ses_1” was booked for HH:MM. You can message Sam Okafor meanwhile; if they have not joined by HH:MM, the platform cancels the session and Sam Okafor pays the fee.',
    })
    clock.advanceTo(T + 9 * MINUTE)
    expect(notifier.shown.filter((n) => n.kind === 'reminder' && n.moment === 'client_absent')).toHaveLength(
      1,
    )
    scheduler.stop()
  })

  it('at the start, with the client already there: no alert about the client', () => {
    const { clock, scheduler, book, update, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 5 * MINUTE)
    update({ ...session, state: 'live', expertJoinedAt: clock.now(), clientJoinedAt: clock.now() })
    clock.advanceTo(T + 9 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('tells the routing whether Start is allowed now, by the start window', () => {
    const { clock, scheduler, book, update } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 10 * MINUTE - 1)
    expect(scheduler.startAllowed('ses_1')).toBe(false)
    clock.advanceTo(T - 10 * MINUTE)
    expect(scheduler.startAllowed('ses_1')).toBe(true)
    clock.advanceTo(T + 10 * MINUTE)
    expect(scheduler.startAllowed('ses_1')).toBe(false)
    update({ ...session, bookedStart: T + 60 * MINUTE })
    clock.advanceTo(T + 55 * MINUTE)
    expect(scheduler.startAllowed('ses_1')).toBe(true)
    update({ ...session, bookedStart: T + 60 * MINUTE, state: 'live', expertJoinedAt: clock.now() })
    expect(scheduler.startAllowed('ses_1')).toBe(false)
    expect(scheduler.startAllowed('ses_unknown')).toBe(false)
    scheduler.stop()
  })

  it('snooze refuses a session that no longer waits for the expert, and a started one drops its snooze', () => {
    const { clock, scheduler, book, update, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    expect(scheduler.snooze('ses_1')).toBe(true)
    update({ ...session, state: 'live', expertJoinedAt: clock.now() })
    clock.advanceTo(T - 20 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    expect(scheduler.snooze('ses_1')).toBe(false)
    expect(scheduler.snooze('ses_unknown')).toBe(false)
    scheduler.stop()
  })

  it('Snooze on a reminder of a time the session no longer has: refused with the new time, nothing before it', () => {
    const { clock, scheduler, book, update, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    const DAY = 24 * 60 * MINUTE
    update({ ...session, bookedStart: T + DAY, updatedAt: clock.now() })
    // The 30-minute reminder for T is still on screen when the platform moves the session a day on.
    expect(scheduler.snooze('ses_1', T)).toBe(false)
    expect(scheduler.whyNoSnooze('ses_1', T)).toMatch(
      /^The session was moved to .+; its reminders come before then\.$/,
    )
    clock.advanceTo(T + DAY - 30 * MINUTE - 1)
    const moved = expect.stringMatching(/^Moved: Session ses_1, now /)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', moved])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', moved, 'In 30 minutes: Session ses_1'])
    // A reminder of the time booked now, or one from an earlier run (its time unknown), snoozes.
    expect(scheduler.snooze('ses_1', T + DAY)).toBe(true)
    expect(scheduler.snooze('ses_1', BOOKED_START_UNKNOWN)).toBe(true)
    scheduler.stop()
  })

  it('a snooze survives a restart and is shown once, on time', () => {
    const first = setUp()
    first.book('ses_1', T)
    first.scheduler.start()
    first.clock.advanceTo(T - 30 * MINUTE)
    first.scheduler.snooze('ses_1')
    first.scheduler.stop()
    const second = setUp({ dir: first.dir, now: T - 27 * MINUTE })
    second.scheduler.start()
    second.clock.advanceTo(T - 25 * MINUTE)
    expect(second.titles()).toEqual(['In 25 minutes: Session ses_1'])
    second.scheduler.stop()
    const third = setUp({ dir: first.dir, now: T - 24 * MINUTE })
    third.scheduler.start()
    third.clock.advanceTo(T - 11 * MINUTE)
    expect(third.titles()).toEqual([])
    third.scheduler.stop()
  })

  it('a snooze that fell due during a sleep waits for the catch-up: nothing for a session cancelled meanwhile', () => {
    const { clock, power, scheduler, book, update, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    scheduler.snooze('ses_1')
    clock.sleep(3 * SNOOZE_MS)
    power.resume()
    update({ ...session, state: 'cancelled', updatedAt: clock.now() })
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])

    const kept = setUp()
    kept.book('ses_2', T)
    kept.scheduler.start()
    kept.clock.advanceTo(T - 30 * MINUTE)
    kept.scheduler.snooze('ses_2')
    kept.clock.sleep(3 * SNOOZE_MS)
    kept.power.resume()
    kept.clock.advance(LATE_SETTLE_MS)
    expect(kept.titles()).toEqual(['In 30 minutes: Session ses_2', 'In 15 minutes: Session ses_2'])
    scheduler.stop()
    kept.scheduler.stop()
  })

  it('a snooze falling due with the 10-minute reminder shows only the reminder', () => {
    const { clock, scheduler, book, titles } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 15 * MINUTE)
    scheduler.snooze('ses_1')
    clock.advanceTo(T - 5 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('a snoozed "starting now" comes back as "starting now" while the session can still be joined', () => {
    const { clock, scheduler, book, titles, notifier } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T)
    scheduler.snooze('ses_1')
    clock.advanceTo(T + 5 * MINUTE)
    expect(titles().slice(-2)).toEqual(['Starting now: Session ses_1', 'Starting now: Session ses_1'])
    expect(notifier.shown.at(-1)).toMatchObject({ startAllowed: true })
    scheduler.stop()
  })

  it('a snooze near the auto-cancel comes back before it, and one too close to it is refused, saying why', () => {
    const { clock, scheduler, book, titles } = setUp()
    const startingNow = (): number => titles().filter((t) => t === 'Starting now: Session ses_1').length
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T + 5 * MINUTE)
    expect(scheduler.snooze('ses_1')).toBe(true)
    // Five minutes on, the platform has cancelled it: the reminder comes a minute before instead.
    clock.advanceTo(T + 9 * MINUTE - 1)
    expect(startingNow()).toBe(1)
    clock.advance(1)
    expect(startingNow()).toBe(2)
    clock.advance(30_000)
    expect(scheduler.snooze('ses_1')).toBe(false)
    expect(scheduler.whyNoSnooze('ses_1')).toBe(
      'The platform cancels the session at HH:MM unless you join before: too soon to snooze. Start it now to keep it.',
    )
    clock.advanceTo(T + 20 * MINUTE)
    expect(startingNow()).toBe(2)
    scheduler.stop()
  })
})
