/**
 * The main process's last resort for errors nothing caught (the policy is `../core/startup/last-resort.ts`).
 * With a listener of its own on `uncaughtException`, Electron shows no modal box with the stack
 * (which may hold a client's words or a path) over an app left in an unknown state; the error goes
 * to the redacted log instead, and the app relaunches once or keeps running and says so.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../shared/clock'
import type { Logger } from '../core/ports/logger'
import type { Notifier } from '../core/ports/notifier'
import {
  createLastResort,
  RELAUNCHED_AFTER_ERROR_FLAG,
  RELAUNCHED_NOTICE,
  type LastResortNotice,
} from '../core/startup/last-resort'
import { errorCode, writeFileAtomicallySync } from '../node/atomic-file'
import type { RelaunchAtQuit } from './relaunch-at-quit'

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
   * The quit's one relaunch (relaunch-at-quit.ts): asked for at the error, started only once the
   * quit is certain. Electron's `app.relaunch` cannot be taken back, and a quit cancelled after it
   * would leave the expert's own Quit hours later starting Standby again unasked.
   */
  readonly relaunch: Pick<RelaunchAtQuit, 'quitAfterError'>
  /** The process to listen on; tests pass their own. */
  readonly process?: Pick<NodeJS.EventEmitter, 'on' | 'off'> & { readonly argv: ReadonlyArray<string> }
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
 * so the cache closes as at any quit, then one Standby starts again with this run's arguments.
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
    relaunch: () => options.relaunch.quitAfterError(),
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
