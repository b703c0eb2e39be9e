/**
 * Linux (AppImage): electron-updater's restart to update moves the new AppImage into place, starts
 * it without waiting to hear whether it started (a failed start is a promise nobody awaits), says
 * the install went well and quits. A start the system refused (the file not executable, a folder
 * mounted noexec, no room for a process) left no Standby running, and the rejection reached the
 * last resort, which relaunched the old AppImage, already removed. The start is checked as it is
 * made instead: one that failed throws within the install, which electron-updater reports as an
 * 'error' without quitting, so this copy goes on and the expert reads where the new version is.
 */
import { accessSync, constants, statSync } from 'node:fs'
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
    notStarted = notStartedMessage(cmd, startRefusal(cmd))
    throw new Error(notStarted)
  }
}

/** Why the system would not start a file, as far as it says at once (the spawn's reason comes later). */
export type StartRefusal = 'not-executable' | 'noexec-mount' | 'other'

/** How the file at a path is asked about; the real file system's by default. */
export interface FileProbe {
  readonly stat: (path: string) => { readonly mode: number }
  readonly access: (path: string, mode: number) => void
}

const SYSTEM_FILES: FileProbe = { stat: statSync, access: accessSync }

/**
 * Why `path` would not start: no permission to execute it in its own mode bits, or bits that allow
 * it while the system still refuses, which is a folder on a drive mounted noexec (access(2) says
 * EACCES there), or something else the log names.
 */
export function startRefusal(path: string, files: FileProbe = SYSTEM_FILES): StartRefusal {
  try {
    if ((files.stat(path).mode & 0o111) === 0) return 'not-executable'
    files.access(path, constants.X_OK)
    return 'other'
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'noexec-mount' : 'other'
  }
}

/** What the expert reads when the new AppImage at `path` would not start: what happened, what to do. */
export function notStartedMessage(path: string, refusal: StartRefusal): string {
  const installed = `The new version of Standby is in ${path}, but`
  const runsOn = 'This version keeps running.'
  if (refusal === 'not-executable')
    return `${installed} the file is not allowed to run as a program, so it could not be started. ${runsOn} To finish the update, quit Standby, allow the file to run (in its Properties, or chmod +x), then start it.`
  if (refusal === 'noexec-mount')
    return `${installed} its drive is mounted so that no program may run from it (noexec), so it could not be started. ${runsOn} To finish the update, quit Standby, move the file to a folder in your home folder, then start it from there.`
  return `${installed} the system would not start it (the log says why). ${runsOn} To finish the update, quit Standby and start that file yourself.`
}
