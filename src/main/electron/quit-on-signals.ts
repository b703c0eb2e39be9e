/**
 * Ctrl-C in the terminal and SIGTERM (a Linux logout, systemd stopping the session, `kill`) quit
 * Standby as its tray's Quit does. Unheard, they were taken by electron-store's `when-exit`, which
 * raises the signal again once its own work is done: Electron then died without its quit, the cache
 * left for the next start to check and the last settings and window place unwritten.
 */
import { app } from 'electron'
import type { Logger } from '../../shared/logger'
import { stopOnSignals } from '../../shared-node/stop-on-signals'

/**
 * Listens on `target` (the process) for SIGINT and SIGTERM: the first asks Electron to quit, so
 * 'before-quit' and 'will-quit' (the shutdown) run; a second while quitting exits at once. The
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
  })
}
