/**
 * Linux (AppImage): electron-updater's restart to update starts the new version itself, at once,
 * and only then quits this copy, whose single-instance lock Electron lets go of only once that quit
 * is over. Kept, the lock turns the new version away (it quits on finding it held) and leaves no
 * Standby at all; so it is let go of just before, and taken back if nothing was started. Windows'
 * installer and macOS's ShipIt start the new version only after this copy has ended, and ShipIt
 * waits for every copy to end: there the lock stays, so no copy started meanwhile holds it up.
 */
import { AppImageUpdater, type AppUpdater } from 'electron-updater'

/** What a restart to update does with the single-instance lock (single-instance.ts). */
export interface InstanceLock {
  /** Lets another copy take the lock while this one is still quitting. */
  readonly release: () => void
  /** Takes it back; false (and this copy quits) if another copy took it meanwhile. */
  readonly claim: () => boolean
}

/** The lock around one restart to update: let go of before it, taken back if it failed at once. */
export interface LockHandOver {
  readonly before: () => void
  readonly failed: () => void
}

/** How `updater`'s restarts hand the lock over: only where the new version starts first. */
export function lockHandOver(updater: AppUpdater, lock: InstanceLock): LockHandOver {
  if (!(updater instanceof AppImageUpdater)) return { before: () => undefined, failed: () => undefined }
  return { before: lock.release, failed: () => void lock.claim() }
}
