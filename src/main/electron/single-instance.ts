/** One Standby per user: two would hold two connections and fire every notification twice. */
import { app } from 'electron'
import type { InstanceLock } from './adapters/update-lock-hand-over'

/** Claims the single-instance lock. If another instance holds it, this one quits and gets false. */
export function claimSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true
  app.quit()
  return false
}

/**
 * The lock as a restart to update hands it over (adapters/update-lock-hand-over.ts): let go of
 * while this copy still runs, for the new version an update starts before this copy has quit;
 * claimed back, as at the start, if none was started.
 */
export const singleInstanceLock: InstanceLock = {
  release: () => app.releaseSingleInstanceLock(),
  claim: claimSingleInstance,
}

/**
 * Calls `listener` with the second copy's command line whenever one is started (that copy quits by
 * itself, see above): on Windows and Linux a clicked standby:// link arrives this way.
 */
export function onSecondInstance(listener: (argv: ReadonlyArray<string>) => void): void {
  app.on('second-instance', (_event, argv) => listener(argv))
}
