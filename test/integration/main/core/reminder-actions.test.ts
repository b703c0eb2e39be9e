/**
 * Presses on reminder notifications, through the whole core against the reference platform on a
 * manual clock: Start is asked again at the press (too early says why; in the start window it
 * starts the session, which opens its room and shows it in the window), and Snooze shows the
 * reminder again five minutes later, or says why it cannot.
 */
import { describe, expect, it } from 'vitest'
import type { AppNotice, FocusRequest } from '../../../../src/main/core/notification-actions'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { bookedWorld } from '../../../support/booked-world'
import { failWrites } from '../../../support/cache-faults'
import { useCleanup } from '../../../support/cleanup'
import type { TestCore } from '../../../support/test-core'

const MINUTE = 60_000

type Reminder = Extract<AppNotification, { kind: 'reminder' }>

describe('pressing a reminder notification', () => {
  const defer = useCleanup()

  /** The booked world, with the notices the window would show. */
  async function bookedWorldWithNotices() {
    const world = await bookedWorld(defer, 'Schema review')
    const notices: AppNotice[] = []
    world.core.runtime.notificationActions.notices.add((notice) => notices.push(notice))
    return { ...world, notices }
  }

  const reminders = (core: TestCore): ReadonlyArray<Reminder> =>
    core.adapters.notifier.shown.filter((n): n is Reminder => n.kind === 'reminder')
  const lastShown = (core: TestCore) => core.adapters.notifier.shown.at(-1)

  /** Resolves with the next request to show something, after a press. */
  const nextFocus = (core: TestCore): Promise<FocusRequest> =>
    new Promise((resolve) => {
      const off = core.runtime.notificationActions.focusRequests.add((request) => {
        off()
        resolve(request)
      })
    })

  /** Resolves once the core has shown one more notification than now. */
  /** Press `action` on the session's reminder and resolve with the notice that answers it. */
  const followUpTo = async (core: TestCore, sessionId: string, action: 'start' | 'snooze') => {
    const answered = core.waitForNotifications(core.adapters.notifier.shown.length + 1)
    core.adapters.notifier.press({ sessionId }, action)
    await answered
    return lastShown(core)
  }

  it('Start on the 30-minute reminder says it is too early; on the 10-minute one it starts the session and opens its room', async () => {
    const { platform, core, sessionId, notices, pass } = await bookedWorldWithNotices()
    pass(30 * MINUTE)
    expect(reminders(core).map((r) => [r.title, r.startAllowed])).toEqual([
      ['In 30 minutes: Schema review', false],
    ])
    expect(await followUpTo(core, sessionId, 'start')).toMatchObject({
      kind: 'notice',
      title: 'Could not start',
      body: expect.stringContaining('It is too early: Start opens at'),
    })
    expect(notices).toEqual([
      {
        text: expect.stringMatching(/^Could not start: In 30 minutes: Schema review\. It is too early/),
        tone: 'warning',
      },
    ])
    expect(core.runtime.cache.session(sessionId)?.state).toBe('booked')

    pass(20 * MINUTE)
    expect(reminders(core).at(-1)).toMatchObject({
      title: 'In 10 minutes: Schema review',
      startAllowed: true,
    })
    const shown = nextFocus(core)
    core.adapters.notifier.press({ sessionId }, 'start')
    expect(await shown).toEqual({ kind: 'session', sessionId })
    expect(core.runtime.cache.session(sessionId)?.state).toBe('live')
    // Pressed, the reminder left the screen: the start has nothing there to withdraw.
    expect(core.adapters.notifier.withdrawnReminders).toEqual([])
    expect(core.adapters.browser.opened).toEqual([expect.stringContaining(platform.server.url)])
  })

  it('Snooze shows the reminder again five minutes later; once the session started, Snooze says it cannot', async () => {
    const { core, sessionId, notices, pass } = await bookedWorldWithNotices()
    pass(50 * MINUTE)
    core.adapters.notifier.press({ sessionId }, 'snooze')
    pass(5 * MINUTE - 1)
    expect(reminders(core)).toHaveLength(2)
    pass(1)
    expect(reminders(core).map((r) => r.moment)).toEqual(['before', 'before', 'before'])
    const onScreen = core.adapters.notifier.remindersOnScreen.at(-1)
    const started = await core.runtime.api['sessions.join']({ sessionId })
    expect(started.ok).toBe(true)
    // Started: the reminder leaves the screen; a press that raced its withdrawal is answered.
    expect(core.adapters.notifier.remindersOnScreen).toEqual([])
    expect(core.adapters.notifier.withdrawnReminders).toEqual([sessionId])
    if (onScreen === undefined) throw new Error('the snoozed reminder was on screen')
    const answered = core.waitForNotifications(core.adapters.notifier.shown.length + 1)
    await core.runtime.notificationActions.activate({ action: 'snooze', notification: onScreen })
    await answered
    expect(lastShown(core)).toMatchObject({ kind: 'notice', title: 'Could not snooze' })
    expect(notices.at(-1)?.text).toMatch(
      /The session has already started\. The window shows it as it is now\.$/,
    )
  })

  it('Snooze that cannot be saved says what happened and what to do, not that the session moved on', async () => {
    const { core, sessionId, notices, pass } = await bookedWorldWithNotices()
    pass(30 * MINUTE)
    failWrites(core.runtime.cache, 'snoozeReminder')
    expect(await followUpTo(core, sessionId, 'snooze')).toMatchObject({
      kind: 'notice',
      title: 'Could not snooze',
      body: expect.stringMatching(
        /could not save the snooze \(database or disk is full\).*Free some space on the disk/,
      ),
    })
    expect(notices.at(-1)?.text).not.toMatch(/no longer waits/)
  })

  it('Start on the 10 of a session moved since to a time whose window is open too: refused, naming the new time, nothing started', async () => {
    const { platform, core, sessionId, bookedStart, notices, pass } = await bookedWorldWithNotices()
    pass(50 * MINUTE)
    const ten = reminders(core).at(-1)
    expect(ten).toMatchObject({ title: 'In 10 minutes: Schema review', startAllowed: true, bookedStart })
    if (ten === undefined) throw new Error('the 10 was shown')
    const proposed = await core.runtime.core.command('session.proposeTime', {
      sessionId,
      proposedStart: bookedStart - 3 * MINUTE,
    })
    expect(proposed.ok).toBe(true)
    const told = core.waitForNotifications(core.adapters.notifier.shown.length + 1)
    platform.server.marketplace.answerProposal(sessionId, true)
    await told
    // A press that raced the 10's withdrawal, or on a desktop that kept it.
    await core.runtime.notificationActions.activate({ action: 'start', notification: ten })
    expect(notices.at(-1)?.text).toMatch(
      /^Could not start: In 10 minutes: Schema review\. The session was moved to .+; start it from the window if you are ready\.$/,
    )
    expect(core.runtime.cache.session(sessionId)?.state).toBe('booked')
    expect(core.adapters.browser.opened).toEqual([])
  })
})
