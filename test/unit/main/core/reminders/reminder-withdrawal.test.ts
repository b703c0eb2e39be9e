// A reminder on screen leaves it once what it announced no longer holds: the session cancelled
// (by the client, the expert, the platform), moved, started, ended, gone from a snapshot or the
// cache, or past its auto-cancel. Withdrawn once, only when shown, before any alert that follows.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { FIRST_MEASURE_WAIT_MS } from '../../../../../src/main/core/platform-clock/platform-clock'
import { LATE_SETTLE_MS } from '../../../../../src/main/core/reminders/late-settle'
import type { Session } from '../../../../../src/shared/protocol'
import { aSnapshot, endedSession, MINUTE } from '../../../../support/fixtures'
import { failWrites } from '../../../../support/cache-faults'
import { useTempDirs } from '../../../../support/temp-dir'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const tempDir = useTempDirs()
const T = at(60)

/** The session cancelled at `now`, by `by`. */
function cancelled(session: Session, now: number, by: 'client' | 'expert'): Session {
  return {
    ...session,
    state: 'cancelled',
    updatedAt: now,
    cancellation: { reason: `${by}_cancelled`, feeAssessedTo: null, cancelledAt: now, by },
  }
}

/** A run that measured the platform and showed the 10-minute reminder of ses_1, booked at T, then quit. */
function anEarlierRunShowedTheTen() {
  const first = setUp({ platformClock: true })
  const session = first.book('ses_1', T)
  first.scheduler.start()
  first.platformAnswers(0)
  first.clock.advanceTo(T - 10 * MINUTE)
  first.scheduler.stop()
  return { first, session }
}

describe('withdrawing a shown reminder', () => {
  it('cancelled by the client: withdrawn, then the cancel told; the alert is not withdrawn later', () => {
    const { clock, scheduler, book, update, notifier } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    update(cancelled(session, clock.now(), 'client'))
    update({ ...cancelled(session, clock.now(), 'client'), updatedAt: clock.now() + 1 })
    clock.advanceTo(T + 20 * MINUTE)
    expect(notifier.shown.map((n) => [n.kind, n.kind === 'reminder' ? n.moment : n.body])).toEqual([
      ['reminder', 'before'],
      ['reminder_closed', 'The session was cancelled.'],
      ['reminder', 'cancelled'],
    ])
    expect(notifier.remindersOnScreen.map((r) => r.moment)).toEqual(['cancelled'])
    scheduler.stop()
  })

  it('cancelled by the expert, ended, or started by the expert: withdrawn once, nothing else shown', () => {
    const { clock, scheduler, book, update, withdrawn, titles } = setUp()
    const mine = book('ses_1', T)
    const ended = book('ses_2', T)
    const started = book('ses_3', T)
    scheduler.start()
    clock.advanceTo(T - 10 * MINUTE)
    update(cancelled(mine, clock.now(), 'expert'))
    update({
      ...started,
      state: 'live',
      expertJoinedAt: clock.now(),
      clientJoinedAt: clock.now(),
      updatedAt: clock.now(),
    })
    clock.advance(MINUTE)
    update(endedSession({ ...ended, expertJoinedAt: T - 10 * MINUTE }, clock.now()))
    update(endedSession({ ...ended, expertJoinedAt: T - 10 * MINUTE }, clock.now() + 1))
    clock.advanceTo(T + 20 * MINUTE)
    expect(withdrawn()).toEqual([
      ['ses_1', T, 'The session was cancelled.'],
      ['ses_3', T, 'The session has started.'],
      ['ses_2', T, 'The session has ended.'],
    ])
    expect(titles().filter((t) => !t.startsWith('In '))).toEqual([])
    scheduler.stop()
  })

  it('the 30 and the 10 shown: one withdrawal, of the one on screen', () => {
    const { clock, scheduler, book, update, withdrawn, notifier } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 10 * MINUTE)
    expect(notifier.remindersOnScreen.map((r) => r.title)).toEqual(['In 10 minutes: Session ses_1'])
    update(cancelled(session, clock.now(), 'expert'))
    expect(withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    expect(notifier.remindersOnScreen).toEqual([])
    scheduler.stop()
  })

  it('never shown (reminders off, or a late one still settling): nothing is withdrawn', () => {
    const off = setUp({ enabled: () => false })
    const quiet = off.book('ses_1', T)
    off.scheduler.start()
    off.clock.advanceTo(T - 10 * MINUTE)
    off.update(cancelled(quiet, off.clock.now(), 'client'))
    expect(off.withdrawn()).toEqual([])
    off.scheduler.stop()

    const { clock, power, scheduler, book, update, withdrawn } = setUp()
    const session = book('ses_2', T)
    scheduler.start()
    clock.sleep(T - 5 * MINUTE - clock.now())
    power.resume()
    update(cancelled(session, clock.now(), 'expert'))
    clock.advance(LATE_SETTLE_MS)
    expect(withdrawn()).toEqual([])
    scheduler.stop()
  })

  it('reminders turned off after one was shown: that one is still withdrawn', () => {
    let enabled = true
    const { clock, scheduler, book, update, withdrawn } = setUp({ enabled: () => enabled })
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    enabled = false
    update(cancelled(session, clock.now(), 'expert'))
    expect(withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    scheduler.stop()
  })

  it('a withdrawal the notifier cannot carry out, or a session the cache cannot read: the others and the next reminders go on', () => {
    const { clock, scheduler, book, update, notifier, store, titles } = setUp()
    const first = book('ses_1', T)
    book('ses_2', T + 5 * MINUTE)
    book('ses_3', T + 20 * MINUTE)
    scheduler.start()
    clock.advanceTo(T - 25 * MINUTE)
    const show = notifier.show.bind(notifier)
    vi.spyOn(notifier, 'show').mockImplementation((n) => {
      if (n.kind === 'reminder_closed' && n.sessionId === 'ses_1') throw new Error('the OS refused')
      show(n)
    })
    update(cancelled(first, clock.now(), 'expert'))
    failWrites(store, 'session', () => new Error('disk I/O error'))
    clock.advanceTo(T - 10 * MINUTE)
    expect(titles().at(-1)).toBe('In 30 minutes: Session ses_3')
    scheduler.stop()
  })

  it('snoozed, then cancelled: nothing to withdraw (Snooze took it away), and it is not shown again', () => {
    const { clock, scheduler, book, update, withdrawn, titles } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    expect(scheduler.snooze('ses_1', T)).toBe(true)
    update(cancelled(session, clock.now(), 'expert'))
    clock.advanceTo(T)
    expect(withdrawn()).toEqual([])
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('a snoozed reminder shown again, then the session started: the shown one is withdrawn', () => {
    const { clock, scheduler, book, update, withdrawn } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    scheduler.snooze('ses_1', T)
    clock.advanceTo(T - 25 * MINUTE)
    update({ ...session, state: 'live', expertJoinedAt: clock.now(), updatedAt: clock.now() })
    expect(withdrawn()).toEqual([['ses_1', T, 'The session has started.']])
    scheduler.stop()
  })

  it('moved, then moved back: each shown reminder is withdrawn once, each move told', () => {
    const { clock, scheduler, book, update, withdrawn, titles } = setUp()
    const session = book('ses_1', T)
    const later = T + 120 * MINUTE
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    update({ ...session, bookedStart: later, updatedAt: clock.now() })
    clock.advance(MINUTE)
    update({ ...session, bookedStart: T, updatedAt: clock.now() })
    clock.advanceTo(T - 10 * MINUTE)
    update(cancelled(session, clock.now(), 'expert'))
    expect(withdrawn()).toEqual([
      ['ses_1', T, expect.stringMatching(/^The session was moved to /)],
      ['ses_1', T, 'The session was cancelled.'],
    ])
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      expect.stringMatching(/^Moved: Session ses_1, now /),
      expect.stringMatching(/^Moved: Session ses_1, now /),
      'In 10 minutes: Session ses_1',
    ])
    scheduler.stop()
  })

  it('the client stops being absent: "has not joined yet" is withdrawn when they join', () => {
    const { clock, scheduler, book, update, withdrawn } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 5 * MINUTE)
    const live = update({ ...session, state: 'live', expertJoinedAt: clock.now(), updatedAt: clock.now() })
    expect(withdrawn()).toEqual([['ses_1', T, 'The session has started.']])
    clock.advanceTo(T + 2 * MINUTE)
    update({ ...live, clientJoinedAt: clock.now(), updatedAt: clock.now() })
    expect(withdrawn()).toEqual([
      ['ses_1', T, 'The session has started.'],
      ['ses_1', T, 'Sam Okafor has joined.'],
    ])
    scheduler.stop()
  })

  it('gone from a snapshot, or the cache emptied by a sign-out: withdrawn', () => {
    const { clock, scheduler, book, store, withdrawn } = setUp()
    book('ses_1', T)
    book('ses_2', T + 5 * MINUTE)
    scheduler.start()
    clock.advanceTo(T - 10 * MINUTE)
    const kept = store.session('ses_2')
    if (kept === null) throw new Error('the session is cached')
    store.applySnapshot(aSnapshot({ sessions: [kept], cursor: store.cursor() + 1, takenAt: clock.now() }))
    scheduler.cacheChanged({ kind: 'replaced', changedSessions: [] })
    expect(withdrawn()).toEqual([['ses_1', T, 'The session is no longer in your list.']])
    clock.advanceTo(T - 5 * MINUTE)
    store.clear()
    scheduler.cacheChanged({ kind: 'replaced', emptied: true })
    expect(withdrawn()).toEqual([
      ['ses_1', T, 'The session is no longer in your list.'],
      ['ses_2', T + 5 * MINUTE, 'The session is no longer in your list.'],
    ])
    scheduler.stop()
  })

  it('one an earlier run showed is withdrawn when the catch-up after a restart cancels it, once', () => {
    const first = setUp()
    const session = first.book('ses_1', T)
    first.scheduler.start()
    first.clock.advanceTo(T - 10 * MINUTE)
    first.scheduler.stop()
    const second = setUp({ dir: first.dir, now: T - 8 * MINUTE })
    second.scheduler.start()
    second.update(cancelled(session, second.clock.now(), 'expert'))
    expect(second.withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    second.scheduler.stop()
    const third = setUp({ dir: first.dir, now: T - 7 * MINUTE })
    third.scheduler.start()
    third.update(cancelled(session, third.clock.now() + 1, 'expert'))
    expect(third.withdrawn()).toEqual([])
    third.scheduler.stop()
  })

  it('one an earlier run was killed right after showing is still withdrawn after the restart', () => {
    const first = setUp()
    const session = first.book('ses_1', T)
    // The cache as it stands on disk at the instant the first reminder is shown: a kill -9 then.
    const crashDir = tempDir()
    const off = first.notifier.onShow((n) => {
      if (n.kind !== 'reminder') return
      writeFileSync(join(crashDir, 'cache.db'), first.db.serialize())
      off()
    })
    first.scheduler.start()
    first.clock.advanceTo(T - 30 * MINUTE)
    expect(first.titles()).toEqual(['In 30 minutes: Session ses_1'])
    first.scheduler.stop()
    const second = setUp({ dir: crashDir, now: T - 28 * MINUTE })
    second.scheduler.start()
    second.clock.advance(1_000)
    expect(second.titles()).toEqual([])
    second.update(cancelled(session, second.clock.now(), 'client'))
    expect(second.withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    second.scheduler.stop()
  })

  it('one an earlier run showed is still found when the restart’s computer clock is set weeks ahead', () => {
    const { first, session } = anEarlierRunShowedTheTen()
    // By this computer's clock the session is weeks past its auto-cancel; by the platform's it waits.
    const weeks = 30 * 24 * 60 * MINUTE
    const second = setUp({ platformClock: true, dir: first.dir, now: T - 8 * MINUTE + weeks })
    second.scheduler.start()
    second.clock.advance(1_000)
    second.platformAnswers(-weeks)
    second.update(cancelled(session, T - 7 * MINUTE, 'client'))
    expect(second.withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    second.scheduler.stop()
  })

  it('one an earlier run showed is still found when the platform answers only after the wait, the computer’s clock days ahead', () => {
    const { first, session } = anEarlierRunShowedTheTen()
    const days = 3 * 24 * 60 * MINUTE
    const second = setUp({ platformClock: true, dir: first.dir, now: T - 8 * MINUTE + days })
    second.scheduler.start()
    // Out of reach past the wait: the plan goes by the computer's clock, by which the session is days past.
    second.clock.advance(FIRST_MEASURE_WAIT_MS + 1_000)
    second.platformAnswers(-days)
    second.update(cancelled(session, T - 7 * MINUTE, 'client'))
    expect(second.withdrawn()).toEqual([['ses_1', T, 'The session was cancelled.']])
    second.scheduler.stop()
  })

  it('one an earlier run showed and the expert pressed while the plan went by a guess is not withdrawn once measured', () => {
    const { first, session } = anEarlierRunShowedTheTen()
    const days = 3 * 24 * 60 * MINUTE
    const second = setUp({ platformClock: true, dir: first.dir, now: T - 8 * MINUTE + days })
    second.scheduler.start()
    second.clock.advance(FIRST_MEASURE_WAIT_MS + 1_000)
    // Pressed while the plan goes by the guess: the OS takes it off the screen.
    second.scheduler.pressed('ses_1')
    second.platformAnswers(-days)
    second.update(cancelled(session, T - 7 * MINUTE, 'client'))
    expect(second.withdrawn()).toEqual([])
    second.scheduler.stop()
  })

  it('one an earlier run showed and a guess took down is not found again, nor withdrawn twice, once measured', () => {
    const { first, session } = anEarlierRunShowedTheTen()
    const ahead = 15 * MINUTE
    const second = setUp({ platformClock: true, dir: first.dir, now: T - 8 * MINUTE + ahead })
    second.scheduler.start()
    // Out of reach past the wait, and past the auto-cancel by the computer's clock, set ahead.
    second.clock.advance(FIRST_MEASURE_WAIT_MS + 3 * MINUTE)
    expect(second.withdrawn()).toEqual([['ses_1', T, 'Its start window has closed.']])
    second.platformAnswers(-ahead)
    second.update(cancelled(session, T - 4 * MINUTE, 'client'))
    expect(second.withdrawn()).toHaveLength(1)
    second.scheduler.stop()
  })

  it('one an earlier run showed and the expert pressed before the platform answered is not withdrawn after', () => {
    const { first, session } = anEarlierRunShowedTheTen()
    const second = setUp({ platformClock: true, dir: first.dir, now: T - 8 * MINUTE })
    second.scheduler.start()
    // Pressed while the platform's clock is still to be measured: the OS takes it off the screen.
    second.scheduler.pressed('ses_1')
    second.platformAnswers(0)
    second.update(cancelled(session, T - 7 * MINUTE, 'client'))
    expect(second.withdrawn()).toEqual([])
    second.scheduler.stop()
  })

  it('a move the client’s acceptance explains is told once, by their answer', () => {
    const { clock, scheduler, book, update, titles, withdrawn } = setUp()
    const session = book('ses_1', T)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    const later = T + 60 * MINUTE
    update({
      ...session,
      bookedStart: later,
      updatedAt: clock.now(),
      reschedule: {
        proposedStart: later,
        previousStart: T,
        proposedAt: T - 40 * MINUTE,
        state: 'accepted',
        answeredAt: clock.now(),
      },
    })
    expect(withdrawn()).toEqual([['ses_1', T, expect.stringMatching(/^The session was moved to /)]])
    expect(titles()).toEqual([
      'In 30 minutes: Session ses_1',
      'Sam Okafor accepted the new time: Session ses_1',
    ])
    scheduler.stop()
  })
})
