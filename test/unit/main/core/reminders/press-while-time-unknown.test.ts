// Start or Snooze pressed on a reminder while the platform's time is still a guess (a restart with
// the computer's clock days off, before the platform answers) is judged by the platform's time once
// it answers: the guess would refuse Snooze for a session still waiting ("no longer waits"), or save
// a snooze days off, which came back days late or at once.
import { describe, expect, it } from 'vitest'
import { FIRST_MEASURE_WAIT_MS } from '../../../../../src/main/core/platform-clock/platform-clock'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import type { Session } from '../../../../../src/shared/protocol'
import { MINUTE } from '../../../../support/fixtures'
import { at, cancelledByClient, reminderKit, routedPresses } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
const DAY = 24 * 60 * MINUTE
type Reminder = Extract<AppNotification, { kind: 'reminder' }>
/** What a press waiting for the platform's time is told at once: what it waits for, and what it does then. */
const waiting = (does: RegExp) =>
  expect.objectContaining({
    text: expect.stringMatching(
      new RegExp(`^Checking the time with the platform: In \\d+ minutes: Session ses_1\\. ${does.source}`),
    ),
    tone: 'info',
  })
const SNOOZES =
  /Standby snoozes this reminder once the platform tells it the time.*If you quit Standby before then, it snoozes the reminder when it next starts, unless the session was cancelled or moved meanwhile/
const STARTS = /Standby starts the session once the platform tells it the time, or says why it could not/

/**
 * The reminder `minutes` before ses_1 shown by a first run; a second run started by a computer
 * clock `aheadMs` off, the platform not answered yet.
 */
function restartedWithReminderShown(minutes: 30 | 10, aheadMs: number) {
  const first = setUp({ platformClock: true })
  first.book('ses_1', T)
  first.scheduler.start()
  first.platformAnswers(0)
  first.clock.advanceTo(T - minutes * MINUTE)
  const reminder = first.notifier.shown.at(-1) as Reminder
  expect(reminder).toMatchObject({ title: `In ${minutes} minutes: Session ses_1`, bookedStart: T })
  first.scheduler.stop()
  const second = setUp({ platformClock: true, dir: first.dir, now: first.clock.now() + aheadMs })
  second.scheduler.start()
  const routed = routedPresses(second)
  const press = (action: 'start' | 'snooze') => routed.actions.activate({ action, notification: reminder })
  /** The platform's time now, once it answered. */
  const platformNow = () => second.clock.now() - aheadMs
  /** The titles shown, but for the notice of a press waiting for the platform's time. */
  const titles = () => second.titles().filter((t) => t !== 'Checking the time with the platform')
  return { ...second, ...routed, press, platformNow, titles, answers: () => second.platformAnswers(-aheadMs) }
}

/**
 * Snooze pressed on the 30 while the second run waits for the platform's time, and Standby quit
 * before it answered; `meanwhile` changes the cache before a third run starts by the same computer
 * clock, `aheadMs` off. The third run's platform has not answered yet either.
 */
function quitWhileSnoozeWaits(
  aheadMs: number,
  meanwhile: (kit: ReturnType<typeof setUp>) => void = () => {},
) {
  const second = restartedWithReminderShown(30, aheadMs)
  void second.press('snooze')
  expect(second.notices).toEqual([waiting(SNOOZES)])
  second.scheduler.stop()
  meanwhile(second)
  const third = setUp({ platformClock: true, dir: second.dir, now: second.clock.now() })
  third.scheduler.start()
  return {
    ...third,
    answers: () => third.platformAnswers(-aheadMs),
    platformNow: () => third.clock.now() - aheadMs,
  }
}

/**
 * Snooze kept across a quit as in quitWhileSnoozeWaits, and the cache rebuilt after damage at the
 * third start: it holds the marks carried from the damaged one, and no session until the platform sends them.
 */
function rebuiltWhileSnoozeWaits() {
  let session: Session | null = null
  const third = quitWhileSnoozeWaits(3 * DAY, (second) => {
    session = second.store.session('ses_1')
    second.db.prepare('DELETE FROM sessions').run()
  })
  if (session === null) throw new Error('ses_1 was cached')
  return { third, session: session as Session }
}

describe('a press on a reminder while the platform’s time is a guess', () => {
  for (const [what, aheadMs] of [
    ['days ahead', 3 * DAY],
    ['days behind', -3 * DAY],
  ] as const)
    it(`the computer’s clock ${what}: Snooze brings the reminder back five minutes on by the platform’s time`, async () => {
      const { press, answers, notices, clock, titles, platformNow, scheduler } = restartedWithReminderShown(
        30,
        aheadMs,
      )
      const snoozed = press('snooze')
      // Told at once, not after the platform answers or the wait ends.
      expect(notices).toEqual([waiting(SNOOZES)])
      answers()
      await snoozed
      expect(notices).toEqual([waiting(SNOOZES)])
      clock.advance(5 * MINUTE - 1)
      expect(titles()).toEqual([])
      clock.advance(1)
      expect(platformNow()).toBe(T - 25 * MINUTE)
      expect(titles()).toEqual(['In 25 minutes: Session ses_1'])
      scheduler.stop()
    })

  for (const [what, aheadMs] of [
    ['days ahead', 3 * DAY],
    ['days behind', -3 * DAY],
  ] as const)
    it(`the computer’s clock ${what}: Start on the 10 starts the session the platform has waiting`, async () => {
      const { press, answers, notices, started, scheduler } = restartedWithReminderShown(10, aheadMs)
      const starting = press('start')
      expect(notices).toEqual([waiting(STARTS)])
      answers()
      await starting
      expect(notices).toEqual([waiting(STARTS)])
      expect(started).toEqual(['ses_1'])
      scheduler.stop()
    })

  it('a press while the platform does not answer is judged once the wait for it is over, by the guess', async () => {
    const { press, notices, clock, titles, scheduler } = restartedWithReminderShown(30, 0)
    const snoozed = press('snooze')
    expect(notices).toEqual([waiting(SNOOZES)])
    clock.advance(FIRST_MEASURE_WAIT_MS)
    await snoozed
    expect(notices).toEqual([waiting(SNOOZES)])
    clock.advance(5 * MINUTE)
    expect(titles()).toEqual(['In 25 minutes: Session ses_1'])
    scheduler.stop()
  })

  it('Start pressed while the platform does not answer is told at once that it waits for the platform', async () => {
    const { press, notices, clock, scheduler } = restartedWithReminderShown(10, 0)
    const starting = press('start')
    expect(notices).toEqual([waiting(STARTS)])
    clock.advance(FIRST_MEASURE_WAIT_MS)
    await starting
    scheduler.stop()
  })

  for (const action of ['snooze', 'start'] as const)
    it(`${action} pressed 20 times while waiting: one notice of the wait, taken down once the press is answered`, async () => {
      const kit = restartedWithReminderShown(10, 3 * DAY)
      const presses = Array.from({ length: 20 }, () => kit.press(action))
      const checking = () =>
        kit.notifier.noticesOnScreen.filter((n) => n.title === 'Checking the time with the platform')
      expect(checking()).toHaveLength(1)
      expect(kit.notices.filter((n) => n.text.startsWith('Checking the time'))).toHaveLength(1)
      kit.answers()
      await Promise.all(presses)
      // Answered (snoozed silently, or started): nothing on screen still says Standby is checking.
      expect(checking()).toEqual([])
      if (action === 'start') expect(kit.started).toEqual(['ses_1'])
      kit.scheduler.stop()
    })

  it('the session cancelled while Start waits for the platform: nothing is started, and the expert is told why', async () => {
    const kit = restartedWithReminderShown(10, 3 * DAY)
    const starting = kit.press('start')
    const session = kit.store.session('ses_1')
    if (session === null) throw new Error('ses_1 is cached')
    kit.update(cancelledByClient(session, session.updatedAt + 1))
    kit.answers()
    await starting
    expect(kit.started).toEqual([])
    expect(kit.notices.at(-1)?.text).toMatch(/^Could not start: In 10 minutes: Session ses_1\. .*cancelled/)
    kit.scheduler.stop()
  })

  for (const [what, aheadMs] of [
    ['days ahead', 3 * DAY],
    ['days behind', -3 * DAY],
  ] as const)
    it(`Snooze pressed, then Standby quit before the platform answered (the computer’s clock ${what}): the next run snoozes it`, () => {
      const third = quitWhileSnoozeWaits(aheadMs)
      // Nothing is decided by the guess.
      expect(third.titles()).toEqual([])
      third.answers()
      expect(third.titles()).toEqual([])
      third.clock.advance(5 * MINUTE - 1)
      expect(third.titles()).toEqual([])
      third.clock.advance(1)
      expect(third.platformNow()).toBe(T - 25 * MINUTE)
      expect(third.titles()).toEqual(['In 25 minutes: Session ses_1'])
      expect(third.store.snoozesAwaitingTime()).toEqual([])
      // Answered once: a fourth run snoozes nothing again.
      third.scheduler.stop()
      const fourth = setUp({ platformClock: true, dir: third.dir, now: third.clock.now() })
      fourth.scheduler.start()
      fourth.platformAnswers(-aheadMs)
      fourth.clock.advance(5 * MINUTE)
      expect(fourth.titles()).toEqual([])
      fourth.scheduler.stop()
    })

  it('Snooze kept across a quit, the session cancelled meanwhile: nothing comes back, the press is forgotten', () => {
    const third = quitWhileSnoozeWaits(3 * DAY, (second) => {
      const session = second.store.session('ses_1')
      if (session === null) throw new Error('ses_1 is cached')
      second.update(cancelledByClient(session, session.updatedAt + 1))
    })
    third.answers()
    third.clock.advance(30 * MINUTE)
    expect(third.titles()).toEqual([])
    expect(third.store.snoozesAwaitingTime()).toEqual([])
    third.scheduler.stop()
  })

  it('Snooze kept across a quit, the cache rebuilt at the next start: snoozed once the platform sends the session again', () => {
    const { third, session } = rebuiltWhileSnoozeWaits()
    // The platform's time comes before its sessions do.
    third.answers()
    third.update(session)
    third.clock.advance(5 * MINUTE)
    expect(third.platformNow()).toBe(T - 25 * MINUTE)
    expect(third.titles()).toEqual(['In 25 minutes: Session ses_1'])
    expect(third.store.snoozesAwaitingTime()).toEqual([])
    third.scheduler.stop()
  })

  it('Snooze kept across a quit, the session moved meanwhile: the old time is not snoozed, the new time reminds as booked', () => {
    const third = quitWhileSnoozeWaits(3 * DAY, (second) => {
      const session = second.store.session('ses_1')
      if (session === null) throw new Error('ses_1 is cached')
      second.update({ ...session, bookedStart: T + 60 * MINUTE, updatedAt: session.updatedAt + 1 })
    })
    third.answers()
    third.clock.advance(30 * MINUTE)
    // No "In 25 minutes" of the old time: the move's own reminders follow the new one.
    expect(third.titles().filter((t) => t.startsWith('In 25'))).toEqual([])
    third.clock.advance(30 * MINUTE)
    expect(third.titles().filter((t) => t.startsWith('In'))).toEqual(['In 30 minutes: Session ses_1'])
    expect(third.store.snoozesAwaitingTime()).toEqual([])
    third.scheduler.stop()
  })
})
