// A press on a reminder acts on what it said: the session at the time it named. Once the session
// was moved, Start and Snooze on the old time's reminder are refused alike, naming the new time,
// even when the new time's start window happens to be open; the session moved back, they act.
// The routing (NotificationActions) runs over the real scheduler and cache.
import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import type { Session } from '../../../../../src/shared/protocol'
import { endedSession, MINUTE } from '../../../../support/fixtures'
import { at, reminderKit, routedPresses } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
type Reminder = Extract<AppNotification, { kind: 'reminder' }>

/** ses_1 booked at T, its 10-minute reminder shown (Start allowed), and presses routed as the core does. */
function theTenShown() {
  const kit = setUp({ formatDayTime: (t) => `T${t >= T ? '+' : ''}${(t - T) / MINUTE}` })
  const session = kit.book('ses_1', T)
  kit.scheduler.start()
  kit.clock.advanceTo(T - 10 * MINUTE)
  const ten = kit.notifier.shown.at(-1) as Reminder
  expect(ten).toMatchObject({ title: 'In 10 minutes: Session ses_1', bookedStart: T, startAllowed: true })
  const { actions, started, notices } = routedPresses(kit)
  /** Press `action` on the ten, as a press that raced its withdrawal (or a desktop that kept it) does. */
  const press = (action: 'start' | 'snooze') => actions.activate({ action, notification: ten })
  /** The session as the platform now has it, at `now`. */
  const change = (changes: Partial<Session>) =>
    kit.update({ ...session, updatedAt: kit.clock.now(), ...changes })
  return { ...kit, session, started, notices, press, change }
}

describe('a press on a reminder of a time the session no longer has', () => {
  it('Start on the 10 of a session moved five minutes earlier, its new window open too: refused, naming the new time, nothing started', async () => {
    const { press, change, started, notices, scheduler } = theTenShown()
    change({ bookedStart: T - 5 * MINUTE })
    await press('start')
    expect(started).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([
      'Could not start: In 10 minutes: Session ses_1. The session was moved to T-5; start it from the window if you are ready.',
    ])
    // A reminder of the time booked now, or one from an earlier run (its time unknown), starts it.
    expect(scheduler.startAllowed('ses_1', T - 5 * MINUTE)).toBe(true)
    expect(scheduler.startAllowed('ses_1')).toBe(true)
  })

  it('Start and Snooze on the 10 of a session moved an hour on: both refused alike, each naming the new time', async () => {
    const { press, change, started, notices } = theTenShown()
    change({ bookedStart: T + 60 * MINUTE })
    await press('start')
    await press('snooze')
    expect(started).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([
      'Could not start: In 10 minutes: Session ses_1. The session was moved to T+60; Start opens at HH:MM.',
      'Could not snooze: In 10 minutes: Session ses_1. The session was moved to T+60; its reminders come before then. The window shows it as it is now.',
    ])
  })

  it('moved twice: the refusal names the time booked now', async () => {
    const { press, change, notices } = theTenShown()
    change({ bookedStart: T + 60 * MINUTE })
    change({ bookedStart: T - 3 * MINUTE })
    await press('start')
    expect(notices.map((n) => n.text)).toEqual([
      'Could not start: In 10 minutes: Session ses_1. The session was moved to T-3; start it from the window if you are ready.',
    ])
  })

  it('moved and moved back to the time it named: Start starts it', async () => {
    const { press, change, started, notices } = theTenShown()
    change({ bookedStart: T + 60 * MINUTE })
    change({ bookedStart: T })
    await press('start')
    expect(started).toEqual(['ses_1'])
    expect(notices).toEqual([])
  })

  it('moved, then cancelled, ended or auto-cancelled: what happened last is told, not the move', async () => {
    const cancelled = (by: 'client' | 'system', now: number): Partial<Session> => ({
      state: 'cancelled',
      cancellation: {
        reason: by === 'client' ? 'client_cancelled' : 'expert_absent',
        feeAssessedTo: null,
        cancelledAt: now,
        by,
      },
    })
    for (const [last, said] of [
      ['client', 'The session was cancelled.'],
      ['system', 'The session was cancelled.'],
      ['ended', 'The session has ended.'],
      ['started', 'The session has already started.'],
    ] as const) {
      const { press, change, clock, started, notices, session } = theTenShown()
      change({ bookedStart: T + 5 * MINUTE })
      const now = clock.now()
      if (last === 'ended') change(endedSession({ ...session, bookedStart: T + 5 * MINUTE }, now))
      else if (last === 'started') change({ bookedStart: T + 5 * MINUTE, state: 'live', expertJoinedAt: now })
      else change({ bookedStart: T + 5 * MINUTE, ...cancelled(last, now) })
      await press('start')
      await press('snooze')
      expect(started).toEqual([])
      expect(notices.map((n) => n.text.split('. ').slice(1).join('. '))).toEqual([
        said,
        `${said} The window shows it as it is now.`,
      ])
    }
  })

  it('not moved, past the platform auto-cancel of the time it named: the window has closed, nothing started', async () => {
    const { press, clock, started, notices } = theTenShown()
    clock.advanceTo(T + 10 * MINUTE)
    await press('start')
    expect(started).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([
      'Could not start: In 10 minutes: Session ses_1. The start window has closed.',
    ])
  })
})
