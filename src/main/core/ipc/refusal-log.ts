/**
 * The log of what a host refuses at its edge: malformed calls and frames, callers that are not
 * our own pages, connections from other origins, and the calls of its pages that fail. Whoever sends those decides how many there are
 * (a web page needs no secret to be refused by the browser shell), so the lines they cost are
 * bounded per window of time: past the bound they are counted, and the count is logged as the
 * window ends. A flood can then neither push the rest of the capped log file
 * out nor hold the host up writing it.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import type { Logger } from '../../../shared/logger'

/** How many refusals are logged per window, and how long a window lasts. */
export interface RefusalLogLimits {
  readonly lines: number
  readonly windowMs: number
}

/** The hosts' bound: enough to see what a misbehaving page sends, far from filling the file. */
export const REFUSAL_LOG_LIMITS: RefusalLogLimits = { lines: 50, windowMs: 60_000 }

/** A bounded Logger that is closed at quit. */
export interface RefusalLog extends Logger {
  /**
   * Says now how many lines each window left out and waits for no window's end any more: a timer
   * left for it would outlive the quit, and its count would never be written.
   */
  close(): void
}

/** One level's bounded lines, and the close of its window's wait. */
interface BoundedLines {
  readonly write: Logger['warn']
  readonly close: () => void
}

/**
 * A Logger that writes at most `limits.lines` warnings, and as many errors, per window to `log`
 * and counts the rest. Errors are the host's own failures, but a page decides how often it calls a
 * handler that fails (a storage fault, a sentence it is told), so they are bounded too, counted on
 * their own so a flood of refusals never hides one. Information passes through.
 */
export function createRefusalLog(
  log: Logger,
  clock: Clock,
  limits: RefusalLogLimits = REFUSAL_LOG_LIMITS,
): RefusalLog {
  const warn = boundedLines(log, clock, limits, 'warn', 'refusals')
  const error = boundedLines(log, clock, limits, 'error', 'failures')
  return {
    // Spread, so a line without detail reaches `log` as one, as if written to it directly.
    info: (...entry) => log.info(...entry),
    warn: warn.write,
    error: error.write,
    close: () => {
      warn.close()
      error.close()
    },
  }
}

/** Writes at most `limits.lines` lines of `level` per window to `log`; the rest are counted as `what`. */
function boundedLines(
  log: Logger,
  clock: Clock,
  limits: RefusalLogLimits,
  level: 'warn' | 'error',
  what: string,
): BoundedLines {
  let windowStart = steadyNow(clock)
  let written = 0
  let skipped = 0
  let windowEnd: TimerHandle | undefined
  let closed = false
  const endWindow = (now: number): void => {
    windowEnd?.cancel()
    windowEnd = undefined
    if (skipped > 0) log[level](`${skipped} more ${what} like those above were not logged.`)
    windowStart = now
    written = 0
    skipped = 0
  }
  const close = (): void => {
    closed = true
    endWindow(steadyNow(clock))
  }
  const write: Logger['warn'] = (message, ...detail) => {
    const now = steadyNow(clock)
    if (now - windowStart >= limits.windowMs) endWindow(now)
    if (written >= limits.lines) {
      // Said as the window ends: a flood that stops may be followed by no line to say it with.
      if (skipped++ === 0 && !closed)
        windowEnd = clock.setTimeout(() => endWindow(steadyNow(clock)), windowStart + limits.windowMs - now)
      return
    }
    written++
    const last = written === limits.lines
    log[level](
      last ? `${message} (further ${what} are counted, not logged, for a while)` : message,
      ...detail,
    )
  }
  return { write, close }
}
