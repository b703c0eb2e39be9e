/**
 * The log of what a host refuses at its edge: malformed calls and frames, callers that are not
 * our own pages, connections from other origins. Whoever sends those decides how many there are
 * (a web page needs no secret to be refused by the browser shell), so the lines they cost are
 * bounded per window of time: past the bound they are counted, and the count is logged with the
 * first refusal of a later window. A flood can then neither push the rest of the capped log file
 * out nor hold the host up writing it.
 */
import { steadyNow, type Clock } from '../../../shared/clock'
import type { Logger } from '../../../shared/logger'

/** How many refusals are logged per window, and how long a window lasts. */
export interface RefusalLogLimits {
  readonly lines: number
  readonly windowMs: number
}

/** The hosts' bound: enough to see what a misbehaving page sends, far from filling the file. */
export const REFUSAL_LOG_LIMITS: RefusalLogLimits = { lines: 50, windowMs: 60_000 }

/**
 * A Logger that writes at most `limits.lines` warnings per window to `log` and counts the rest.
 * Errors and information pass through: they are the host's own failures, not what it refused.
 */
export function createRefusalLog(
  log: Logger,
  clock: Clock,
  limits: RefusalLogLimits = REFUSAL_LOG_LIMITS,
): Logger {
  let windowStart = steadyNow(clock)
  let written = 0
  let skipped = 0
  return {
    // Spread, so a line without detail reaches `log` as one, as if written to it directly.
    info: (...entry) => log.info(...entry),
    error: (...entry) => log.error(...entry),
    warn(message, ...detail) {
      const now = steadyNow(clock)
      if (now - windowStart >= limits.windowMs) {
        if (skipped > 0) log.warn(`${skipped} more refusals like those above were not logged.`)
        windowStart = now
        written = 0
        skipped = 0
      }
      if (written >= limits.lines) {
        skipped++
        return
      }
      written++
      const last = written === limits.lines
      log.warn(
        last ? `${message} (further refusals are counted, not logged, for a while)` : message,
        ...detail,
      )
    },
  }
}
