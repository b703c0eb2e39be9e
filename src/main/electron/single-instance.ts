/** One Standby per user: two would hold two connections and fire every notification twice. */
import { app } from 'electron'

/** Claims the single-instance lock. If another instance holds it, this one quits and gets false. */
export function claimSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true
  app.quit()
  return false
}

/** Calls `listener` whenever a second copy is started (that copy quits by itself, see above). */
export function onSecondInstance(listener: () => void): void {
  app.on('second-instance', () => listener())
}
