// Windows: a toast Windows does not take within a bound has its invite shown by the app beside the
// tray (toast-watch.ts). Its own failure told after the app already showed what it carried opens it
// no second time.
import { beforeEach, expect, it, vi } from 'vitest'
import {
  createElectronNotifier,
  NOTIFICATIONS_FAILING,
} from '../../../../../src/main/electron/adapters/notifier'
import { TOAST_TOLD_BOUND_MS } from '../../../../../src/main/electron/adapters/toast-watch'
import { ManualClock } from '../../../../../src/shared/clock'
import { fake, raisePendingToasts, resetFakeElectron } from '../../../../support/fake-electron'
import { INSTANT_INVITE } from '../../../../support/invite-notification'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

/** A Windows notifier whose toasts come up when the test says, the invites the app showed itself. */
async function windowsNotifier() {
  fake.platform = 'win32'
  fake.pendingToasts = true
  const clock = new ManualClock(0)
  const onFailed = vi.fn()
  const notifier = createElectronNotifier({
    soundEnabled: () => true,
    onActivate: vi.fn(),
    onFailed,
    findInvite: () => null,
    log: recordingLog(),
    platform: 'win32',
    clock,
  })
  await notifier.restore()
  return { notifier, onFailed, clock }
}

beforeEach(resetFakeElectron)

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
