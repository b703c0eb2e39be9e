/**
 * Linux (AppImage): electron-updater's restart to update moves the new AppImage into place, starts
 * it without waiting to hear whether it started (a failed start is a promise nobody awaits), says
 * the install went well and quits. A start the system refused (the file not executable, a folder
 * mounted noexec, no room for a process) left no Standby running, and the rejection reached the
 * last resort, which relaunched the old AppImage, already removed. The start is checked as it is
 * made instead: one that failed throws within the install, which electron-updater reports as an
 * 'error' without quitting, so this copy goes on and the expert reads where the new version is.
 */
import { accessSync, constants } from 'node:fs'
import { spawn, type StdioOptions } from 'node:child_process'
import { AppImageUpdater, type AppUpdater } from 'electron-updater'
import { errorMessage } from '../../../shared/error-message'

/** How electron-updater starts the new AppImage (protected in its types). */
interface WithSpawnLog {
  spawnLog(cmd: string, args?: string[], env?: NodeJS.ProcessEnv, stdio?: StdioOptions): Promise<boolean>
}

/**
 * Has `updater`'s restarts fail, this copy still running, when the new AppImage cannot be started;
 * and, once an update moved the AppImage, has this run's APPIMAGE name the file now on disk, which
 * the next install replaces and a relaunch after an error starts (the old name is gone).
 */
export function checkAppImageStart(updater: AppUpdater): void {
  if (!(updater instanceof AppImageUpdater)) return
  updater.on('appimage-filename-updated', (path) => {
    process.env['APPIMAGE'] = path
  })
  // What the failed start said: pressed again, the restart says it again rather than that the
  // download is gone (it is in place, only not started).
  let notStarted: string | null = null
  const install = updater.install.bind(updater)
  updater.install = (isSilent, isForceRunAfter) => {
    if (notStarted === null) return install(isSilent, isForceRunAfter)
    updater.emit('error', new Error(notStarted))
    return false
  }
  ;(updater as unknown as WithSpawnLog).spawnLog = (cmd, args = [], env, stdio = 'ignore') => {
    // A start the system refuses at once (an unknown option) throws here, as wanted.
    const child = spawn(cmd, args, { stdio, env, detached: true })
    if (child.pid !== undefined) {
      child.unref()
      return Promise.resolve(true)
    }
    // Node says why only on the next tick, as an 'error' nobody else would hear.
    child.once('error', (error) =>
      updater.logger?.warn(`The new AppImage did not start: ${errorMessage(error)}`),
    )
    notStarted = `The new version of Standby is installed as ${cmd} but could not be started (${whyNotStarted(cmd)}), so this version keeps running. Quit Standby and start that file yourself (if it will not start, make it executable in its Properties first).`
    throw new Error(notStarted)
  }
}

/** What the system says about running `path`; the spawn's own reason comes only later. */
function whyNotStarted(path: string): string {
  try {
    accessSync(path, constants.X_OK)
    return 'the system refused to start it; the log says why'
  } catch (error) {
    return errorMessage(error)
  }
}
