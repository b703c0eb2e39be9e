/**
 * What a quit closes. The app can be told to quit at any point of its start (the tray's Quit, a
 * restart to update, the OS logging out) and the process ends soon after: whatever was opened so
 * far is closed then, once, and what is opened after the quit is closed as it comes.
 */
import { errorMessage } from '../../../shared/error-message'
import type { Logger } from '../ports/logger'

/** The closers of what is open, run once at the quit. */
export interface Shutdown {
  /** Whether the quit has closed everything; a start still under way stops at the next step. */
  readonly done: boolean
  /** Close `close` at the quit; at once when the quit has already come. `what` names it in the log. */
  add(what: string, close: () => void): void
  /** Close everything added, the last opened first, each once; a failing one is logged, never thrown. */
  run(): void
}

/** A shutdown that logs the closers that fail. */
export function createShutdown(log: Logger): Shutdown {
  const closers: { what: string; close: () => void }[] = []
  let done = false
  const closeOne = (what: string, close: () => void): void => {
    try {
      close()
    } catch (error) {
      // The quit goes on: what could not be closed costs the next start at most a check.
      log.warn(`Could not close ${what} at quit: ${errorMessage(error)}`)
    }
  }
  return {
    get done() {
      return done
    },
    add(what, close) {
      if (done) closeOne(what, close)
      else closers.push({ what, close })
    },
    run() {
      if (done) return
      done = true
      for (const { what, close } of closers.splice(0).reverse()) closeOne(what, close)
    },
  }
}
