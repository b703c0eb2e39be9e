/**
 * The core's Power port on Electron's powerMonitor.
 *
 * - 'suspend' → onSuspend; 'resume' → onResume.
 * - 'unlock-screen' → onResume (issue 3: "on resume from sleep or screen unlock, reconnect at
 *   once"), except for the unlock of a wake: a wake from sleep on macOS and Windows brings 'resume'
 *   and then 'unlock-screen', with 'lock-screen' before the sleep or just after the wake (the
 *   system locking as it wakes), or not at all; the wake's probe covers it, and one is enough.
 * - 'lock-screen' is not a suspend: the machine stays awake and connected, so invites and
 *   reminders keep arriving in the notification centre while the expert is away.
 *
 * - 'lock-screen' / 'unlock-screen' are also passed on as onLock / onUnlock (auto-away).
 * - systemIdleSeconds → `powerMonitor.getSystemIdleTime()`.
 * - screenLocked → `powerMonitor.getSystemIdleState(1) === 'locked'` (macOS and Windows), so a
 *   lock or unlock event that was missed or came out of order is set right.
 *
 * - macOS: a switch to another user ('user-did-resign-active') counts as a lock until the switch
 *   back ('user-did-become-active'), and screenLocked says so meanwhile. macOS sends no
 *   'lock-screen' for it (electron/electron#25039) and the system's idle state does not say
 *   locked, so the expert stayed available, invites raised where no one could see them, while
 *   someone else used the Mac. A switch back to a screen still locked waits for its unlock.
 *   Windows locks the session as another user signs in.
 *
 * Lock and unlock exist on macOS and Windows only; suspend, resume and idle time everywhere.
 * - A network change → onNetworkChange. Electron's main process has no event for it (the
 *   renderer's `online` event only sees the whole machine going off- or online, and needs a
 *   window), so the machine's addresses are watched as in plain Node.
 */
import { powerMonitor } from 'electron'
import { steadyNow, systemClock, type Clock } from '../../../shared/clock'
import type { Logger } from '../../core/ports/logger'
import type { Power } from '../../core/ports/power'
import { Listeners } from '../../../shared/listeners'
import { UNREADABLE_NETWORK, watchNetwork } from '../../node/network-watch'

/** Power events from powerMonitor, plus a way to stop listening to it. */
export interface PowerMonitorPower extends Power {
  /** Removes this adapter's powerMonitor listeners. */
  dispose(): void
}

/**
 * How soon after a 'resume' a lock or an unlock still belongs to the wake: the system locks as it
 * wakes within moments, while an expert who locks the screen does it later.
 */
export const WAKE_LOCK_MS = 5_000

/** Listens to powerMonitor. Create it after `app.whenReady()`: powerMonitor needs the app ready. */
export function createPowerMonitorPower(
  platform: NodeJS.Platform = process.platform,
  log?: Pick<Logger, 'warn'>,
  clock: Clock = systemClock,
): PowerMonitorPower {
  const lockEvents = platform === 'darwin' || platform === 'win32'
  const suspended = new Listeners<void>()
  const resumed = new Listeners<void>()
  const networkChanged = new Listeners<void>()
  const screenLocked = new Listeners<void>()
  const screenUnlocked = new Listeners<void>()
  let locked = false
  let resumedWhileLocked = false
  let resumedAt = Number.NEGATIVE_INFINITY
  const justResumed = (): boolean => steadyNow(clock) - resumedAt < WAKE_LOCK_MS

  const onSuspend = (): void => suspended.emit()
  const onResume = (): void => {
    if (locked) resumedWhileLocked = true
    resumedAt = steadyNow(clock)
    resumed.emit()
  }
  const onLock = (): void => {
    locked = true
    // A lock just after the wake is the system's, as it wakes: its unlock ends the same wake.
    resumedWhileLocked = justResumed()
    screenLocked.emit()
  }
  const onUnlock = (): void => {
    // Within moments of the wake too: its lock event may have been missed or come out of order.
    const alreadyResumed = (locked && resumedWhileLocked) || justResumed()
    locked = false
    resumedWhileLocked = false
    if (!alreadyResumed) resumed.emit()
    screenUnlocked.emit()
  }
  // macOS: another user's session is on screen; held apart from the lock, which the system reads.
  let switchedAway = false
  const onSessionResigned = (): void => {
    switchedAway = true
    onLock()
  }
  const onSessionBack = (): void => {
    if (!switchedAway) return
    switchedAway = false
    // Back to a screen locked before the switch: its own unlock ends the lock, once the expert
    // types their password; told now, the expert came back available at a locked screen.
    if (powerMonitor.getSystemIdleState(1) === 'locked') return
    onUnlock()
  }
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('resume', onResume)
  powerMonitor.on('lock-screen', onLock)
  powerMonitor.on('unlock-screen', onUnlock)
  if (platform === 'darwin') {
    powerMonitor.on('user-did-resign-active', onSessionResigned)
    powerMonitor.on('user-did-become-active', onSessionBack)
  }
  const stopWatching = watchNetwork(
    () => networkChanged.emit(),
    undefined,
    undefined,
    (error) => log?.warn(UNREADABLE_NETWORK, error),
  )

  return {
    onSuspend: (listener) => suspended.add(listener),
    onResume: (listener) => resumed.add(listener),
    onNetworkChange: (listener) => networkChanged.add(listener),
    onLock: (listener) => screenLocked.add(listener),
    onUnlock: (listener) => screenUnlocked.add(listener),
    systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
    // Linux has no lock events, and its answer depends on the desktop: not asked there.
    screenLocked: () => (lockEvents ? switchedAway || powerMonitor.getSystemIdleState(1) === 'locked' : null),
    dispose() {
      stopWatching()
      powerMonitor.removeListener('suspend', onSuspend)
      powerMonitor.removeListener('resume', onResume)
      powerMonitor.removeListener('lock-screen', onLock)
      powerMonitor.removeListener('unlock-screen', onUnlock)
      powerMonitor.removeListener('user-did-resign-active', onSessionResigned)
      powerMonitor.removeListener('user-did-become-active', onSessionBack)
    },
  }
}
