// Windows makes a toast on Electron's background thread: shown, it comes up a moment later. What
// the app takes down in that moment (an invite taken elsewhere, the expert signed out) must not
// come up afterwards, left on screen with no object to close it.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createElectronNotifier,
  NOTIFICATIONS_FAILING,
  TOASTS_STALLED,
} from '../../../../../src/main/electron/adapters/notifier'
import { MOST_TOASTS_COMING } from '../../../../../src/main/electron/adapters/held-notifications'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import {
  activateToast,
  fake,
  type FakeNotification,
  newestMade,
  raisePendingToasts,
  resetFakeElectron,
} from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'
import { ManualClock } from '../../../../../src/shared/clock'
import { TOAST_TOLD_BOUND_MS } from '../../../../../src/main/electron/adapters/toast-watch'
import { INSTANT_INVITE } from '../../../../support/invite-notification'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const invite = INSTANT_INVITE
const taken: AppNotification = {
  kind: 'invite_closed',
  inviteId: 'inv_1',
  requestId: 'req_1',
  reason: 'taken',
  title: 'Closed',
  body: 'Another expert took it.',
}
const halfHourBefore: AppNotification = {
  kind: 'reminder',
  sessionId: 'ses_1',
  requestId: 'req_1',
  title: 'Query plan in 30 min',
  body: 'With Sam Lee',
  moment: 'before',
  bookedStart: 1_800_000,
  startAllowed: false,
}
const tenMinutesBefore: AppNotification = {
  ...halfHourBefore,
  title: 'Query plan in 10 min',
  startAllowed: true,
}

/** A Windows notifier whose toasts come up when the test says, and the actions it reported. */
async function windowsNotifier(clock = new ManualClock(0)) {
  fake.platform = 'win32'
  fake.pendingToasts = true
  const onActivate = vi.fn()
  const onFailed = vi.fn()
  const notifier = createElectronNotifier({
    soundEnabled: () => true,
    onActivate,
    onFailed,
    findInvite: () => null,
    log: recordingLog(),
    platform: 'win32',
    clock,
  })
  await notifier.restore()
  return { notifier, onActivate, onFailed }
}

function lastNotification(): FakeNotification {
  return newestMade(fake.notifications, 'notification')
}

beforeEach(resetFakeElectron)

describe('a Windows toast taken down before it came up', () => {
  it('an invite closed elsewhere meanwhile: its toast leaves as it comes up, and nothing is held', async () => {
    const { notifier } = await windowsNotifier()
    notifier.show(invite)
    const toast = lastNotification()
    notifier.show(taken)
    raisePendingToasts()
    expect(toast.onScreen).toBe(false)
    expect(notifier.held).toBe(0)
  })

  it('every notification at a sign-out: none comes up afterwards', async () => {
    const { notifier } = await windowsNotifier()
    notifier.show(invite)
    notifier.show({ kind: 'notice', title: 'Standby', body: 'Catching up failed', noticeId: 'n1' })
    notifier.show({ kind: 'all_withdrawn', title: 'Signed out', body: 'Signed out here.' })
    raisePendingToasts()
    expect(fake.notifications.filter((shown) => shown.onScreen)).toEqual([])
  })

  it('the same invite shown again before its first toast came up: the first leaves, the newer stays', async () => {
    const { notifier } = await windowsNotifier()
    notifier.show(invite)
    const first = lastNotification()
    notifier.show(invite)
    const newer = lastNotification()
    raisePendingToasts()
    expect([first.onScreen, newer.onScreen, notifier.held]).toEqual([false, true, 1])
    // The newer one is still the app's to take down when the invite closes.
    notifier.show(taken)
    expect(newer.onScreen).toBe(false)
  })

  it('one that came up before the invite closed is taken down at once, as ever', async () => {
    const { notifier } = await windowsNotifier()
    notifier.show(invite)
    raisePendingToasts()
    const toast = lastNotification()
    expect(toast.onScreen).toBe(true)
    notifier.show(taken)
    expect([toast.onScreen, notifier.held]).toEqual([false, 0])
  })

  it('one Windows then refuses: the health says so, and no popover opens on the closed invite', async () => {
    const { notifier, onFailed } = await windowsNotifier()
    notifier.show(invite)
    notifier.show(taken)
    raisePendingToasts('WinAPI: Show failed')
    expect(notifier.health?.().status).toBe('failing')
    expect(onFailed).not.toHaveBeenCalled()
    notifier.show(invite)
    raisePendingToasts('WinAPI: Show failed')
    expect(onFailed).toHaveBeenCalledWith(invite)
  })

  it.each([
    ['as the same invite is shown again: joined, and the newer toast leaves as it comes up', false],
    ['whose newer one of the same invite came up meanwhile: joined, and that one leaves too', true],
  ])('Join pressed on a toast %s', async (_, newerUpFirst) => {
    const { notifier, onActivate } = await windowsNotifier()
    notifier.show(invite)
    raisePendingToasts()
    // The press is posted to Electron's UI thread: the snapshot's showing of the invite comes first.
    const told = lastNotification().pressActionLater(0)
    notifier.show(invite)
    const newer = lastNotification()
    if (newerUpFirst) raisePendingToasts()
    told()
    raisePendingToasts()
    expect(onActivate.mock.calls).toEqual([[{ action: 'primary', notification: invite }]])
    expect([newer.onScreen, notifier.held]).toEqual([false, 0])
  })

  it("a reminder button pressed as the next reminder of its session replaces it: the press is the button pressed, not the newer one's at its place", async () => {
    const { notifier, onActivate } = await windowsNotifier()
    notifier.show(halfHourBefore)
    raisePendingToasts()
    // Open and Snooze on the reminder before the start window opens; Start, Open and Snooze after.
    const openPressed = lastNotification().pressActionLater(0)
    notifier.show(tenMinutesBefore)
    openPressed()
    expect(onActivate.mock.calls).toEqual([[{ action: 'open', notification: halfHourBefore }]])
    notifier.show(halfHourBefore)
    raisePendingToasts()
    const snoozed = lastNotification().pressActionLater(1)
    notifier.show(tenMinutesBefore)
    snoozed()
    expect(onActivate.mock.calls[1]).toEqual([{ action: 'snooze', notification: halfHourBefore }])
  })

  it("a reminder button pressed on the newer reminder once it came up is that one's", async () => {
    const { notifier, onActivate } = await windowsNotifier()
    notifier.show(halfHourBefore)
    raisePendingToasts()
    notifier.show(tenMinutesBefore)
    raisePendingToasts()
    lastNotification().pressAction(0)
    expect(onActivate.mock.calls).toEqual([[{ action: 'start', notification: tenMinutesBefore }]])
  })

  it("a button of an earlier run's reminder told as this run shows one of its id: it opens the session, its buttons unknown", async () => {
    const { notifier, onActivate } = await windowsNotifier()
    notifier.show(tenMinutesBefore)
    const tag = lastNotification().id
    activateToast({ type: 'action', actionIndex: 0, arguments: `type=action&action=0&tag=${tag}` })
    expect(onActivate.mock.calls).toEqual([[{ action: 'open', notification: tenMinutesBefore }]])
  })

  it('toasts that never come up are never let go: past the most that may wait, the app shows the invite itself', async () => {
    const { notifier, onFailed } = await windowsNotifier()
    const shown = Array.from({ length: MOST_TOASTS_COMING }, (_, i) => {
      notifier.show({ ...invite, inviteId: `inv_${i}` })
      notifier.show({ ...taken, inviteId: `inv_${i}` })
      return lastNotification()
    })
    const refused = { ...invite, inviteId: 'inv_late' }
    notifier.show(refused)
    expect([notifier.health?.(), onFailed.mock.calls]).toEqual([
      { status: 'failing', advice: TOASTS_STALLED },
      [[refused]],
    ])
    // Windows makes them at last: each closed before, none stays up.
    raisePendingToasts()
    expect(shown.filter((toast) => toast.onScreen)).toEqual([])
    expect(notifier.health?.().status).toBe('ok')
  })

  it('toasts that stop coming after one failed: Settings says Windows stopped showing them, not to allow them', async () => {
    const { notifier } = await windowsNotifier()
    const heard: unknown[] = []
    notifier.onHealthChange?.((health) => heard.push(health))
    notifier.show(invite)
    raisePendingToasts('WinAPI: Show failed')
    for (let i = 0; i <= MOST_TOASTS_COMING; i += 1) notifier.show({ ...invite, inviteId: `inv_${i}` })
    expect(notifier.health?.()).toEqual({ status: 'failing', advice: TOASTS_STALLED })
    expect(heard).toEqual([
      { status: 'failing', advice: NOTIFICATIONS_FAILING },
      { status: 'failing', advice: TOASTS_STALLED },
    ])
  })

  it('a first toast Windows never makes: the app shows its invite itself once it waited too long, and the next at once', async () => {
    const clock = new ManualClock(0)
    const { notifier, onFailed } = await windowsNotifier(clock)
    notifier.show(invite)
    clock.advance(TOAST_TOLD_BOUND_MS - 1)
    expect([notifier.health?.().status, onFailed.mock.calls]).toEqual(['ok', []])
    clock.advance(1)
    expect([notifier.health?.(), onFailed.mock.calls]).toEqual([
      { status: 'failing', advice: TOASTS_STALLED },
      [[invite]],
    ])
    // The next is not queued behind it: shown by the app at once, no toast made.
    const made = fake.notifications.length
    const next = { ...invite, inviteId: 'inv_2' }
    notifier.show(next)
    expect(onFailed.mock.calls.at(-1)).toEqual([next])
    expect(fake.notifications).toHaveLength(made)
    // Windows makes toasts again: the next one is a toast.
    raisePendingToasts()
    expect(notifier.health?.().status).toBe('ok')
    notifier.show({ ...invite, inviteId: 'inv_3' })
    expect(fake.notifications).toHaveLength(made + 1)
    expect(onFailed).toHaveBeenCalledTimes(2)
  })

  it('a toast taken down before its bound is not shown by the app; none is shown into a quit', async () => {
    const clock = new ManualClock(0)
    const { notifier, onFailed } = await windowsNotifier(clock)
    notifier.show(invite)
    notifier.show(taken)
    clock.advance(TOAST_TOLD_BOUND_MS)
    expect([notifier.health?.().status, onFailed.mock.calls]).toEqual(['failing', []])
    raisePendingToasts()
    notifier.show({ ...invite, inviteId: 'inv_2' })
    notifier.quitting()
    clock.advance(TOAST_TOLD_BOUND_MS)
    expect(onFailed).not.toHaveBeenCalled()
  })

  it('toasts Windows tells in time raise nothing, however many', async () => {
    const clock = new ManualClock(0)
    const { notifier, onFailed } = await windowsNotifier(clock)
    for (let i = 0; i < 5; i += 1) {
      notifier.show({ ...invite, inviteId: `inv_${i}` })
      clock.advance(TOAST_TOLD_BOUND_MS - 1)
      raisePendingToasts()
    }
    clock.advance(TOAST_TOLD_BOUND_MS)
    expect([notifier.health?.().status, onFailed.mock.calls]).toEqual(['ok', []])
  })
})
