import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createElectronNotifier,
  MAX_HELD_NOTIFICATIONS,
  NOTIFICATIONS_FAILING,
  type ElectronNotifierOptions,
} from '../../../../../src/main/electron/adapters/notifier'
import {
  inviteNotificationId,
  noticeNotificationId,
  reminderNotificationId,
} from '../../../../../src/main/electron/adapters/notification-options'
import {
  REQUEST_UNKNOWN,
  type AppNotification,
  type NotificationActivation,
  type NotifierHealth,
} from '../../../../../src/main/core/ports/notifier'
import type { InviteClosedReason } from '../../../../../src/shared/protocol'
import {
  activateToast,
  fake,
  FakeNotification,
  newestMade,
  resetFakeElectron,
  restartNotificationServer,
} from '../../../../support/fake-electron'
import { clientMessageNotification } from '../../../../support/fixtures'
import { recordingLog } from '../../../../support/recording-log'
import { INSTANT_INVITE } from '../../../../support/invite-notification'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

type InviteNotification = Extract<AppNotification, { kind: 'invite' }>

/** The request every invite here was shown for. */
const REQ = 'req_1'
const instant = INSTANT_INVITE
const scheduled: InviteNotification = { ...instant, inviteId: 'inv_2', instant: false }
const closed = (
  inviteId: string,
  reason: InviteClosedReason | 'gone' = 'taken',
  requestId = REQ,
): AppNotification => ({
  kind: 'invite_closed',
  inviteId,
  requestId,
  reason,
  title: 'Closed',
  body: 'Another expert took it.',
})
const reminder = {
  kind: 'reminder',
  sessionId: 's1',
  title: 'In 10 minutes',
  body: 'Schema review',
  moment: 'before',
  bookedStart: 0,
  requestId: 'req_1',
  startAllowed: true,
} as const

function setup(overrides: Partial<Omit<ElectronNotifierOptions, 'log'>> = {}) {
  const platform = overrides.platform ?? 'darwin'
  // The fake's statics exist on the platform Electron would run on.
  fake.platform = platform
  const open = new Map<string, AppNotification>([
    [instant.inviteId, instant],
    [scheduled.inviteId, scheduled],
  ])
  const onActivate = vi.fn<ElectronNotifierOptions['onActivate']>()
  const onFailed = vi.fn<ElectronNotifierOptions['onFailed']>()
  const options = {
    soundEnabled: vi.fn(() => true),
    onActivate,
    onFailed,
    findInvite: (inviteId: string) => open.get(inviteId) ?? null,
    log: recordingLog(),
    ...overrides,
    platform,
  }
  return { ...options, onActivate, onFailed, open, notifier: createElectronNotifier(options) }
}

/** On Windows, an invite's toast and a reminder's, both timed out into the Action Center. */
/** An invite's and a reminder's toast in the Action Center: their time ran out, or the expert closed their banners. */
async function inActionCenterOnWindows(way: 'timed out' | 'dismissed' = 'timed out') {
  const world = setup({ platform: 'win32' })
  await world.notifier.restore()
  world.notifier.show(instant)
  const invite = lastNotification()
  world.notifier.show(reminder)
  const remind = lastNotification()
  for (const shown of [invite, remind])
    if (way === 'timed out') shown.timeOut()
    else shown.dismiss()
  return { ...world, invite, remind }
}

function lastNotification(): FakeNotification {
  return newestMade(fake.notifications, 'notification')
}

beforeEach(resetFakeElectron)

describe('the Electron notifier', () => {
  it('shows an instant invite that stays, sounds, has Join now and Decline, and is grouped on macOS', () => {
    setup().notifier.show(instant)
    const notification = lastNotification()
    expect(notification.shown).toBe(true)
    expect(notification.options).toEqual({
      id: inviteNotificationId('inv_1', REQ),
      groupId: 'standby-invites',
      title: 'Sam Lee: Hooks question',
      body: 'Instant · Matched to you',
      silent: false,
      urgency: 'critical',
      timeoutType: 'never',
      actions: [
        { type: 'button', text: 'Join now' },
        { type: 'button', text: 'Decline' },
      ],
    })
  })

  it('offers the buttons on Windows too (with a group header), none on Linux; a scheduled invite offers View times', () => {
    setup({ platform: 'win32' }).notifier.show(instant)
    // Critical: Electron gives the toast a high priority on Windows, above others in the Action Center.
    expect(lastNotification().options).toMatchObject({
      groupTitle: 'Invites',
      timeoutType: 'never',
      urgency: 'critical',
    })
    expect(lastNotification().options.actions?.map((a) => a.text)).toEqual(['Join now', 'Decline'])
    setup({ platform: 'linux' }).notifier.show(instant)
    expect(lastNotification().options).toMatchObject({ urgency: 'critical', timeoutType: 'never' })
    expect(lastNotification().options.actions).toBeUndefined()
    setup().notifier.show(scheduled)
    expect(lastNotification().options).toMatchObject({ urgency: 'normal' })
    expect(lastNotification().options.timeoutType).toBeUndefined()
    expect(lastNotification().options.actions?.map((a) => a.text)).toEqual(['View times', 'Decline'])
  })

  it('follows the sound setting at each notification; notices are always silent', () => {
    let sound = true
    const { notifier } = setup({ soundEnabled: () => sound })
    notifier.show(instant)
    sound = false
    notifier.show(scheduled)
    notifier.show({ ...reminder, title: 'In 10 minutes' })
    sound = true
    notifier.show({ ...reminder, title: 'Starting now', moment: 'starting_now' })
    notifier.show({ kind: 'notice', title: 'Offline', body: 'Showing cached data' })
    expect(fake.notifications.map((n) => n.options.silent)).toEqual([false, true, true, false, true])
  })

  it('reports a body click as open, the first button as the main step and the second as Decline', () => {
    const { notifier, onActivate } = setup()
    notifier.show(instant)
    lastNotification().pressAction(0)
    notifier.show(instant)
    lastNotification().pressAction(1)
    notifier.show(scheduled)
    lastNotification().click()
    expect(onActivate.mock.calls.map(([a]) => [a.action, a.notification])).toEqual([
      ['primary', instant],
      ['decline', instant],
      ['open', scheduled],
    ])
  })

  it.each(['darwin', 'win32'] as const)(
    'on %s gives a reminder Start (when allowed), Open and Snooze 5 minutes; an alert, only Open',
    (platform) => {
      const { notifier } = setup({ platform })
      notifier.show(reminder)
      notifier.show({ ...reminder, moment: 'before', startAllowed: false })
      notifier.show({ ...reminder, moment: 'starting_now' })
      for (const moment of ['client_absent', 'cancelled', 'client_joined'] as const)
        notifier.show({ ...reminder, moment, startAllowed: false })
      expect(fake.notifications.map((n) => n.options.actions?.map((a) => a.text))).toEqual([
        ['Start', 'Open', 'Snooze 5 minutes'],
        ['Open', 'Snooze 5 minutes'],
        ['Start', 'Open', 'Snooze 5 minutes'],
        ['Open'],
        ['Open'],
        ['Open'],
      ])
    },
  )

  it('gives a reminder no buttons on Linux, where every click opens its session', () => {
    const { notifier, onActivate } = setup({ platform: 'linux' })
    notifier.show(reminder)
    expect(lastNotification().options.actions).toBeUndefined()
    lastNotification().click()
    expect(onActivate.mock.calls.map(([a]) => a.action)).toEqual(['open'])
  })

  it.each(['darwin', 'win32'] as const)('on %s reports a reminder’s buttons as what they say', (platform) => {
    const { notifier, onActivate } = setup({ platform })
    // On Windows a button is heard through handleActivation first.
    if (platform === 'win32') void notifier.restore()
    const noStart = { ...reminder, startAllowed: false }
    const alert = { ...reminder, moment: 'cancelled', startAllowed: false } as const
    for (const [shown, index] of [
      [reminder, 0],
      [reminder, 1],
      [reminder, 2],
      [noStart, 0],
      [noStart, 1],
      [alert, 0],
    ] as const) {
      notifier.show(shown)
      lastNotification().pressAction(index)
    }
    notifier.show(reminder)
    lastNotification().click()
    expect(onActivate.mock.calls.map(([a]) => a.action)).toEqual([
      'start',
      'open',
      'snooze',
      'open',
      'snooze',
      'open',
      'open',
    ])
    expect(onActivate.mock.calls.every(([a]) => a.notification.kind === 'reminder')).toBe(true)
  })

  it.each(['darwin', 'win32'] as const)(
    'on %s a press on the 10-minute reminder is the 10-minute one’s, not the 30-minute one’s it replaced',
    (platform) => {
      const { notifier, onActivate } = setup({ platform })
      // On Windows a button is heard through handleActivation first.
      if (platform === 'win32') void notifier.restore()
      const thirty = { ...reminder, title: 'In 30 minutes', startAllowed: false }
      const ten = { ...reminder, title: 'In 10 minutes', startAllowed: true }
      const now = { ...reminder, title: 'Starting now', moment: 'starting_now', startAllowed: true } as const
      notifier.show(thirty)
      notifier.show(ten)
      // Start, the 10-minute one's first button (the 30-minute one's first was Open).
      lastNotification().pressAction(0)
      notifier.show(now)
      // Open, its second button (the 30-minute one's second was Snooze).
      lastNotification().pressAction(1)
      expect(onActivate.mock.calls).toEqual([
        [{ action: 'start', notification: ten }],
        [{ action: 'open', notification: now }],
      ])
    },
  )

  it.each(['darwin', 'win32'] as const)(
    'on %s Start on the 10-minute reminder is the 10-minute one’s after Snooze was pressed on the 30-minute one, or it was dismissed',
    (platform) => {
      for (const done of ['snoozed', 'dismissed'] as const) {
        const { notifier, onActivate } = setup({ platform })
        // On Windows a button is heard through handleActivation first.
        if (platform === 'win32') void notifier.restore()
        const thirty = { ...reminder, title: 'In 30 minutes', startAllowed: false }
        const ten = { ...reminder, title: 'In 10 minutes', startAllowed: true }
        notifier.show(thirty)
        // Snooze, its second button; macOS still holds a notification whose button was pressed or
        // that was dismissed under its id, until the app closes it.
        if (done === 'snoozed') lastNotification().pressAction(1)
        else lastNotification().dismiss()
        notifier.show(ten)
        // Start, its first button (the 30-minute one's first was Open).
        lastNotification().pressAction(0)
        expect([done, onActivate.mock.calls]).toEqual([
          done,
          [
            ...(done === 'snoozed' ? [[{ action: 'snooze', notification: thirty }]] : []),
            [{ action: 'start', notification: ten }],
          ],
        ])
      }
    },
  )

  it.each([2, -1, 7, 0.5, Number.NaN, 2 ** 31])(
    'opens the invite when the OS reports a button it does not have (%s), sending nothing',
    async (index) => {
      for (const platform of ['darwin', 'win32'] as const) {
        const { notifier, onActivate } = setup({ platform })
        // On Windows a button is heard through handleActivation first.
        if (platform === 'win32') await notifier.restore()
        notifier.show(instant)
        lastNotification().pressAction(index)
        expect([platform, onActivate.mock.calls]).toEqual([
          platform,
          [[{ action: 'open', notification: instant }]],
        ])
      }
    },
  )

  it('holds each shown notification until it closes or is acted on, so its handlers survive GC', () => {
    const { notifier } = setup()
    notifier.show(instant)
    notifier.show(scheduled)
    notifier.show({ ...instant, inviteId: 'inv_3' })
    expect(notifier.held).toBe(3)
    fake.notifications[0]!.dismiss()
    fake.notifications[1]!.click()
    fake.notifications[2]!.fail('permission denied')
    expect(notifier.held).toBe(0)
  })

  it('holds at most a bounded number, letting the oldest go', () => {
    const { notifier } = setup()
    for (let i = 0; i < MAX_HELD_NOTIFICATIONS + 5; i++)
      notifier.show({ kind: 'notice', title: `n${i}`, body: '' })
    expect(notifier.held).toBe(MAX_HELD_NOTIFICATIONS)
  })

  it('on macOS takes a closed invite off the screen and out of Notification Center, even one from before a restart', () => {
    const { notifier } = setup()
    notifier.show(instant)
    notifier.show(scheduled)
    notifier.show(closed('inv_1'))
    expect(fake.notifications.map((n) => n.onScreen)).toEqual([false, true])
    expect(fake.notificationCalls.remove).toEqual([inviteNotificationId('inv_1', REQ)])
    expect(notifier.held).toBe(1)
    notifier.show(closed('inv_earlier'))
    expect(fake.notificationCalls.remove).toContain(inviteNotificationId('inv_earlier', REQ))
    expect(fake.notifications).toHaveLength(2)
  })

  it('takes a client’s message about an invite off the screen with it, on each OS, unless the expert accepted it', () => {
    const aboutInvite = (n: number) =>
      clientMessageNotification(`req_${n}`, { kind: 'invite', inviteId: `inv_${n}` })
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      const { notifier } = setup({ platform })
      for (const n of [1, 2, 3, 4]) notifier.show(aboutInvite(n))
      // On Windows one waits in the Action Center, where only close() takes it out.
      fake.notifications[3]?.timeOut()
      notifier.show(closed('inv_1', 'taken', 'req_1'))
      notifier.show(closed('inv_2', 'accepted', 'req_2'))
      notifier.show(closed('inv_3', 'expired', 'req_3'))
      notifier.show(closed('inv_4', 'withdrawn', 'req_4'))
      expect(fake.notifications.map((n) => n.onScreen)).toEqual([false, true, false, false])
      expect(notifier.held).toBe(1)
    }
  })

  it('withdraws a notice whose condition is over, on screen and in Notification Center, and leaves the others', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      resetFakeElectron()
      const { notifier } = setup({ platform })
      notifier.show({ kind: 'notice', noticeId: 'disk', title: 'Cannot save', body: 'Free some space.' })
      notifier.show({ kind: 'notice', title: 'Other', body: 'Stays.' })
      expect(fake.notifications[0]?.id).toBe(noticeNotificationId('disk'))
      notifier.show({ kind: 'notice_withdrawn', noticeId: 'disk', title: 'Saves again', body: '' })
      expect(fake.notifications.map((n) => n.onScreen)).toEqual([false, true])
      expect(fake.notifications).toHaveLength(2)
      expect(fake.notificationCalls.remove).toEqual(
        platform === 'darwin' ? [noticeNotificationId('disk')] : [],
      )
    }
  })

  it('shows a notice told again in place of the earlier one, on every OS, and leaves other notices', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      const { notifier } = setup({ platform })
      const test = { kind: 'notice', noticeId: 'settings-test', title: 'Test', body: 'Like this.' } as const
      notifier.show({ kind: 'notice', title: 'Other', body: 'Stays.' })
      for (let i = 0; i < 5; i++) notifier.show(test)
      expect(fake.notifications.filter((n) => n.onScreen).map((n) => n.options.title)).toEqual([
        'Other',
        'Test',
      ])
      expect(notifier.held).toBe(2)
      expect(fake.notifications.at(-1)?.id).toBe(noticeNotificationId('settings-test'))
    }
  })

  it('shows an invite told again (a snapshot has its id for another request) in place of the earlier one, on every OS', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      resetFakeElectron()
      const { notifier, onActivate } = setup({ platform })
      notifier.show(scheduled)
      notifier.show(instant)
      const moved = { ...instant, title: 'Kim Park: Another request' }
      notifier.show(moved)
      expect(fake.notifications.filter((n) => n.onScreen).map((n) => n.options.title)).toEqual([
        scheduled.title,
        moved.title,
      ])
      // Not held either: a press on it that the OS still reported would name the first request.
      expect(notifier.held).toBe(2)
      lastNotification().click()
      expect(onActivate.mock.calls).toEqual([[{ action: 'open', notification: moved }]])
    }
  })

  describe('a reminder withdrawn', () => {
    type Reminder = Extract<AppNotification, { kind: 'reminder' }>
    const at = (
      sessionId: string,
      bookedStart: number,
      title: string,
      moment: Reminder['moment'] = 'before',
    ) => ({ ...reminder, sessionId, bookedStart, title, moment }) as const
    const withdrawn = (sessionId: string, bookedStart: number, requestId = 'req_1'): AppNotification => ({
      kind: 'reminder_closed',
      sessionId,
      bookedStart,
      requestId,
      title: 'Reminder withdrawn',
      body: 'The session was cancelled.',
    })
    const onScreen = (): Array<string | undefined> =>
      fake.notifications.filter((n) => n.onScreen).map((n) => n.options.title)
    const everyOs = ['darwin', 'win32', 'linux'] as const

    it.each(everyOs)(
      'on %s leaves the screen: the 30 and the 10 of a session are one notification, gone with it',
      (platform) => {
        const { notifier } = setup({ platform })
        notifier.show(at('s1', 1_000, 'In 30 minutes'))
        notifier.show(at('s2', 1_000, 'Other session'))
        notifier.show(at('s1', 1_000, 'In 10 minutes'))
        expect(onScreen()).toEqual(['Other session', 'In 10 minutes'])
        notifier.show(withdrawn('s1', 1_000))
        expect(onScreen()).toEqual(['Other session'])
        expect(notifier.held).toBe(1)
        // Not by id while one is held: the id is the session's, which its next alert takes.
        expect(fake.notificationCalls.remove).toEqual([])
        // Told again, or of a session never shown: nothing more leaves the screen.
        notifier.show(withdrawn('s1', 1_000))
        notifier.show(withdrawn('s_never', 1_000))
        expect(onScreen()).toEqual(['Other session'])
      },
    )

    it.each(everyOs)('on %s, one past the cap has left the screen: macOS removes its id too', (platform) => {
      const { notifier } = setup({ platform })
      notifier.show(at('s1', 1_000, 'In 10 minutes'))
      for (let i = 0; i < MAX_HELD_NOTIFICATIONS; i++)
        notifier.show({ kind: 'notice', title: `n${i}`, body: '' })
      notifier.show(withdrawn('s1', 1_000))
      // Closed at the cap, on every OS; macOS, holding none of the session, removes it by id as well.
      expect(fake.notifications[0]?.onScreen).toBe(false)
      expect(fake.notificationCalls.remove).toEqual(
        platform === 'darwin' ? [reminderNotificationId('s1', 'req_1')] : [],
      )
    })

    it('on macOS an earlier run’s reminder closed past the cap leaves Notification Center, where a press on it would reach no one', async () => {
      const { notifier } = setup()
      const earlier = FakeNotification.delivered({ id: reminderNotificationId('s0', 'req_1'), title: 'x' })
      await notifier.restore()
      for (let i = 0; i < MAX_HELD_NOTIFICATIONS; i++)
        notifier.show({ kind: 'notice', title: `n${i}`, body: '' })
      expect(earlier.onScreen).toBe(false)
      expect(fake.notificationCalls.remove).toEqual([reminderNotificationId('s0', 'req_1')])
    })

    it.each(['darwin', 'win32'] as const)(
      'on %s, a press on the reminder after one let go past the cap is the newer one’s',
      (platform) => {
        const { notifier, onActivate } = setup({ platform })
        // On Windows a button is heard through handleActivation first.
        if (platform === 'win32') void notifier.restore()
        notifier.show({ ...at('s1', 1_000, 'In 30 minutes'), startAllowed: false })
        for (let i = 0; i < MAX_HELD_NOTIFICATIONS; i++)
          notifier.show({ kind: 'notice', title: `n${i}`, body: '' })
        const ten = at('s1', 1_000, 'In 10 minutes')
        notifier.show(ten)
        // Start, its first button (the 30-minute one's first was Open).
        lastNotification().pressAction(0)
        expect(onActivate.mock.calls).toEqual([[{ action: 'start', notification: ten }]])
      },
    )

    it.each(everyOs)('on %s leaves the alert that replaced the reminder on screen', (platform) => {
      const { notifier } = setup({ platform })
      notifier.show(at('s1', 1_000, 'In 10 minutes'))
      notifier.show(at('s1', 1_000, 'Sam declined the new time', 'rescheduled'))
      // Closing the replaced reminder's object would take down the alert by the id they share.
      notifier.show(withdrawn('s1', 1_000))
      expect(onScreen()).toEqual(['Sam declined the new time'])
      // The withdrawal then the alert, as the core sends them: the alert stays.
      notifier.show(at('s2', 1_000, 'Starting now', 'starting_now'))
      notifier.show(withdrawn('s2', 1_000))
      notifier.show(at('s2', 1_000, 'Cancelled', 'cancelled'))
      expect(onScreen()).toEqual(['Sam declined the new time', 'Cancelled'])
    })

    it.each(everyOs)('on %s leaves a reminder of the session’s other booked time', (platform) => {
      const { notifier } = setup({ platform })
      notifier.show(at('s1', 2_000, 'In 30 minutes, new time'))
      notifier.show(withdrawn('s1', 1_000))
      expect(onScreen()).toEqual(['In 30 minutes, new time'])
    })

    it('on macOS takes down an earlier run’s reminder, whatever time it was for', async () => {
      const { notifier } = setup()
      const earlier = FakeNotification.delivered({
        id: reminderNotificationId('s_earlier', 'req_1'),
        title: 'x',
      })
      await notifier.restore()
      notifier.show(withdrawn('s_earlier', 1_000))
      expect(earlier.onScreen).toBe(false)
    })

    it('on macOS takes down an earlier run’s reminder whose session and request ids are a few dozen characters each', async () => {
      // Ids as a platform of UUIDs sends them: together too long for one notification id.
      const [sessionId, requestId] = [`ses_${'a'.repeat(32)}`, `req_${'b'.repeat(32)}`]
      const { notifier, onActivate } = setup()
      const [earlier, pressed] = [sessionId, `${sessionId}z`].map((id) =>
        FakeNotification.delivered({ id: reminderNotificationId(id, requestId), title: 'x' }),
      )
      await notifier.restore()
      notifier.show(withdrawn(sessionId, 1_000, requestId))
      expect(earlier!.onScreen).toBe(false)
      pressed!.click()
      expect(onActivate.mock.calls.map(([a]) => a.notification)).toEqual([
        expect.objectContaining({ kind: 'reminder', sessionId: `${sessionId}z` }),
      ])
    })

    it('is no notification of its own where notifications are unsupported', () => {
      fake.notificationsSupported = false
      const { notifier, onFailed } = setup()
      notifier.show(withdrawn('s1', 1_000))
      expect(onFailed).not.toHaveBeenCalled()
      expect(fake.notifications).toEqual([])
    })
  })

  it('at the quit takes what it showed off the screen on Linux, where no later run can act on it, and leaves it on macOS and Windows, where one can', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      resetFakeElectron()
      const { notifier } = setup({ platform })
      notifier.show(instant)
      notifier.show(reminder)
      notifier.show({ kind: 'notice', title: 'Standby is still running', body: 'In the tray.' })
      notifier.quitting()
      const onScreen = fake.notifications.filter((notification) => notification.onScreen)
      expect(onScreen.length, platform).toBe(platform === 'linux' ? 0 : 3)
      // One told during the rest of the quit (an error's notice) is not left behind on Linux either.
      notifier.show({ kind: 'notice', title: 'Standby ran into a problem', body: 'It goes on.' })
      const after = fake.notifications.filter((notification) => notification.onScreen)
      expect(after.length, platform).toBe(platform === 'linux' ? 0 : 4)
    }
  })

  it('on Windows and Linux closes a closed invite’s notification (remove exists on macOS only)', () => {
    for (const platform of ['win32', 'linux', 'linux portal'] as const) {
      resetFakeElectron()
      // Through the desktop portal, Linux reports the app's own close() as a 'close'; otherwise not.
      fake.linuxPortal = platform === 'linux portal'
      const { notifier } = setup({ platform: platform === 'linux portal' ? 'linux' : platform })
      notifier.show(instant)
      notifier.show(closed('inv_1'))
      expect(lastNotification().onScreen).toBe(false)
      // Let go at once: Electron reports no 'close' for the app's own close() there.
      expect(notifier.held).toBe(0)
      expect(fake.notificationCalls.remove).toEqual([])
    }
  })

  it.each([true, false])(
    'on Linux, after the notification server restarts (the new one offering actions: %s), keeps what it showed bounded and goes on showing',
    (actions) => {
      const { notifier, onActivate, log } = setup({ platform: 'linux' })
      notifier.show(instant)
      notifier.show(reminder)
      const [invite] = fake.notifications
      // Gone from the screen with no word to Electron: the notifier cannot tell, and holds them.
      restartNotificationServer({ actions })
      expect(invite!.onScreen).toBe(false)
      expect(notifier.held).toBe(2)
      // The invite closes later: closing what the new server never showed throws nothing.
      notifier.show(closed('inv_1'))
      expect(notifier.held).toBe(1)
      notifier.show(scheduled)
      expect(lastNotification().onScreen).toBe(true)
      lastNotification().click()
      // A click is heard only where the new server offers actions too.
      expect(onActivate.mock.calls).toEqual(actions ? [[{ action: 'open', notification: scheduled }]] : [])
      expect(notifier.health?.()).toEqual({ status: 'ok' })
      expect(log.lines.filter((line) => line.startsWith('error '))).toEqual([])
      notifier.quitting()
      expect(notifier.held).toBe(0)
    },
  )

  it('takes a client’s message about an invite off the screen with the invite when it closes, on each OS, and leaves other messages', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      resetFakeElectron()
      const { notifier } = setup({ platform })
      notifier.show(clientMessageNotification('req_1', { kind: 'invite', inviteId: 'inv_1' }))
      notifier.show(clientMessageNotification('req_2', { kind: 'invite', inviteId: 'inv_2' }))
      notifier.show(clientMessageNotification('req_3', { kind: 'session', sessionId: 'inv_1' }))
      notifier.show(closed('inv_1'))
      expect(fake.notifications.map((n) => n.onScreen)).toEqual([false, true, true])
      expect(notifier.held).toBe(2)
    }
  })

  it('on macOS re-attaches to what an earlier run left: a closed invite’s is removed, an open one’s presses count', async () => {
    const { notifier, onActivate } = setup()
    const stillOpen = FakeNotification.delivered({ id: inviteNotificationId('inv_1', REQ), title: 'x' })
    FakeNotification.delivered({ id: inviteNotificationId('inv_gone', REQ), title: 'y' })
    FakeNotification.delivered({ id: 'someone-else', title: 'z' })
    await notifier.restore()
    expect(fake.notificationCalls.remove).toEqual([inviteNotificationId('inv_gone', REQ)])
    stillOpen.pressAction(0)
    expect(onActivate).toHaveBeenCalledWith({ action: 'primary', notification: instant })
  })

  it('on macOS removes an earlier run’s invite shown for a request its id no longer has; an earlier version’s names none', async () => {
    const { notifier, onActivate } = setup()
    const stale = FakeNotification.delivered({ id: inviteNotificationId('inv_1', 'req_old'), title: 'x' })
    const older = FakeNotification.delivered({ id: 'standby-invite-inv_2', title: 'y' })
    await notifier.restore()
    expect(fake.notificationCalls.remove).toEqual([stale.options.id])
    older.pressAction(1)
    expect(onActivate).toHaveBeenCalledWith({
      action: 'decline',
      notification: { ...scheduled, requestId: REQUEST_UNKNOWN },
    })
  })

  it('on Windows a press on an earlier run’s toast of a request the invite’s id no longer has names that request, not the other’s words', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    activateToast({ type: 'action', actionIndex: 0, arguments: inviteNotificationId('inv_1', 'req_old') })
    const [{ action, notification }] = onActivate.mock.calls[0] as [NotificationActivation]
    expect(action).toBe('primary')
    expect(notification).toMatchObject({ kind: 'invite', inviteId: 'inv_1', requestId: 'req_old' })
    expect(notification).not.toMatchObject({ title: instant.title })
  })

  it.each(['darwin', 'win32', 'linux'] as const)(
    'on %s an invite shown again for another request takes the first one’s notification off the screen',
    (platform) => {
      const { notifier } = setup({ platform })
      notifier.show(instant)
      notifier.show({ ...instant, requestId: 'req_other', title: 'Other request' })
      expect(fake.notifications.map((n) => n.onScreen)).toEqual([false, true])
    },
  )

  it('on macOS a press on an earlier run’s reminder, whatever its button, opens its session', async () => {
    const { notifier, onActivate } = setup()
    const earlier = FakeNotification.delivered({
      id: reminderNotificationId('s_earlier', 'req_1'),
      title: 'x',
    })
    await notifier.restore()
    earlier.pressAction(1)
    expect(onActivate.mock.calls.map(([a]) => [a.action, a.notification])).toEqual([
      ['open', expect.objectContaining({ kind: 'reminder', sessionId: 's_earlier' })],
    ])
  })

  it('on macOS a press on this run’s reminder of a session an earlier run reminded of is this run’s, with its buttons', async () => {
    const { notifier, onActivate } = setup()
    FakeNotification.delivered({ id: reminderNotificationId('s1', 'req_1'), title: 'In 30 minutes' })
    await notifier.restore()
    notifier.show(reminder)
    // Start, this reminder's first button; the earlier run's, whose buttons are unknown, would open.
    lastNotification().pressAction(0)
    expect(onActivate.mock.calls).toEqual([[{ action: 'start', notification: reminder }]])
  })

  it('on macOS a press on what this run showed before re-attaching to Notification Center is as it was shown', async () => {
    const { notifier, onActivate } = setup()
    const notice = { kind: 'notice', noticeId: 'disk', title: 'Disk full', body: 'Free some space.' } as const
    notifier.show(notice)
    const shownNotice = lastNotification()
    notifier.show(reminder)
    const shownReminder = lastNotification()
    // getHistory() answers this run's notifications too, each as another object under its id.
    await notifier.restore()
    shownReminder.pressAction(0)
    shownNotice.click()
    expect(onActivate.mock.calls).toEqual([
      [{ action: 'start', notification: reminder }],
      [{ action: 'open', notification: notice }],
    ])
  })

  it('on macOS a click on an earlier run’s message or notice opens the window, as on Windows', async () => {
    const { notifier, onActivate } = setup()
    const message = FakeNotification.delivered({ id: 'b1c2-uuid', title: 'Sam Lee', body: 'Are you there?' })
    const notice = FakeNotification.delivered({ id: noticeNotificationId('disk'), title: 'Disk full' })
    await notifier.restore()
    message.click()
    notice.click()
    expect(onActivate.mock.calls).toEqual([
      [{ action: 'open', notification: { kind: 'notice', title: '', body: '' } }],
      [{ action: 'open', notification: { kind: 'notice', title: '', body: '' } }],
    ])
  })

  it('on macOS takes down an earlier run’s reminder whose session id the cache now has for another request', async () => {
    const { notifier, onActivate } = setup({
      reminderForAnother: (sessionId, requestId) => sessionId === 's1' && requestId === 'req_old',
    })
    const stale = FakeNotification.delivered({ id: reminderNotificationId('s1', 'req_old'), title: 'x' })
    const still = FakeNotification.delivered({ id: reminderNotificationId('s2', 'req_2'), title: 'y' })
    const older = FakeNotification.delivered({ id: 'standby-reminder-s1', title: 'z' })
    await notifier.restore()
    expect(fake.notificationCalls.remove).toEqual([stale.options.id])
    still.pressAction(0)
    older.click()
    expect(onActivate.mock.calls.map(([a]) => a.notification)).toEqual([
      expect.objectContaining({ kind: 'reminder', sessionId: 's2', requestId: 'req_2' }),
      expect.objectContaining({ kind: 'reminder', sessionId: 's1', requestId: REQUEST_UNKNOWN }),
    ])
  })

  it('on Windows a press on an earlier run’s reminder reports the request it was shown for, so the core can refuse it', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    activateToast({ type: 'action', actionIndex: 0, arguments: reminderNotificationId('s1', 'req_old') })
    activateToast({ type: 'click', arguments: 'standby-reminder-s2' })
    expect(onActivate.mock.calls.map(([a]) => [a.action, a.notification])).toEqual([
      ['open', expect.objectContaining({ kind: 'reminder', sessionId: 's1', requestId: 'req_old' })],
      ['open', expect.objectContaining({ kind: 'reminder', sessionId: 's2', requestId: REQUEST_UNKNOWN })],
    ])
  })

  it.each(['darwin', 'win32', 'linux'] as const)(
    'on %s shows, presses once and takes down the notifications of the longest ids the platform sends',
    async (platform) => {
      // As long as the protocol lets an id be: with its prefix, longer than a Windows toast's tag.
      const invite = { ...instant, inviteId: `inv_${'x'.repeat(60)}` }
      const session = { ...reminder, sessionId: `s_${'y'.repeat(62)}` }
      const { notifier, onActivate, onFailed, open } = setup({ platform })
      open.set(invite.inviteId, invite)
      await notifier.restore()
      notifier.show(invite)
      const shownInvite = lastNotification()
      notifier.show(session)
      const shownReminder = lastNotification()
      expect(onFailed).not.toHaveBeenCalled()
      expect([shownInvite.onScreen, shownReminder.onScreen]).toEqual([true, true])
      shownInvite.click()
      if (platform === 'win32') activateToast({ type: 'click', arguments: shownInvite.id })
      expect(onActivate.mock.calls.map(([a]) => [a.action, a.notification])).toEqual([['open', invite]])
      // Another session's reminder keeps its own place: the two ids are not cut to one.
      notifier.show({ ...session, sessionId: `s_${'y'.repeat(61)}z` })
      expect(shownReminder.onScreen).toBe(true)
      notifier.show({ ...session, kind: 'reminder_closed' })
      expect(shownReminder.onScreen).toBe(false)
    },
  )

  it('tells a notification Electron refuses to make (before the app is ready) as one that failed, and throws nothing', () => {
    const { notifier, onFailed, log } = setup()
    fake.app.holdReady()
    expect(() => notifier.show(instant)).not.toThrow()
    expect(onFailed).toHaveBeenCalledWith(instant)
    expect(log.text()).toMatch(/could not be made: Cannot create Notification before app is ready/)
  })

  it('on Windows handles presses on toasts of an earlier run through handleActivation', async () => {
    const { notifier, onActivate, open } = setup({ platform: 'win32' })
    await notifier.restore()
    expect(fake.notificationCalls.handleActivation).toBe(1)
    activateToast({ type: 'action', actionIndex: 1, arguments: inviteNotificationId('inv_1', REQ) })
    activateToast({ type: 'click', arguments: inviteNotificationId('inv_2', REQ) })
    open.delete('inv_1')
    activateToast({ type: 'action', actionIndex: 0, arguments: inviteNotificationId('inv_1', REQ) })
    expect(onActivate.mock.calls.map(([a]) => [a.action, a.notification.kind])).toEqual([
      ['decline', 'invite'],
      ['open', 'invite'],
      // Its invite closed meanwhile: the core is told of the Join, and says what became of it.
      ['primary', 'invite'],
    ])
    // One shown in this run is reported by its own handlers, once.
    onActivate.mockClear()
    notifier.show(scheduled)
    lastNotification().click()
    activateToast({ type: 'click', arguments: inviteNotificationId('inv_2', REQ) })
    expect(onActivate).toHaveBeenCalledOnce()
  })

  it('on Windows a button on an earlier run’s toast whose invite closed, or that is not the signed-in expert’s, still reaches the core, which says why', async () => {
    const heldClosed = new Map<string, AppNotification>([[instant.inviteId, instant]])
    const { notifier, onActivate, open } = setup({
      platform: 'win32',
      findPressedInvite: (inviteId) => heldClosed.get(inviteId) ?? null,
    })
    open.clear()
    await notifier.restore()
    // Taken meanwhile: Join and Decline go to the core with what the cache knows of it.
    activateToast({ type: 'action', actionIndex: 0, arguments: inviteNotificationId('inv_1', REQ) })
    activateToast({ type: 'action', actionIndex: 1, arguments: inviteNotificationId('inv_1', REQ) })
    // Not the signed-in expert's (or no one signed in): a bare invite the core refuses to act on.
    activateToast({ type: 'action', actionIndex: 0, arguments: inviteNotificationId('inv_else', REQ) })
    // A click on its body opens the window, as before.
    activateToast({ type: 'click', arguments: inviteNotificationId('inv_else', REQ) })
    expect(onActivate.mock.calls.map(([a]) => a)).toEqual([
      { action: 'primary', notification: instant },
      { action: 'decline', notification: instant },
      { action: 'primary', notification: expect.objectContaining({ kind: 'invite', inviteId: 'inv_else' }) },
      { action: 'open', notification: expect.objectContaining({ kind: 'notice' }) },
    ])
  })

  it('a press on an earlier run’s notification of an id holding "&" or a quote never acts on the invite or session its start names', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      resetFakeElectron()
      const { notifier, onActivate } = setup({ platform })
      const odd = { ...instant, inviteId: 'inv_1&x' }
      if (platform === 'darwin')
        FakeNotification.delivered({ id: inviteNotificationId(odd.inviteId, REQ), title: 'x' })
      await notifier.restore()
      if (platform === 'darwin') {
        // The earlier run's notification names no open invite: it is taken down, not tied to inv_1.
        expect(fake.notificationCalls.remove).toEqual([inviteNotificationId(odd.inviteId, REQ)])
        continue
      }
      for (const id of ['inv_1&x', 'inv_1"x', "inv_1'x", 'inv_1;x', 'inv_1,x', 'inv_1|x'])
        activateToast({ type: 'action', actionIndex: 1, arguments: inviteNotificationId(id, REQ) })
      notifier.show(reminder)
      lastNotification().timeOut()
      activateToast({ type: 'action', actionIndex: 0, arguments: reminderNotificationId('s1&x', 'req_1') })
      // Inv_1 is open and s1's reminder waits in the Action Center: neither is declined or started.
      expect(onActivate.mock.calls.map(([a]) => a.action)).not.toContain('decline')
      expect(onActivate.mock.calls.map(([a]) => a.action)).not.toContain('start')
      expect(onActivate.mock.calls.map(([a]) => a.notification)).not.toContainEqual(instant)
    }
  })

  it('on Windows reports a press on a reminder once, and one on an earlier run’s reminder opens its session', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    notifier.show(reminder)
    expect(lastNotification().options.id).toBe(reminderNotificationId('s1', 'req_1'))
    lastNotification().pressAction(0)
    expect(onActivate.mock.calls.map(([a]) => a.action)).toEqual(['start'])
    onActivate.mockClear()
    activateToast({ type: 'action', actionIndex: 0, arguments: reminderNotificationId('s_earlier', 'req_1') })
    expect(onActivate.mock.calls.map(([a]) => [a.action, a.notification])).toEqual([
      ['open', expect.objectContaining({ kind: 'reminder', sessionId: 's_earlier' })],
    ])
  })

  it('on Windows a press heard by handleActivation first leaves nothing behind: the same reminder pressed later in the Action Center still counts', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    notifier.show(reminder)
    activateToast({ type: 'click', arguments: reminderNotificationId('s1', 'req_1') })
    lastNotification().click()
    expect(onActivate).toHaveBeenCalledOnce()
    // The 10-minute reminder has the same id; it times out into the Action Center, pressed there.
    notifier.show(reminder)
    lastNotification().dismiss()
    activateToast({ type: 'click', arguments: reminderNotificationId('s1', 'req_1') })
    expect(onActivate).toHaveBeenCalledTimes(2)
    expect(notifier.halfReported).toBe(0)
  })

  it('on Windows Start pressed on the 10-minute reminder in the Action Center counts once, whichever earlier toast of the id Electron hands the button', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    const thirty = { ...reminder, title: 'In 30 minutes', startAllowed: false }
    const ten = { ...reminder, title: 'In 10 minutes', startAllowed: true }
    notifier.show(thirty)
    // Snooze, its second button: Electron keeps the pressed toast (and its object) under the id.
    lastNotification().pressAction(1)
    notifier.show(ten)
    lastNotification().timeOut()
    // Start, from the Action Center: the fake hands the button to the 30-minute one's object.
    lastNotification().pressAction(0)
    expect(onActivate.mock.calls).toEqual([
      [{ action: 'snooze', notification: thirty }],
      [{ action: 'start', notification: ten }],
    ])
  })

  it('on Windows a body click, which only its own toast hears, does not swallow the next button pressed under its id', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    const thirty = { ...reminder, title: 'In 30 minutes', startAllowed: false }
    const ten = { ...reminder, title: 'In 10 minutes', startAllowed: true }
    const now = { ...reminder, title: 'Starting now', moment: 'starting_now', startAllowed: true } as const
    notifier.show(thirty)
    // A click on a toast's body in this run reaches its object alone (windows_toast_notification.cc
    // posts NotificationClicked; only a button or reply goes through handleActivation).
    lastNotification().click()
    notifier.show(ten)
    notifier.show(now)
    // Start: Electron may hand it to the 10-minute toast Standby closed, which has no object left.
    lastNotification().pressAction(0)
    expect(onActivate.mock.calls).toEqual([
      [{ action: 'open', notification: thirty }],
      [{ action: 'start', notification: now }],
    ])
  })

  it.each(['timed out', 'dismissed'] as const)(
    'on Windows takes a toast waiting in the Action Center (%s) out of it when its invite closes or its reminder is withdrawn',
    async (way) => {
      const { notifier, onActivate, invite, remind } = await inActionCenterOnWindows(way)
      expect([invite.onScreen, remind.onScreen]).toEqual([true, true])
      notifier.show(closed('inv_1'))
      notifier.show({
        kind: 'reminder_closed',
        sessionId: 's1',
        bookedStart: 0,
        requestId: 'req_1',
        title: '',
        body: '',
      })
      expect([invite.onScreen, remind.onScreen]).toEqual([false, false])
      expect(onActivate).not.toHaveBeenCalled()
    },
  )

  describe('everything withdrawn (the expert signed out, or another signed in)', () => {
    const message: AppNotification = {
      kind: 'message',
      requestId: 'req_1',
      opens: { kind: 'session', sessionId: 's1' },
      title: 'Sam Lee',
      body: 'Here is my card number',
    }
    const gone: AppNotification = { kind: 'all_withdrawn', title: 'Signed out', body: '' }
    const showEveryKind = (notifier: ReturnType<typeof setup>['notifier']): void => {
      notifier.show(instant)
      notifier.show(reminder)
      notifier.show(message)
      notifier.show({ kind: 'notice', noticeId: 'disk', title: 'Cannot save', body: 'Free some space.' })
      notifier.show({ kind: 'notice', title: 'Sam cancelled', body: 'Query plan' })
    }

    it('takes every kind off the screen on each OS, lets all go, and shows nothing of its own', () => {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        resetFakeElectron()
        const { notifier } = setup({ platform })
        showEveryKind(notifier)
        notifier.show(gone)
        expect(fake.notifications.filter((n) => n.onScreen)).toEqual([])
        expect(fake.notifications).toHaveLength(5)
        expect(notifier.held).toBe(0)
        expect(fake.notificationCalls.removeAll).toBe(platform === 'darwin' ? 1 : 0)
      }
    })

    it.each(['darwin', 'win32', 'linux'] as const)(
      'on %s leaves none on screen, also of those past the cap: the oldest is closed there',
      (platform) => {
        const { notifier } = setup({ platform })
        notifier.show(instant)
        for (let i = 0; i < MAX_HELD_NOTIFICATIONS; i++)
          notifier.show({ ...scheduled, inviteId: `inv_s${i}` })
        // Also on macOS, where one let go would leave Notification Center once collected anyway.
        expect(fake.notifications[0]?.onScreen).toBe(false)
        expect(notifier.held).toBe(MAX_HELD_NOTIFICATIONS)
        notifier.show(gone)
        expect(fake.notifications.filter((n) => n.onScreen)).toEqual([])
      },
    )

    it('on Windows takes toasts that timed out out of the Action Center: a later press there does nothing', async () => {
      const { notifier, onActivate } = setup({ platform: 'win32' })
      await notifier.restore()
      showEveryKind(notifier)
      for (const shown of fake.notifications) shown.timeOut()
      notifier.show(gone)
      expect(fake.notifications.filter((n) => n.onScreen)).toEqual([])
      expect(onActivate).not.toHaveBeenCalled()
    })

    it('on macOS removes what an earlier run left in Notification Center, held again or not', async () => {
      const { notifier, onActivate } = setup()
      const earlierInvite = FakeNotification.delivered({ id: inviteNotificationId('inv_1', REQ), title: 'x' })
      const earlierReminder = FakeNotification.delivered({
        id: reminderNotificationId('s9', 'req_1'),
        title: 'y',
      })
      const earlierMessage = FakeNotification.delivered({ id: 'a-message', title: 'Sam Lee' })
      await notifier.restore()
      notifier.show(gone)
      expect([earlierInvite, earlierReminder, earlierMessage].map((n) => n.onScreen)).toEqual([
        false,
        false,
        false,
      ])
      expect(onActivate).not.toHaveBeenCalled()
    })
  })

  it('on Windows a press on this run’s reminder waiting in the Action Center acts as its button says', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    notifier.show(reminder)
    lastNotification().timeOut()
    activateToast({ type: 'action', actionIndex: 2, arguments: reminderNotificationId('s1', 'req_1') })
    expect(onActivate.mock.calls).toEqual([[{ action: 'snooze', notification: reminder }]])
    expect(notifier.held).toBe(0)
  })

  it('on Windows reports a press on a toast waiting in the Action Center once, through handleActivation', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    notifier.show(instant)
    lastNotification().timeOut()
    activateToast({ type: 'action', actionIndex: 1, arguments: inviteNotificationId('inv_1', REQ) })
    expect(onActivate.mock.calls).toEqual([[{ action: 'decline', notification: instant }]])
    expect(notifier.halfReported).toBe(0)
    expect(notifier.held).toBe(0)
  })

  it('on Windows reports a press in the Action Center once when its own handlers hear it after handleActivation', async () => {
    const { onActivate, invite, remind } = await inActionCenterOnWindows()
    invite.pressAction(1)
    remind.pressAction(2)
    expect(onActivate.mock.calls).toEqual([
      [{ action: 'decline', notification: instant }],
      [{ action: 'snooze', notification: reminder }],
    ])
  })

  it('on Windows keeps a bounded number of presses waiting for their second report, however many never get one', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    await notifier.restore()
    for (let i = 0; i < 1_000; i++) {
      notifier.show({ ...reminder, sessionId: `s${i}` })
      lastNotification().click()
    }
    expect(onActivate).toHaveBeenCalledTimes(1_000)
    expect(notifier.halfReported).toBeLessThanOrEqual(MAX_HELD_NOTIFICATIONS)
  })

  it('on Windows acts on the press that launched the app once it can, not before', async () => {
    const { notifier, onActivate } = setup({ platform: 'win32' })
    activateToast({ type: 'action', actionIndex: 0, arguments: inviteNotificationId('inv_1', REQ) })
    expect(onActivate).not.toHaveBeenCalled()
    await notifier.restore()
    expect(onActivate).toHaveBeenCalledWith({ action: 'primary', notification: instant })
  })

  it('on Windows answers every press made while the app starts, once it can, the one that launched it too', async () => {
    fake.platform = 'win32'
    // The press that launched Standby, on an earlier run's toast.
    activateToast({ type: 'action', actionIndex: 0, arguments: inviteNotificationId('inv_1', REQ) })
    const { notifier, onActivate } = setup({ platform: 'win32' })
    notifier.show(scheduled)
    // Decline on this run's toast, while the runtime still starts (the keychain can take its time).
    lastNotification().pressAction(1)
    expect(onActivate).not.toHaveBeenCalled()
    await notifier.restore()
    expect(onActivate.mock.calls).toEqual([
      [{ action: 'primary', notification: instant }],
      [{ action: 'decline', notification: scheduled }],
    ])
  })

  it('on Windows answers the presses kept while the app started after one whose invite could not be read', async () => {
    fake.platform = 'win32'
    activateToast({ type: 'action', actionIndex: 0, arguments: inviteNotificationId('inv_1', REQ) })
    const damaged = (): never => {
      throw new Error('database disk image is malformed')
    }
    const { notifier, onActivate, log } = setup({ platform: 'win32', findInvite: damaged })
    notifier.show(scheduled)
    lastNotification().pressAction(1)
    await notifier.restore()
    expect(onActivate.mock.calls).toEqual([[{ action: 'decline', notification: scheduled }]])
    expect(log.text()).toContain('Answering a press on a notification failed')
  })

  it('registers no activation handler and reads no history where Electron has none', async () => {
    const { notifier } = setup({ platform: 'linux' })
    await notifier.restore()
    expect(fake.notificationCalls).toEqual({ remove: [], removeAll: 0, getHistory: 0, handleActivation: 0 })
  })

  it('turns a notification the OS refused into a failing health and a fallback for its invite', () => {
    const { notifier, onFailed, log } = setup()
    const healths: NotifierHealth[] = []
    notifier.onHealthChange?.((health) => healths.push(health))
    expect(notifier.health?.()).toEqual({ status: 'ok' })
    notifier.show(instant)
    lastNotification().fail('Notifications are disabled')
    expect(onFailed).toHaveBeenCalledWith(instant)
    expect(notifier.health?.()).toEqual({ status: 'failing', advice: NOTIFICATIONS_FAILING })
    expect(healths).toHaveLength(1)
    expect(log.text()).toContain('A notification could not be shown: Notifications are disabled')
    // The expert allowed Standby and sent a test notification: it shows, and the warning goes.
    notifier.show({ kind: 'notice', title: 'Test', body: '' })
    expect(notifier.health?.()).toEqual({ status: 'ok' })
    expect(healths.map((h) => h.status)).toEqual(['failing', 'ok'])
  })

  it('on Linux turns a refusal that comes out of show() itself (no notification server) into a failing health', () => {
    const { notifier, onFailed } = setup({ platform: 'linux' })
    fake.linuxNotificationRefusal =
      'The name org.freedesktop.Notifications was not provided by any .service files'
    notifier.show(instant)
    expect(onFailed).toHaveBeenCalledWith(instant)
    expect(notifier.health?.()).toEqual({ status: 'failing', advice: NOTIFICATIONS_FAILING })
    expect(notifier.held).toBe(0)
    fake.linuxNotificationRefusal = null
    notifier.show({ kind: 'notice', title: 'Test', body: '' })
    expect(notifier.health?.()).toEqual({ status: 'ok' })
  })

  it('logs a press whose handler throws', () => {
    const { notifier, log } = setup({
      onActivate: () => {
        throw new Error('window gone')
      },
    })
    notifier.show(instant)
    lastNotification().click()
    expect(log.text()).toContain('Handling a notification open failed')
  })

  it('says notifications are unsupported, shows none, and falls back for invites', () => {
    fake.notificationsSupported = false
    const { notifier, onFailed } = setup()
    notifier.show(instant)
    expect(fake.notifications).toHaveLength(0)
    expect(notifier.health?.().status).toBe('unsupported')
    expect(onFailed).toHaveBeenCalledWith(instant)
  })
})
