// Reminders when the cache holds more sessions than one plan reads at a time: none is left out,
// and one timer waits whatever their number.
import { describe, expect, it } from 'vitest'
import { aScheduledRequest, aSession, MINUTE, sessionUpdated } from '../../../../support/fixtures'
import { CLOCK_CHECK_MS } from '../../../../../src/main/core/reminders/reminder-scheduler'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)

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
})
