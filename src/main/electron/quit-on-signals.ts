/**
 * Ctrl-C in the terminal, SIGTERM (a Linux logout, systemd stopping the session, `kill`) and SIGHUP
 * (the terminal it was started from closed) quit Standby as its tray's Quit does, the three Electron
 * itself quits on gracefully. Unheard, they were taken by electron-store's `when-exit`, which
 * raises the signal again once its own work is done: Electron then died without its quit, the cache
 * left for the next start to check and the last settings and window place unwritten.
 */
import { app } from 'electron'
import type { Logger } from '../../shared/logger'
import { HANG_UP_TOO, stopOnSignals } from '../../shared-node/stop-on-signals'

/**
 * Listens on `target` (the process) for SIGINT, SIGTERM and SIGHUP: the first asks Electron to quit, so
 * 'before-quit' and 'will-quit' (the shutdown) run; a second SIGINT or SIGTERM while quitting exits at once. The
 * echo `when-exit` sends of the first is no second signal (stop-on-signals.ts tells them apart).
 */
export function quitOnSignals(
  target: Pick<NodeJS.EventEmitter, 'prependListener' | 'rawListeners'>,
  log: Pick<Logger, 'info' | 'error'>,
): void {
  stopOnSignals(target, {
    // Electron's quit ends the process itself; a quit that a window or listener cancelled leaves
    // the app running, and the next signal then ends it at once.
    stop: () => {
      app.quit()
      return new Promise<void>(() => {})
    },
    log,
    exit: (code) => app.exit(code),
    // The other signals when-exit takes (SIGQUIT, SIGUSR2…) end Standby as they would any process.
    signals: HANG_UP_TOO,
  })
}
