// The reminder test matrix on a ManualClock: each case is something an expert's machine lives
// through (sleep, restart, clock set, time zone, rebooking…), asserting what the expert is shown.
import { describe, expect, it, vi } from 'vitest'
import { FIRST_MEASURE_WAIT_MS } from '../../../../../src/main/core/platform-clock/platform-clock'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import { CLOCK_CHECK_MS } from '../../../../../src/main/core/reminders/reminder-scheduler'
import {
  aMessage,
  anExpert,
  anInvite,
  expertUpdated,
  inviteCreated,
  messageCreated,
  MINUTE,
} from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'
import { nextValue } from '../../../../support/next-value'
import { failWrites, readOnly } from '../../../../support/cache-faults'
import type { ManualClock } from '../../../../../src/shared/clock'
import { useHostZone } from '../../../../support/host-zone'

const setUp = reminderKit()
const T = at(60)

/** With the 30-minute reminder due at the next millisecond: it comes then, and the 10-minute one twenty minutes later. */
function theTwoRemindersFromTheNextMillisecond(clock: ManualClock, titles: () => string[]): void {
  clock.advance(1)
  expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
  clock.advance(20 * MINUTE)
  expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
}

describe('the reminder matrix', () => {
  it('plain 30 then 10: each on time and once, then one "starting now", withdrawn at the auto-cancel', () => {
    const { clock, notifier, scheduler, book, titles, withdrawn } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE - 1)
    expect(titles()).toEqual([])
    clock.advanceTo(T - 30 * MINUTE)
    expect(notifier.shown).toEqual([
      {
        kind: 'reminder',
        sessionId: 'ses_1',
        moment: 'before',
        bookedStart: T,
        requestId: expect.any(String),
        startAllowed: false,
        title: 'In 30 minutes: Session ses_1',
        body: 'Scheduled session with Sam Okafor at HH:MM. Start opens at HH:MM.',
      },
    ])
    clock.advanceTo(T - 10 * MINUTE)
    expect(notifier.shown[1]).toMatchObject({
      title: 'In 10 minutes: Session ses_1',
      body: 'Scheduled session with Sam Okafor at HH:MM. You can start it now.',
      startAllowed: true,
    })
    clock.advanceTo(T)
    expect(notifier.shown[2]).toMatchObject({
      moment: 'starting_now',
      startAllowed: true,
      title: 'Starting now: Session ses_1',
      body: 'Booked for HH:MM with Sam Okafor, who has not joined yet either. Start it before HH:MM, or the platform cancels the session.',
    })
    scheduler.refresh()
    clock.advanceTo(T + 10 * MINUTE - 1)
    expect(withdrawn()).toEqual([])
    // Its Start can no longer be pressed: the platform cancels now, whether or not it can say so.
    clock.advanceTo(T + 10 * MINUTE)
    expect(withdrawn()).toEqual([['ses_1', T, 'Its start window has closed.']])
    clock.advanceTo(T + 30 * MINUTE)
    expect(notifier.shown).toHaveLength(4)
    scheduler.stop()
  })

  it('restart between the 30 and the 10: the 30 is not repeated, the 10 comes on time', () => {
    const first = setUp()
    first.book('ses_1', T)
    first.scheduler.start()
    first.clock.advanceTo(T - 30 * MINUTE)
    first.scheduler.stop()
    const second = setUp({ dir: first.dir, now: T - 20 * MINUTE })
    second.scheduler.start()
    expect(second.titles()).toEqual([])
    second.clock.advanceTo(T - 10 * MINUTE)
    expect([...first.titles(), ...second.titles()]).toEqual([
      'In 30 minutes: Session ses_1',
      'In 10 minutes: Session ses_1',
    ])
    second.scheduler.stop()
  })

  it('restart after the 10 passed while Standby was closed: the 10 is shown late, with the time left', () => {
    const first = setUp()
    first.book('ses_1', T)
    first.scheduler.start()
    first.clock.advanceTo(T - 30 * MINUTE)
    first.scheduler.stop()
    const second = setUp({ dir: first.dir, now: T - 4 * MINUTE })
    second.scheduler.start()
    // Late: it waits for the catch-up that follows a start, which may cancel or move the session.
    expect(second.notifier.shown).toEqual([])
    second.clock.advance(LATE_SETTLE_MS)
    expect(second.notifier.shown).toEqual([
      expect.objectContaining({
        title: 'In 4 minutes: Session ses_1',
        body: 'Scheduled session with Sam Okafor at HH:MM. This 10-minute reminder was due at HH:MM, while this computer was asleep or too busy, or Standby was closed or signed out. You can start it now.',
        startAllowed: true,
      }),
    ])
    second.scheduler.stop()
  })

  it('booked 20 minutes ahead: the 30 is the first word about it, not a late one', () => {
    const { clock, scheduler, book, notifier } = setUp()
    scheduler.start()
    clock.advanceTo(T - 20 * MINUTE)
    book('ses_1', T)
    expect(notifier.shown.map((n) => [n.title, n.body])).toEqual([
      ['In 20 minutes: Session ses_1', 'Scheduled session with Sam Okafor at HH:MM. Start opens at HH:MM.'],
    ])
    scheduler.stop()
  })

  it('sleep across the 30 only: the 30 is shown late on waking, the 10 on time', () => {
    const { clock, power, scheduler, book, titles, notifier } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 35 * MINUTE)
    clock.sleep(10 * MINUTE)
    power.resume()
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual(['In 25 minutes: Session ses_1'])
    expect(notifier.shown[0]?.body).toMatch(
      /This 30-minute reminder was due at HH:MM, while this computer was asleep or too busy/,
    )
    clock.advanceTo(T - 10 * MINUTE)
    expect(titles()).toEqual(['In 25 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('sleep past both: the 30 is skipped for the 10, shown late, and Start is allowed', () => {
    const { clock, power, scheduler, book, titles, notifier } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.sleep(T - 5 * MINUTE - clock.now())
    power.resume()
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual(['In 5 minutes: Session ses_1'])
    expect(notifier.shown[0]).toMatchObject({ startAllowed: true, moment: 'before' })
    clock.advanceTo(T)
    expect(titles()).toEqual(['In 5 minutes: Session ses_1', 'Starting now: Session ses_1'])
    scheduler.stop()
  })

  it('sleep past both, then the platform’s clock read two minutes back during the settle: the 10 still comes after the settle, not two minutes later', () => {
    const { clock, power, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    platformAnswers(0)
    clock.sleep(T - 5 * MINUTE - clock.now())
    power.resume()
    clock.advance(2_000)
    platformAnswers(-2 * MINUTE)
    clock.advance(LATE_SETTLE_MS - 2_000 - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 7 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('sleep past the 10 while the session was cancelled or moved: the catch-up after the wake comes first, no stale reminder', () => {
    const { clock, power, scheduler, book, update, titles } = setUp()
    const cancelled = book('ses_1', T)
    const moved = book('ses_2', T)
    scheduler.start()
    clock.sleep(T - 5 * MINUTE - clock.now())
    power.resume()
    // The catch-up that follows the wake brings what the platform did meanwhile.
    clock.advance(LATE_SETTLE_MS / 2)
    update({ ...cancelled, state: 'cancelled', updatedAt: T - 20 * MINUTE })
    update({ ...moved, bookedStart: T + 60 * MINUTE, updatedAt: T - 20 * MINUTE })
    clock.advance(LATE_SETTLE_MS)
    // The expert hears of the move, not of a stale reminder.
    expect(titles()).toEqual([expect.stringMatching(/^Moved: Session ses_2, now /)])
    // The moved one reminds for its new time, once each.
    clock.advanceTo(T + 60 * MINUTE)
    expect(titles()).toEqual([
      expect.stringMatching(/^Moved: Session ses_2, now /),
      'In 30 minutes: Session ses_2',
      'In 10 minutes: Session ses_2',
      'Starting now: Session ses_2',
    ])
    scheduler.stop()
  })

  it('sleep past the start: one "starting now" while joinable, nothing once auto-cancelled', () => {
    const { clock, power, scheduler, book, titles, notifier } = setUp()
    book('ses_1', T)
    book('ses_2', at(120))
    scheduler.start()
    clock.sleep(T + 3 * MINUTE - clock.now())
    power.resume()
    power.resume()
    clock.advance(LATE_SETTLE_MS)
    expect(titles()).toEqual(['Starting now: Session ses_1'])
    expect(notifier.shown[0]).toMatchObject({ startAllowed: true, moment: 'starting_now' })
    // Asleep past the second session's auto-cancel: it can no longer be joined, so nothing is said.
    clock.sleep(at(131) - clock.now())
    power.resume()
    expect(titles()).toEqual(['Starting now: Session ses_1'])
    scheduler.stop()
  })

  it('wall-clock jump forward, the platform not yet measured: each reminder on time by platform time', () => {
    const { clock, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    clock.step(50 * MINUTE)
    clock.advance(CLOCK_CHECK_MS)
    expect(titles()).toEqual([])
    // Platform time runs on the monotonic clock: the 30 is due 30 minutes after the start.
    clock.advance(30 * MINUTE - CLOCK_CHECK_MS - 1)
    expect(titles()).toEqual([])
    theTwoRemindersFromTheNextMillisecond(clock, titles)
    scheduler.stop()
  })

  it('first start with the computer’s clock 25 minutes ahead: nothing early while the platform is measured, then each reminder at its time', () => {
    const { clock, platformAnswers, scheduler, book, titles } = setUp({ platformClock: true })
    // By the computer's clock the 10 is due now; by the platform's, the session is 35 minutes away.
    book('ses_1', clock.now() + 10 * MINUTE)
    scheduler.start()
    clock.advance(2_000)
    expect(titles()).toEqual([])
    platformAnswers(-25 * MINUTE)
    clock.advance(5 * MINUTE - 2_000 - 1)
    expect(titles()).toEqual([])
    theTwoRemindersFromTheNextMillisecond(clock, titles)
    scheduler.stop()
  })

  it('first start with the platform out of reach: the computer’s clock is gone by once the wait for a measurement is over', () => {
    const { clock, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', clock.now() + 10 * MINUTE)
    scheduler.start()
    clock.advance(FIRST_MEASURE_WAIT_MS - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 10 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('a reminder found late because the platform’s clock was read further on says so, not that the computer slept', () => {
    const { clock, platformAnswers, scheduler, book, notifier } = setUp({ platformClock: true })
    // Offline at first, on a computer clock 25 minutes behind: by it the 30 is due in 30 minutes.
    book('ses_1', clock.now() + 60 * MINUTE)
    scheduler.start()
    clock.advance(10 * MINUTE)
    expect(notifier.shown).toEqual([])
    platformAnswers(25 * MINUTE)
    clock.advance(LATE_SETTLE_MS)
    expect(notifier.shown).toEqual([
      expect.objectContaining({
        title: 'In 25 minutes: Session ses_1',
        body: "Scheduled session with Sam Okafor at HH:MM. This 30-minute reminder was due at HH:MM by the platform's clock, which Standby has only now read that far on. Start opens at HH:MM.",
      }),
    ])
    scheduler.stop()
  })

  it('wall-clock jump back: nothing early, nothing late, and a reminder already shown is not repeated', () => {
    const { clock, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    clock.advance(29 * MINUTE)
    clock.step(-60 * MINUTE)
    clock.advance(MINUTE - 1)
    expect(titles()).toEqual([])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    clock.step(-20 * MINUTE)
    clock.advance(20 * MINUTE - 1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    clock.advance(1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('the computer’s clock set again and again: one timer waits, none once stopped, and nothing shows after', async () => {
    const { clock, platform, scheduler, book, titles } = setUp({ platformClock: true })
    book('ses_1', T)
    scheduler.start()
    for (const stepMinutes of [10, -25, 40, -5, 15]) {
      clock.step(stepMinutes * MINUTE)
      const told = nextValue(platform!.changes)
      clock.advance(CLOCK_CHECK_MS)
      await told
    }
    // The reminder's timer and the minute's check of the clock, as before the first setting.
    expect(clock.pendingTimers).toBe(2)
    scheduler.stop()
    expect(clock.pendingTimers).toBe(0)
    // A setting told after the stop (the core's listener outlives it) plans nothing either.
    clock.step(-60 * MINUTE)
    const told = nextValue(platform!.changes)
    platform!.now()
    await told
    expect(clock.pendingTimers).toBe(0)
    clock.advanceTo(T + 5 * MINUTE)
    expect(titles()).toEqual([])
  })

  describe('in local time', () => {
    const setHostZone = useHostZone()
    const local = (t: number, timeZone: string): string =>
      new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone })

    it('time-zone change: reminders keep their moment and speak the new local time', () => {
      setHostZone('Europe/London')
      const { clock, scheduler, book, notifier } = setUp({ localTimes: true })
      book('ses_1', T)
      scheduler.start()
      clock.advanceTo(T - 30 * MINUTE)
      expect(notifier.shown[0]?.body).toContain(`at ${local(T, 'Europe/London')}.`)
      setHostZone('Asia/Tokyo')
      clock.advanceTo(T - 10 * MINUTE - 1)
      expect(notifier.shown).toHaveLength(1)
      clock.advanceTo(T - 10 * MINUTE)
      expect(notifier.shown[1]?.body).toContain(`at ${local(T, 'Asia/Tokyo')}.`)
      expect(local(T, 'Asia/Tokyo')).not.toBe(local(T, 'Europe/London'))
      scheduler.stop()
    })

    /** The 30 and 10 of a start in Berlin on a night the clocks change, by real time; the 10's body says `written`. */
    function remindsByRealTime(start: number, written: string): void {
      setHostZone('Europe/Berlin')
      const { clock, scheduler, book, notifier } = setUp({ localTimes: true, now: start - 90 * MINUTE })
      book('ses_1', start)
      scheduler.start()
      clock.advanceTo(start - 30 * MINUTE - 1)
      expect(notifier.shown).toHaveLength(0)
      clock.advanceTo(start - 30 * MINUTE)
      clock.advanceTo(start - 10 * MINUTE)
      expect(notifier.shown.map((n) => n.title)).toEqual([
        'In 30 minutes: Session ses_1',
        'In 10 minutes: Session ses_1',
      ])
      expect(notifier.shown[1]?.body).toContain(`at ${written}.`)
      scheduler.stop()
    }

    it('DST change: 30 and 10 minutes of real time before a start just after the clocks go forward', () => {
      // 03:15 summer time on 2026-03-29, 45 minutes of real time after 02:00 winter time became 03:00.
      const start = Date.UTC(2026, 2, 29, 1, 15)
      expect(local(start, 'Europe/Berlin')).toMatch(/03:15/)
      remindsByRealTime(start, local(start, 'Europe/Berlin'))
    })

    it('DST change: a start in the hour the clocks go back reminds by real time, naming the zone of its 02:30', () => {
      // 02:30 winter time on 2026-10-25: the second 02:30 of that night, after 03:00 summer time became 02:00.
      const start = Date.UTC(2026, 9, 25, 1, 30)
      // Either 02:30 of that night would do without the zone: the reminder names which.
      const written = new Date(start).toLocaleTimeString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Europe/Berlin',
        timeZoneName: 'short',
      })
      expect(written).toMatch(/02:30/)
      remindsByRealTime(start, written)
    })
  })

  it('rebook: the old reminder is withdrawn, the move told, the new time reminds again', () => {
    const { clock, scheduler, book, update, store, titles, withdrawn } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    const later = T + 2 * 60 * MINUTE
    const session = store.session('ses_1')
    if (session === null) throw new Error('the session is cached')
    update({ ...session, bookedStart: later, updatedAt: clock.now() })
    expect(withdrawn()).toEqual([['ses_1', T, expect.stringMatching(/^The session was moved to /)]])
    clock.advanceTo(later - 30 * MINUTE)
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      expect.stringMatching(/^Moved: Session ses_1, now /),
      'In 30 minutes: Session ses_1',
    ])
    expect(clock.now()).toBe(later - 30 * MINUTE)
    scheduler.stop()
  })

  it('cancel: a cancelled or ended session never reminds again', () => {
    const { clock, scheduler, book, update, titles } = setUp()
    const cancelled = book('ses_1', T)
    const ended = book('ses_2', T + 5 * MINUTE)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    update({ ...cancelled, state: 'cancelled' })
    update({ ...ended, state: 'ended', endedAt: clock.now() })
    clock.advanceTo(T + 20 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('back-to-back sessions 15 minutes apart: every reminder of each, once, in order', () => {
    const { clock, scheduler, book, update, titles } = setUp()
    const first = book('ses_a', T, 'First')
    book('ses_b', T + 15 * MINUTE, 'Second')
    scheduler.start()
    clock.advanceTo(T - 2 * MINUTE)
    // The expert starts the first one: it stops reminding; the second carries on.
    update({ ...first, state: 'live', expertJoinedAt: clock.now(), clientJoinedAt: clock.now() })
    clock.advanceTo(T + 15 * MINUTE)
    expect(titles()).toEqual([
      'In 30 minutes: First',
      'In 30 minutes: Second',
      'In 10 minutes: First',
      'In 10 minutes: Second',
      'Starting now: Second',
    ])
    scheduler.stop()
  })

  it('snooze then the 10-minute reminder: shown again 5 minutes later, then the 10 on time', () => {
    const { clock, scheduler, book, titles } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    expect(scheduler.snooze('ses_1')).toBe(true)
    clock.advanceTo(T - 25 * MINUTE - 1)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    clock.advanceTo(T - 25 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', 'In 25 minutes: Session ses_1'])
    // Snoozed again two minutes before the 10: the 10 replaces it instead of a second one after.
    clock.advanceTo(T - 12 * MINUTE)
    scheduler.snooze('ses_1')
    clock.advanceTo(T - 1 * MINUTE)
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      'In 25 minutes: Session ses_1',
      'In 10 minutes: Session ses_1',
    ])
    scheduler.stop()
  })

  it('a snooze and the 10 both fall due in one sleep: after the settle only the 10 is shown, once', () => {
    const { clock, power, scheduler, book, titles } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    clock.advanceTo(T - 14 * MINUTE)
    expect(scheduler.snooze('ses_1')).toBe(true)
    // Asleep past the 10 and just past the snooze: the snooze alone is not late, the 10 is.
    clock.sleep(T - 8.5 * MINUTE - clock.now())
    power.resume()
    clock.advance(LATE_SETTLE_MS)
    clock.advanceTo(T - 1 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1', expect.stringMatching(/: Session ses_1$/)])
    scheduler.stop()
  })

  it('a disk that refuses every write: a shown snooze cannot be removed, yet the 10 still shows, once, and the snooze not again', () => {
    const { clock, scheduler, book, titles, store } = setUp()
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    expect(scheduler.snooze('ses_1')).toBe(true)
    failWrites(store, 'dropSnooze', readOnly)
    failWrites(store, 'markReminder', readOnly)
    clock.advanceTo(T - 1 * MINUTE)
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      'In 25 minutes: Session ses_1',
      'In 10 minutes: Session ses_1',
    ])
    scheduler.stop()
  })

  it('sign-out on a disk that refused the reminder marks: nothing of the expert signed out is written to the emptied cache once it can', () => {
    const { clock, scheduler, book, titles, store } = setUp()
    book('ses_1', T)
    scheduler.start()
    const disk = failWrites(store, 'markReminder', readOnly)
    clock.advanceTo(T - 30 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    store.clear()
    scheduler.cacheChanged({ kind: 'replaced', emptied: true })
    disk.free()
    clock.advance(MINUTE)
    expect(store.reminderHandled({ sessionId: 'ses_1', bookedStart: T, alert: '30' })).toBe(false)
    scheduler.stop()
  })

  it('reminders disabled mid-way: nothing more is shown, and turning them on again repeats nothing', () => {
    let enabled = true
    const { clock, scheduler, book, titles } = setUp({ enabled: () => enabled })
    book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    enabled = false
    clock.advanceTo(T + MINUTE)
    enabled = true
    scheduler.refresh()
    clock.advanceTo(T + 5 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('waits at most a day at a time for a session weeks ahead, and still fires on time', () => {
    const { clock, scheduler, book, titles } = setUp()
    const start = at(40 * 24 * 60)
    book('ses_1', start)
    scheduler.start()
    clock.advance(24 * 60 * MINUTE)
    expect(titles()).toEqual([])
    clock.advanceTo(start - 30 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('invites and messages leave the plan alone: no re-read of the sessions, the reminder still on time', () => {
    const { store, clock, scheduler, book, titles } = setUp()
    book('ses_1', T)
    scheduler.start()
    const reads = vi.spyOn(store, 'upcomingSessions')
    const invite = anInvite({ id: 'inv_busy' })
    const events = [inviteCreated(store.cursor() + 1, invite), messageCreated(store.cursor() + 2, aMessage())]
    store.applyEvents(events)
    scheduler.cacheChanged({ kind: 'events', events })
    scheduler.cacheChanged({ kind: 'clock', invites: [invite] })
    expect(reads).not.toHaveBeenCalled()
    // The expert's own record may change their sessions' reminders: that one is planned again.
    const expert = [expertUpdated(store.cursor() + 1, anExpert())]
    store.applyEvents(expert)
    scheduler.cacheChanged({ kind: 'events', events: expert })
    expect(reads).toHaveBeenCalledTimes(1)
    clock.advanceTo(T - 30 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })
})
