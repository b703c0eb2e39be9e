/**
 * electron-updater's updater for this OS and package type, as the core's Updater port: it acts
 * only when the update policy says, and leaves a package manager's copy to that manager.
 */
import { app } from 'electron'
import electronUpdater from 'electron-updater'
import type { Logger } from '../core/ports/logger'
import type { Updater } from '../core/ports/updater'
import { createElectronUpdater } from './adapters/electron-updater'
import { runningAppImage } from '../node/app-image'
import { singleInstanceLock } from './single-instance'

/** The app's updater; `onAppImageMoved` hears where an AppImage update put the new version. */
export function createAppUpdater(log: Logger, onAppImageMoved: (path: string) => void): Updater {
  return createElectronUpdater({
    updater: electronUpdater.autoUpdater,
    log,
    // On Linux only the AppImage replaces itself; an APPIMAGE inherited from another app's does not count.
    packageManaged:
      app.isPackaged &&
      process.platform === 'linux' &&
      runningAppImage(process.env, process.execPath) === undefined,
    onAppImageMoved,
    instanceLock: singleInstanceLock,
  })
}
