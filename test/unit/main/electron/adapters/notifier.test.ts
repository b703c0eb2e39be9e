import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createElectronNotifier,
  MAX_HELD_NOTIFICATIONS,
  type ElectronNotifierOptions,
} from '../../../../../src/main/electron/adapters/notifier'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import { fake, resetFakeElectron, type FakeNotification } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const instant: AppNotification = {
  kind: 'invite',
  inviteId: 'inv_1',
  title: 'Hooks question',
  body: 'Sam · React',
  instant: true,
}
const scheduled: AppNotification = { ...instant, inviteId: 'inv_2', instant: false }
const reminder = {
  kind: 'reminder',
  sessionId: 's1',
  title: 'In 10 minutes',
  body: 'Schema review',
  moment: 'before',
  bookedStart: 0,
  startAllowed: true,
} as const

function setup(overrides: Partial<Omit<ElectronNotifierOptions, 'log'>> = {}) {
  const options = {
    soundEnabled: vi.fn(() => true),
    onClick: vi.fn<ElectronNotifierOptions['onClick']>(),
    onAction: vi.fn<ElectronNotifierOptions['onAction']>(),
    log: recordingLog(),
    platform: 'darwin' as const,
    ...overrides,
  }
  return { ...options, notifier: createElectronNotifier(options) }
}

function lastNotification(): FakeNotification {
  const notification = fake.notifications.at(-1)
  if (!notification) throw new Error('no notification was created')
  return notification
}

beforeEach(resetFakeElectron)

describe('the Electron notifier', () => {
  it('shows an instant invite with a sound and a Join button on macOS', () => {
    setup().notifier.show(instant)
    const notification = lastNotification()
    expect(notification.shown).toBe(true)
    expect(notification.options).toEqual({
      title: 'Hooks question',
      body: 'Sam · React',
      silent: false,
      urgency: 'critical',
      actions: [{ type: 'button', text: 'Join' }],
    })
  })

  it('offers Join on Windows too, but not on Linux, nor for a scheduled invite', () => {
    setup({ platform: 'win32' }).notifier.show(instant)
    expect(lastNotification().options.actions).toEqual([{ type: 'button', text: 'Join' }])
    setup({ platform: 'linux' }).notifier.show(instant)
    expect(lastNotification().options.actions).toBeUndefined()
    setup().notifier.show(scheduled)
    expect(lastNotification().options).toMatchObject({ urgency: 'normal' })
    expect(lastNotification().options.actions).toBeUndefined()
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

  it('reports a click and a Join with the notification they belong to', () => {
    const { notifier, onClick, onAction } = setup()
    notifier.show(instant)
    const shown = lastNotification()
    shown.pressAction(0)
    expect(onAction).toHaveBeenCalledWith(instant, 'join')
    notifier.show(scheduled)
    lastNotification().click()
    expect(onClick).toHaveBeenCalledWith(scheduled)
    expect(onAction).toHaveBeenCalledOnce()
  })

  it('holds each shown notification until it closes or is acted on, so its handlers survive GC', () => {
    const { notifier } = setup()
    notifier.show(instant)
    notifier.show(scheduled)
    notifier.show(instant)
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

  it('takes an invite off the screen when it closes, and shows nothing in its place', () => {
    const { notifier } = setup()
    notifier.show(instant)
    notifier.show(scheduled)
    notifier.show({
      kind: 'invite_closed',
      inviteId: 'inv_1',
      title: 'Taken',
      body: 'Another expert took it',
    })
    expect(fake.notifications.map((n) => n.closed)).toEqual([true, false])
    expect(notifier.held).toBe(1)
  })

  it('logs a notification the OS refused, and a callback that throws', () => {
    const { notifier, log } = setup({
      onClick: () => {
        throw new Error('window gone')
      },
    })
    notifier.show(instant)
    lastNotification().fail('Notifications are disabled')
    notifier.show(instant)
    lastNotification().click()
    expect(log.text()).toContain('A notification could not be shown: Notifications are disabled')
    expect(log.text()).toContain('Handling a notification click failed')
  })

  it('says once that notifications are unsupported, and shows none', () => {
    fake.notificationsSupported = false
    const { notifier, log } = setup()
    notifier.show(instant)
    notifier.show(instant)
    expect(fake.notifications).toHaveLength(0)
    expect(log.lines).toHaveLength(1)
  })
})
