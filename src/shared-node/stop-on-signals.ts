/**
 * A plain-Node host stopped from its terminal (Ctrl-C) or by whatever supervises it (SIGTERM)
 * closes what it holds before it exits, as a quit of the app does: without it Node's default ends
 * the process where it stands, and what waits to be written (the settings' last changes, paced
 * to a write a second) is lost, the cache is left for the next start to check, and the port is
 * dropped under a page mid-call.
 */
import type { Logger } from '../shared/logger'

/** The signals a host is asked to stop with. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const

/**
 * Those and SIGHUP: the terminal it was started from closed (on Windows, its console window), or a
 * logout that sends SIGHUP before SIGTERM, as Electron's own handlers read it too. For a host whose
 * settings open conf: its `when-exit` listens for SIGHUP anyway, so `nohup`'s ignoring it is lost
 * there already, and unheard here it ended the host after conf's write alone, the rest unclosed.
 */
export const HANG_UP_TOO = [...STOP_SIGNALS, 'SIGHUP'] as const

/** The exit code of a host whose stop failed, or that was asked again while it stopped. */
export const STOP_FAILED_EXIT_CODE = 1

/** What stopping needs from the host. */
export interface StopOnSignalsOptions {
  /** Closes everything the host holds; its failure is logged and the host exits all the same. */
  stop(): Promise<void>
  readonly log: Pick<Logger, 'info' | 'error'>
  /** Ends the process with this code. */
  readonly exit: (code: number) => void
  /** The signals that stop it: STOP_SIGNALS unless given. */
  readonly signals?: ReadonlyArray<NodeJS.Signals>
}

/**
 * Listens for SIGINT and SIGTERM (or `options.signals`) on `target`: the first runs `stop`, then exits with 0, or with a
 * failure if stopping threw. A second SIGINT or SIGTERM while stopping exits at once (a SIGHUP
 * then does not): someone pressing Ctrl-C again wants it gone now, and a stop that hangs must
 * not keep the process. A listener of the first signal that was there for it alone (once) may
 * send it again: conf's `atomically`, through
 * `when-exit`, runs its own exit work and raises the signal at the process once more, so that it
 * ends as the signal would. That echo, sent while the first signal was handled, is no second
 * Ctrl-C: taken for one, the stop was cut short at every Ctrl-C of the browser shell, its last
 * settings unwritten and its cache left to be checked. Ours listens first, to see the others.
 */
export function stopOnSignals(
  target: Pick<NodeJS.EventEmitter, 'prependListener' | 'rawListeners'>,
  options: StopOnSignalsOptions,
): void {
  // The listeners the first signal found beside ours; null until it comes.
  let firstFound: {
    readonly signal: string
    readonly others: ReturnType<NodeJS.EventEmitter['rawListeners']>
  } | null = null
  let echoes = 0
  const onSignal = (signal: string): void => {
    if (firstFound !== null && signal === 'SIGHUP') {
      // A hang-up is no one asking twice: a logout sends it right after its SIGTERM, and a closed
      // terminal's shell passes its own on to its jobs. Cut short on it, the stop lost its writes.
      options.log.info('SIGHUP while stopping: the stop goes on')
      return
    }
    if (firstFound !== null) {
      const { others } = firstFound
      const now = target.rawListeners(signal)
      const gone =
        signal === firstFound.signal ? others.filter((listener) => !now.includes(listener)).length : 0
      if (echoes < gone) {
        echoes++
        return
      }
      options.log.info(`${signal} again while stopping: stopping at once`)
      options.exit(STOP_FAILED_EXIT_CODE)
      return
    }
    firstFound = { signal, others: target.rawListeners(signal).filter((listener) => listener !== onSignal) }
    options.log.info(`${signal}: stopping`)
    options.stop().then(
      () => options.exit(0),
      (error: unknown) => {
        options.log.error('Stopping did not finish', error)
        options.exit(STOP_FAILED_EXIT_CODE)
      },
    )
  }
  for (const signal of options.signals ?? STOP_SIGNALS) target.prependListener(signal, onSignal)
}
