/**
 * The notifier as the composition root wires it: made before the runtime (a notice may show while
 * the keychain answers), its presses handed to the runtime once it has started.
 */
import type { Logger } from '../core/ports/logger'
import type { SettingsStore } from '../core/ports/settings'
import type { Runtime } from '../node/runtime/start-runtime'
import { createElectronNotifier, type ElectronNotifier } from './adapters/notifier'
import type { SleepsAndWakes } from './adapters/toast-watch'

/** What the notifier needs from the composition root. */
export interface AppNotifierOptions {
  readonly settings: Pick<SettingsStore, 'get'>
  /** The runtime once it has started. */
  readonly runtime: () => Runtime | undefined
  readonly showWindow: () => void
  /** The computer's sleeps and wakes: a Windows toast is not judged overdue across one. */
  readonly power: SleepsAndWakes
  readonly log: Logger
}

/** The Electron notifier, its presses and failures reported to the runtime. */
export function createAppNotifier(options: AppNotifierOptions): ElectronNotifier {
  const { runtime } = options
  return createElectronNotifier({
    soundEnabled: () => options.settings.get().soundEnabled,
    // A press before the core can act on one (a notice shown while the keychain answers, such as
    // "Standby is still running") opens the window rather than doing nothing.
    onActivate: (activation) => {
      const started = runtime()
      if (started === undefined) options.showWindow()
      else void started.notificationActions.activate(activation)
    },
    onFailed: (notification) => runtime()?.notificationActions.notificationFailed(notification),
    findInvite: (inviteId) => runtime()?.core.earlierInvite(inviteId) ?? null,
    findPressedInvite: (inviteId) => runtime()?.core.heldInvite(inviteId) ?? null,
    reminderForAnother: (sessionId, requestId) =>
      runtime()?.core.reminderForAnother(sessionId, requestId) ?? false,
    power: options.power,
    log: options.log,
  })
}
