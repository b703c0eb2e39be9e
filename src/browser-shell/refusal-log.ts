/**
 * The log of what the shell refuses: malformed requests and frames, connections from other
 * origins. Anyone can send those (a web page needs no secret to be refused), so the lines they
 * cost are bounded per window of time: past the bound they are counted, and the count is logged
 * with the first refusal of a later window. A flood can then neither push the rest of the capped
 * log file out nor hold the shell up writing it.
 */
import { steadyNow, type Clock } from '../shared/clock'
import type { Logger } from '../shared/logger'

/** How many refusals are logged per window, and how long a window lasts. */
export interface RefusalLogLimits {
  readonly lines: number
  readonly windowMs: number
}

/** The shell's bound: enough to see what a misbehaving page sends, far from filling the file. */
export const REFUSAL_LOG_LIMITS: RefusalLogLimits = { lines: 50, windowMs: 60_000 }

/**
 * A Logger that writes at most `limits.lines` warnings per window to `log` and counts the rest.
 * Errors and information pass through: they are the shell's own failures, not what it refused.
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
    info: (message, detail) => log.info(message, detail),
    error: (message, detail) => log.error(message, detail),
    warn(message, detail) {
      const now = steadyNow(clock)
      if (now - windowStart >= limits.windowMs) {
        if (skipped > 0) log.warn(`Browser shell: ${skipped} more refusals like those above were not logged.`)
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
      log.warn(last ? `${message} (further refusals are counted, not logged, for a while)` : message, detail)
    },
  }
}
