/**
 * A start that failed ends in a dialog that says what failed and what to do, then the app exits:
 * a tray app that quits silently looks as if it never launched. The words come from the core.
 */
import { app, dialog } from 'electron'
import { describeStartupFailure } from '../core/startup/startup-failure'
import type { Logger } from '../node/log'

/**
 * Logs `error`, closes what the start opened (`closeOpened`), shows the dialog, and exits with a
 * failure code; the exit happens whatever throws (the log, the closing, the dialog), or the app
 * would stay running with no window, saying nothing.
 */
export function failStartup(
  error: unknown,
  context: {
    readonly log: Logger
    readonly logPath: string | null
    /**
     * Ends what the start opened, as a quit does: app.exit emits neither before-quit nor
     * will-quit, and the tray still takes clicks while the modal box shows.
     */
    readonly closeOpened?: () => void
  },
): void {
  const logged = (message: string, detail: unknown): void => {
    try {
      context.log.error(message, detail)
    } catch {
      // The dialog still says it.
    }
  }
  logged('Standby could not start', error)
  try {
    try {
      context.closeOpened?.()
    } catch (closing) {
      logged('Could not close what the start opened', closing)
    }
    const failure = describeStartupFailure(error, { logPath: context.logPath, packaged: app.isPackaged })
    try {
      dialog.showErrorBox(failure.title, failure.message)
    } catch (shown) {
      logged(`Could not show the start-up failure: ${failure.title}. ${failure.message}`, shown)
    }
  } finally {
    app.exit(1)
  }
}
