// Windows: a toast Windows does not take within a bound has its invite shown by the app beside the
// tray (toast-watch.ts). What is no stall must not open it: a sleep, or the toast's own failure told
// after the app already showed what it carried.
import { beforeEach, expect, it, vi } from 'vitest'
import {
  createElectronNotifier,
  NOTIFICATIONS_FAILING,
} from '../../../../../src/main/electron/adapters/notifier'
import { TOAST_CONFIRM_MS, TOAST_TOLD_BOUND_MS } from '../../../../../src/main/electron/adapters/toast-watch'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { fake, raisePendingToasts, resetFakeElectron } from '../../../../support/fake-electron'
import { INSTANT_INVITE } from '../../../../support/invite-notification'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const HOUR = 3_600_000

/** A Windows notifier whose toasts come up when the test says, following the computer's sleeps. */
async function windowsNotifier() {
  fake.platform = 'win32'
  fake.pendingToasts = true
  const clock = new ManualClock(0)
  const power = createPowerHook()
  const onFailed = vi.fn()
  const notifier = createElectronNotifier({
    soundEnabled: () => true,
    onActivate: vi.fn(),
    onFailed,
    findInvite: () => null,
    log: recordingLog(),
    platform: 'win32',
    clock,
    power,
  })
  await notifier.restore()
  return { notifier, onFailed, clock, power }
}

beforeEach(resetFakeElectron)

it('opens nothing for toasts shown as the computer goes to sleep, which Windows makes after the wake', async () => {
  const { notifier, onFailed, clock, power } = await windowsNotifier()
  notifier.show(INSTANT_INVITE)
  power.suspend()
  // Shown between the suspend and the sleep (the suspend is told before it).
  notifier.show({ ...INSTANT_INVITE, inviteId: 'inv_2' })
  clock.sleep(HOUR)
  // At the wake the overdue timers fire before the wake is told, and before Windows' thread runs.
  clock.advance(0)
  power.resume()
  clock.advance(TOAST_TOLD_BOUND_MS - 1)
  raisePendingToasts()
  expect([notifier.health?.().status, onFailed.mock.calls]).toEqual(['ok', []])
  // A toast Windows does not make after the wake is still shown by the app.
  const lost = { ...INSTANT_INVITE, inviteId: 'inv_3' }
  notifier.show(lost)
  clock.advance(TOAST_TOLD_BOUND_MS)
  expect(onFailed.mock.calls).toEqual([[lost]])
})

it('opens an overdue invite once: its toast failing later does not open it again', async () => {
  const { notifier, onFailed, clock } = await windowsNotifier()
  notifier.show(INSTANT_INVITE)
  clock.advance(TOAST_TOLD_BOUND_MS)
  expect(onFailed.mock.calls).toEqual([[INSTANT_INVITE]])
  raisePendingToasts('WinAPI: Show failed')
  expect(onFailed).toHaveBeenCalledTimes(1)
  // Windows told it: the failure is what Settings says now.
  expect(notifier.health?.()).toEqual({ status: 'failing', advice: NOTIFICATIONS_FAILING })
})

it('opens nothing for a toast whose show waited behind a main thread busy past the bound', async () => {
  const { notifier, onFailed, clock } = await windowsNotifier()
  notifier.show(INSTANT_INVITE)
  // Windows took the toast at once; its 'show' waits for the main thread, busy with one long task.
  clock.busy(2 * TOAST_TOLD_BOUND_MS)
  // Free again, the thread fires its overdue timer first, then hears what was queued.
  clock.advance(0)
  raisePendingToasts()
  clock.advance(TOAST_TOLD_BOUND_MS)
  expect([notifier.health?.().status, onFailed.mock.calls]).toEqual(['ok', []])
})

it('still shows what a toast carried when the thread, busy past the bound, hears no show after it', async () => {
  const { notifier, onFailed, clock } = await windowsNotifier()
  notifier.show(INSTANT_INVITE)
  clock.busy(2 * TOAST_TOLD_BOUND_MS)
  clock.advance(0)
  expect(onFailed).not.toHaveBeenCalled()
  // Busy again through the confirming wait: still nothing judged while it cannot have heard.
  clock.busy(2 * TOAST_CONFIRM_MS)
  clock.advance(0)
  expect(onFailed).not.toHaveBeenCalled()
  clock.advance(TOAST_CONFIRM_MS)
  expect(onFailed.mock.calls).toEqual([[INSTANT_INVITE]])
})

it('judges toasts again after a suspend that no wake followed (the sleep called off)', async () => {
  const { notifier, onFailed, clock, power } = await windowsNotifier()
  notifier.show(INSTANT_INVITE)
  power.suspend()
  // The computer never slept: past the bound, running on time, it is seen to be awake; the toast
  // waiting has the whole bound again from then.
  clock.advance(TOAST_TOLD_BOUND_MS)
  expect(onFailed).not.toHaveBeenCalled()
  clock.advance(TOAST_TOLD_BOUND_MS)
  expect(onFailed.mock.calls).toEqual([[INSTANT_INVITE]])
  // The ones after it are judged as before the suspend.
  const next = { ...INSTANT_INVITE, inviteId: 'inv_2' }
  notifier.show(next)
  expect(onFailed.mock.calls).toEqual([[INSTANT_INVITE], [next]])
})

it('judges toasts after a sleep whose wake Windows never told, not before Windows woke', async () => {
  const { notifier, onFailed, clock, power } = await windowsNotifier()
  notifier.show(INSTANT_INVITE)
  power.suspend()
  clock.sleep(HOUR)
  clock.advance(0)
  clock.advance(TOAST_TOLD_BOUND_MS - 1)
  expect(onFailed).not.toHaveBeenCalled()
  const lost = { ...INSTANT_INVITE, inviteId: 'inv_2' }
  notifier.show(lost)
  clock.advance(TOAST_TOLD_BOUND_MS)
  expect(onFailed.mock.calls).toEqual([[INSTANT_INVITE], [lost]])
})

it('still shows what a toast carried while every timer fires late under load that lasts', async () => {
  const { notifier, onFailed, clock } = await windowsNotifier()
  notifier.show(INSTANT_INVITE)
  // Windows makes no toast; the thread lags behind each timer by more than half the confirming wait.
  for (
    let lag = 0;
    lag < 2 * TOAST_TOLD_BOUND_MS && onFailed.mock.calls.length === 0;
    lag += TOAST_CONFIRM_MS
  ) {
    clock.advance(TOAST_CONFIRM_MS - 1)
    clock.busy(TOAST_CONFIRM_MS)
    clock.advance(0)
  }
  expect(onFailed.mock.calls).toEqual([[INSTANT_INVITE]])
  expect(notifier.health?.().status).toBe('failing')
})
