/** One Standby per user: two would hold two connections and fire every notification twice. */
import { app } from 'electron'

/** Claims the single-instance lock. If another instance holds it, this one quits and gets false. */
export function claimSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true
  app.quit()
  return false
}

/**
 * Calls `listener` with the second copy's command line whenever one is started (that copy quits by
 * itself, see above): on Windows and Linux a clicked standby:// link arrives this way.
 */
export function onSecondInstance(listener: (argv: ReadonlyArray<string>) => void): void {
  app.on('second-instance', (_event, argv) => listener(argv))
}
