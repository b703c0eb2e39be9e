/**
 * A window whose page page-recovery gave up on stays empty or frozen until the expert next opens
 * it after the bound; the log says so, but the expert reads no log. A box tells them once, with
 * what to do.
 */
import { dialog } from 'electron'
import type { Logger } from '../../shared/logger'

/** What the box says; `logFolder` is named so the expert can find the log for support. */
export function pageLostWords(
  view: 'main' | 'popover',
  logFolder: string | undefined,
): { message: string; detail: string } {
  const what = view === 'popover' ? 'Standby’s tray popover' : 'Standby’s window'
  const where = logFolder === undefined ? '' : ` The log is in ${logFolder}.`
  return {
    message: `${what} could not load`,
    detail:
      'Its page stopped or failed to load again and again, so Standby stopped reloading it for now. ' +
      'Standby loads it again when you next open it after a minute; if it stays empty, quit Standby from ' +
      `its tray icon and start it again. If this keeps happening, send the log to support.${where}`,
  }
}

/**
 * Returns what to call when a window's page is given up on: it shows the box the first time
 * (each later failure of the same page would only repeat it) and logs a box that cannot show.
 */
export function pageLostNotice(
  view: 'main' | 'popover',
  options: { readonly logFolder?: string | undefined; readonly log: Logger },
): () => void {
  let told = false
  return () => {
    if (told) return
    told = true
    const words = pageLostWords(view, options.logFolder)
    void dialog
      .showMessageBox({ type: 'error', title: 'Standby', buttons: ['OK'], ...words })
      .catch((error: unknown) => options.log.warn(`Could not say that ${words.message}`, error))
  }
}
