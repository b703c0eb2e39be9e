/**
 * macOS: electron-updater's quitAndInstall, called before Squirrel has fetched the update, waits
 * for Electron's autoUpdater (its `nativeUpdater`) to say 'update-downloaded' and restarts then,
 * through a listener it adds at each call and never removes: "Restart to update" pressed three
 * times would wait three times, and restart as often. Around each call, a listener it adds while
 * one of its waits is still there is taken off again, so it waits once and restarts once. Other
 * systems' updaters install at once and have no native updater: the call goes through untouched.
 */
import type { EventEmitter } from 'node:events'
import type { AppUpdater } from 'electron-updater'

const DOWNLOADED = 'update-downloaded'

/** Runs electron-updater's quitAndInstall so that at most one wait for Squirrel is ever added. */
export function oneSquirrelWait(updater: AppUpdater): (quitAndInstall: () => void) => void {
  const native = (updater as unknown as { readonly nativeUpdater?: EventEmitter }).nativeUpdater
  let waiting: ((...args: unknown[]) => void) | null = null
  return (quitAndInstall) => {
    if (native === undefined) return quitAndInstall()
    const before = new Set(native.listeners(DOWNLOADED))
    try {
      quitAndInstall()
    } finally {
      for (const added of native.listeners(DOWNLOADED)) {
        if (before.has(added)) continue
        const stillWaits = waiting !== null && native.listeners(DOWNLOADED).includes(waiting)
        if (stillWaits) native.removeListener(DOWNLOADED, added as (...args: unknown[]) => void)
        else waiting = added as (...args: unknown[]) => void
      }
    }
  }
}
