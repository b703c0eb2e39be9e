/**
 * A bound on repeated log lines. Many lines are written on a client's say-so (a refused handshake,
 * a wrong room key, a refused command), so a client looping one of them could fill the operator's
 * disk and bury every other line. Each message is written at most so many times per window; the
 * rest are counted and the count is written once when the window closes, so nothing goes unsaid.
 */
import type { Clock, TimerHandle } from '../../src/shared/clock'
import type { Logger } from './logger'

/** How many lines of one message a window may hold. */
export interface LogBound {
  readonly linesPerMessage: number
  readonly windowMs: number
}

/** Room for every ordinary burst (an expert fleet signing in at a restart), none for a loop. */
export const defaultLogBound: LogBound = { linesPerMessage: 50, windowMs: 60_000 }

type Level = keyof Logger

/** A logger that bounds repeats; `close` writes what the open window left out. */
export interface BoundedLogger extends Logger {
  close(): void
}

/** Wrap `inner` so that each message is written at most `bound.linesPerMessage` times per window. */
export function boundRepeats(inner: Logger, clock: Clock, bound: LogBound = defaultLogBound): BoundedLogger {
  // Messages are fixed sentences with the variable parts in fields, so these keys are few; the
  // map is emptied at the end of every window all the same.
  const seen = new Map<string, { level: Level; message: string; written: number; left: number }>()
  let timer: TimerHandle | undefined
  const flush = (): void => {
    timer = undefined
    for (const { level, message, left } of seen.values()) {
      if (left === 0) continue
      inner[level](`${message} (repeated: ${left} more such lines were left out)`, {
        windowMs: bound.windowMs,
      })
    }
    seen.clear()
  }
  const write = (level: Level, message: string, detail?: unknown): void => {
    timer ??= clock.setTimeout(flush, bound.windowMs)
    const key = `${level} ${message}`
    let entry = seen.get(key)
    if (entry === undefined) seen.set(key, (entry = { level, message, written: 0, left: 0 }))
    if (entry.written >= bound.linesPerMessage) {
      entry.left += 1
      return
    }
    entry.written += 1
    inner[level](message, detail)
  }
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    close() {
      timer?.cancel()
      flush()
    },
  }
}
