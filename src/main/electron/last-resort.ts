/**
 * The main process's last resort for errors nothing caught (the policy is `../core/startup/last-resort.ts`).
 * With a listener of its own on `uncaughtException`, Electron shows no modal box with the stack
 * (which may hold a client's words or a path) over an app left in an unknown state; the error goes
 * to the redacted log instead, and the app relaunches once or keeps running and says so.
 */
import { app } from 'electron'
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../shared/clock'
import type { Logger } from '../core/ports/logger'
import type { Notifier } from '../core/ports/notifier'
import {
  createLastResort,
  relaunchArgs,
  RELAUNCHED_AFTER_ERROR_FLAG,
  RELAUNCHED_NOTICE,
  type LastResortNotice,
} from '../core/startup/last-resort'
import { errorMessage } from '../../shared/error-message'
import { errorCode, writeFileAtomicallySync } from '../node/atomic-file'
import { runningAppImage } from '../node/app-image'

/** The file in userData that records when the app last relaunched after an unexpected error. */
export const RELAUNCH_RECORD_FILE = 'last-error-relaunch.json'

/** More than a record ever holds: a longer file is read this far, found no record, and replaced. */
const RECORD_MAX_BYTES = 256

/** What the last resort needs from the composition root. */
export interface LastResortOptions {
  readonly userData: string
  readonly log: Logger
  readonly clock: Pick<Clock, 'now'>
  /** Whether a quit is under way (quit-state.ts): an error during it brings no relaunch. */
  readonly quitting: () => boolean
  /**
   * electron-updater's updater, asked for only at a relaunch: an update waiting to install at quit
   * would install as this run exits, racing the relaunched run (Windows' silent installer finds it
   * running and ends it, or cannot replace its files, and starts nothing after; an AppImage is
   * replaced as it starts). macOS's Squirrel holds its update already and is left to it.
   */
  readonly updater?: () => { autoInstallOnAppQuit: boolean }
  /** The process to listen on; tests pass their own. */
  readonly process?: Pick<NodeJS.EventEmitter, 'on' | 'off'> &
    Pick<NodeJS.Process, 'env' | 'execPath'> & { readonly argv: ReadonlyArray<string> }
}

/** The installed last resort. */
export interface InstalledLastResort {
  /**
   * From now on the expert is told through `notifier`: first why this run started, if it was
   * relaunched after an error, then what the last resort had to say before the notifier existed.
   */
  tellThrough(notifier: Pick<Notifier, 'show'>): void
  /** Stops listening. */
  stop(): void
}

/**
 * Listens for uncaught exceptions and unhandled rejections on the process. A relaunch is a quit,
 * so the cache closes as at any quit, then Electron's `app.relaunch` with this run's arguments.
 */
export function installLastResort(options: LastResortOptions): InstalledLastResort {
  const target = options.process ?? process
  // An error early in the start comes before the notifier: what it has to say waits for it, or a
  // run that keeps going after such an error would never say so.
  const tells: { notifier?: Pick<Notifier, 'show'>; waiting?: LastResortNotice } = {}
  const recordPath = join(options.userData, RELAUNCH_RECORD_FILE)
  const lastResort = createLastResort({
    log: options.log,
    clock: options.clock,
    quitting: options.quitting,
    readRecord: () => readIfThere(recordPath),
    writeRecord: (record) => {
      mkdirSync(options.userData, { recursive: true, mode: 0o700 })
      writeFileAtomicallySync(recordPath, record)
    },
    relaunch: () => relaunchAtQuit(target, options),
    tell: (notice) => {
      if (tells.notifier === undefined) tells.waiting = notice
      else tells.notifier.show(notice)
    },
  })
  const onException = (error: unknown): void => lastResort.uncaughtException(error)
  const onRejection = (reason: unknown): void => lastResort.unhandledRejection(reason)
  target.on('uncaughtException', onException)
  target.on('unhandledRejection', onRejection)
  return {
    tellThrough(notifier) {
      tells.notifier = notifier
      if (target.argv.includes(RELAUNCHED_AFTER_ERROR_FLAG)) notifier.show(RELAUNCHED_NOTICE)
      if (tells.waiting !== undefined) notifier.show(tells.waiting)
      tells.waiting = undefined
    },
    stop() {
      target.off('uncaughtException', onException)
      target.off('unhandledRejection', onRejection)
    },
  }
}

/**
 * Quits, and starts the app again once that quit is certain. Electron's `app.relaunch` cannot be
 * taken back: it starts a helper at once that launches the app whenever this process ends. Asked
 * for at the error, a quit then cancelled (a window's close or a 'will-quit' prevented, which
 * Electron does without a word) would leave it waiting, and the expert's own Quit hours later
 * would start Standby again unasked. So it is asked for at 'quit', which Electron emits only once
 * nothing can stop the quit; a quit that begins after this one means this one was cancelled, and
 * it goes without a relaunch.
 */
function relaunchAtQuit(target: NonNullable<LastResortOptions['process']>, options: LastResortOptions): void {
  const relaunchNow = (): void => {
    app.off('before-quit', dropRelaunch)
    try {
      // An AppImage's executable is inside its mount, which is gone once this run exits: the
      // AppImage file itself starts again.
      const appImage = runningAppImage(target.env, target.execPath)
      const args = relaunchArgs(target.argv.slice(1))
      // The update waits for the next quit, and the relaunched run finds it downloaded. Set here,
      // ahead of electron-updater's own 'quit' listener, so a cancelled quit leaves it as it was.
      const updater = options.updater?.()
      if (updater !== undefined) updater.autoInstallOnAppQuit = false
      app.relaunch(appImage === undefined ? { args } : { args, execPath: appImage })
    } catch (error) {
      options.log.warn(`Standby could not relaunch after an unexpected error: ${errorMessage(error)}`)
    }
  }
  const dropRelaunch = (): void => {
    app.off('quit', relaunchNow)
    options.log.info(
      'The quit to relaunch after an unexpected error was cancelled: this quit does not relaunch',
    )
  }
  // First of the 'quit' listeners: electron-updater installs a waiting update in one of its own.
  app.prependOnceListener('quit', relaunchNow)
  app.quit()
  // Electron emits a quit's 'before-quit' within `app.quit()`: one heard from now on is a new quit.
  // (Were it ever emitted later, this quit would drop its relaunch: an app that stays quit, never
  // one that comes back unasked.)
  app.once('before-quit', dropRelaunch)
}

/**
 * The file's text, at most RECORD_MAX_BYTES of it; null when there is none. Throws for anything
 * at the path that is not a regular file: a named pipe, opened plainly, would wait for a writer
 * that never comes and hold the main process at its last resort.
 */
function readIfThere(path: string): string | null {
  let fd: number
  try {
    // Non-blocking, so a named pipe opens at once and is refused below. Windows has no such flag.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`)
    const bytes = Buffer.alloc(RECORD_MAX_BYTES)
    return bytes.subarray(0, readSync(fd, bytes, 0, RECORD_MAX_BYTES, 0)).toString('utf8')
  } finally {
    closeSync(fd)
  }
}
