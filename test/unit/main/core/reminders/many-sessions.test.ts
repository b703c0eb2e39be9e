// Reminders when the cache holds more sessions than one plan reads at a time: none is left out,
// one timer waits whatever their number, and a minute with reminders due every second among
// thousands keeps each plan to one read of the upcoming sessions, or the plans fall behind.
import { describe, expect, it } from 'vitest'
import type { Session } from '../../../../../src/shared/protocol'
import { aScheduledRequest, aSession, MINUTE, sessionUpdated } from '../../../../support/fixtures'
import { CLOCK_CHECK_MS } from '../../../../../src/main/core/reminders/reminder-scheduler'
import { at, cancelledByClient, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const DAY = 24 * 60 * MINUTE

/** `count` sessions booked at `updatedAt`, the i-th to start at `startOf(i)`, numbered from `first`. */
function booked(count: number, startOf: (i: number) => number, updatedAt: number, first = 1): Session[] {
  return Array.from({ length: count }, (_, i) => {
    const request = aScheduledRequest(`req_${first + i}`, startOf(i))
    const bookedStart = startOf(i)
    return aSession({
      id: `ses_${first + i}`,
      request,
      kind: 'scheduled',
      bookedStart,
      state: 'booked',
      updatedAt,
    })
  })
}

/** The sessions as `session.updated` events, from event `firstId` on. */
const events = (sessions: ReadonlyArray<Session>, firstId = 1) =>
  sessions.map((session, i) => sessionUpdated(firstId + i, session))

describe('reminders among many sessions', () => {
  it('hundreds of sessions left live from long ago leave the reminders of a booked one on time', () => {
    const { clock, scheduler, store, titles, book } = setUp()
    book('ses_1', T)
    const stale = Array.from({ length: 600 }, (_, i) =>
      sessionUpdated(
        i + 1,
        aSession({
          id: `live_${i}`,
          kind: 'instant',
          bookedStart: at(-600 - i),
          state: 'live',
          updatedAt: at(-600),
        }),
      ),
    )
    store.applyEvents(stale)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE)
    expect(titles()).toEqual(['In 30 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('more sessions booked at one time than a plan reads: each reminds at its time, once, with one timer waiting', () => {
    const { clock, scheduler, store, notifier } = setUp()
    const count = 700
    const booked = Array.from({ length: count }, (_, i) => {
      const request = aScheduledRequest(`req_${i}`, T)
      const session = aSession({
        id: `ses_${i}`,
        request,
        kind: 'scheduled',
        bookedStart: T,
        state: 'booked',
      })
      return sessionUpdated(i + 1, { ...session, updatedAt: clock.now() })
    })
    store.applyEvents(booked)
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE - 1)
    expect(notifier.shown).toEqual([])
    // The reminders' timer and the minute's check of the clock.
    expect(clock.pendingTimers).toBe(2)
    clock.advance(1)
    const shown = (): number => notifier.shown.filter((n) => n.kind === 'reminder').length
    expect(shown()).toBe(count)
    clock.advance(CLOCK_CHECK_MS)
    expect(shown()).toBe(count)
    expect(clock.pendingTimers).toBe(2)
    scheduler.stop()
  })

  it('a reminder due every second among many sessions: each plan reads the upcoming sessions once, a few marks each, and no shown reminder’s session again', () => {
    const { clock, scheduler, store, notifier } = setUp()
    const count = 1_200
    store.applyEvents(events(booked(count, (i) => T + (i % 60) * 1_000, clock.now())))
    const reads = { plans: 0, upcoming: 0, sessions: 0, marks: 0 }
    const counted =
      <A extends unknown[], R>(what: keyof typeof reads, f: (...args: A) => R) =>
      (...args: A): R => (reads[what]++, f(...args))
    store.upcomingSessions = counted('upcoming', store.upcomingSessions.bind(store))
    store.session = counted('sessions', store.session.bind(store))
    store.reminderHandled = counted('marks', store.reminderHandled.bind(store))
    scheduler.refresh = counted('plans', scheduler.refresh.bind(scheduler))
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE - 1)
    for (const key of Object.keys(reads) as Array<keyof typeof reads>) reads[key] = 0
    for (let second = 0; second < 60; second++) clock.advance(1_000)
    expect(notifier.shown.filter((n) => n.kind === 'reminder')).toHaveLength(count)
    expect(reads.plans).toBeGreaterThanOrEqual(60)
    // Past the first plans of the minute, whose read grows until it holds them all, one read a plan.
    expect(reads.upcoming).toBeLessThanOrEqual(reads.plans + 2)
    expect(reads.sessions).toBe(0)
    expect(reads.marks).toBeLessThanOrEqual(4 * count * reads.plans)
    scheduler.stop()
  })

  it('once a busy minute’s sessions are cancelled, among many booked days ahead, each plan reads only the first few hundred again', () => {
    const { clock, scheduler, store } = setUp()
    const busy = booked(1_200, (i) => T + (i % 60) * 1_000, clock.now())
    const later = booked(1_000, (i) => T + 2 * DAY + i * MINUTE, clock.now(), busy.length + 1)
    store.applyEvents(events([...busy, ...later]))
    scheduler.start()
    clock.advanceTo(T - 30 * MINUTE - 1)
    for (let second = 0; second < 60; second++) clock.advance(1_000)
    const cancelled = events(
      busy.map((session) => cancelledByClient(session, clock.now())),
      busy.length + later.length + 1,
    )
    store.applyEvents(cancelled)
    scheduler.cacheChanged({ kind: 'events', events: cancelled })
    const read: number[] = []
    const upcoming = store.upcomingSessions.bind(store)
    store.upcomingSessions = (now, limit) => {
      const sessions = upcoming(now, limit)
      read.push(sessions.length)
      return sessions
    }
    clock.advance(CLOCK_CHECK_MS)
    clock.advance(CLOCK_CHECK_MS)
    expect(read.length).toBeGreaterThan(0)
    // Reading every session booked days ahead at each plan holds them all in memory for nothing.
    expect(Math.max(...read)).toBeLessThanOrEqual(500)
    scheduler.stop()
  })

  it('a plan that last read the first few hundred still reminds of each of many sessions booked into one minute afterwards', () => {
    const { clock, scheduler, store, notifier } = setUp()
    store.applyEvents(events(booked(1_000, (i) => T + 2 * DAY + i * MINUTE, clock.now())))
    scheduler.start()
    clock.advance(CLOCK_CHECK_MS)
    const busy = events(
      booked(1_200, (i) => T + (i % 60) * 1_000, clock.now(), 1_001),
      1_001,
    )
    store.applyEvents(busy)
    scheduler.cacheChanged({ kind: 'events', events: busy })
    clock.advanceTo(T - 30 * MINUTE - 1)
    for (let second = 0; second < 60; second++) clock.advance(1_000)
    expect(notifier.shown.filter((n) => n.kind === 'reminder')).toHaveLength(1_200)
    scheduler.stop()
  })
})
