/**
 * The log of a streak of attempts that fail (until one succeeds): each way of failing is logged at
 * its first failure, and then a reminder with its count at most once an hour, not a line per
 * attempt. A streak that lasts days would otherwise be one line that the log's rotation drops, and
 * whoever reads the log then would find nothing saying that Standby cannot connect, nor since when.
 * A way that comes back after another is logged again once, so the log's latest lines name the
 * cause of the latest failures; after that, attempts alternating between two ways (a flaky network
 * failing one way, then another, every few seconds) wait for the hourly reminder too, or they would
 * fill the log with a line per attempt, as a streak logging every failure would.
 */
import { steadyNow, type Clock } from '../../../shared/clock'
import type { Logger } from '../ports/logger'

/** How long a way of failing goes without a line before its next failure logs a reminder. */
export const REMIND_AFTER_MS = 60 * 60 * 1000

/**
 * The most ways of failing one streak remembers: a way beyond them is forgotten, the one failing
 * longest ago first, and logged as a new one if it comes back; memory stays bounded whatever fails.
 */
export const MOST_WAYS_REMEMBERED = 8

/** The log line of a failed attempt, at its level. */
export interface FailureLine {
  readonly level: 'warn' | 'error'
  /** The way it failed: attempts whose text is the same failed the same way. */
  readonly text: string
  /** Logged after `text`, but no part of the way (a wait that differs from one attempt to the next). */
  readonly detail?: string
}

interface Way {
  /** The wall clock at its first failure in this streak, for the reader of the log. */
  readonly since: number
  failures: number
  /** The steady clock at its last line: clock changes neither hold a reminder off nor bring it early. */
  loggedAt: number
  /** Whether it has come back after another way since its last line (logged once, then counted). */
  cameBack: boolean
}

/** The failed attempts of one link (or one catch-up), logged per way with hourly reminders. */
export class FailureStreakLog {
  /** The ways of this streak, the one that failed longest ago first. */
  private readonly ways = new Map<string, Way>()
  private latest: string | undefined

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** An attempt failed, to be logged as `line`: a way not seen in this streak is logged at once. */
  failed(line: FailureLine): void {
    const at = steadyNow(this.clock)
    const way = this.ways.get(line.text)
    const after = this.latest
    this.latest = line.text
    const logged = `${line.text}${line.detail ?? ''}`
    if (way === undefined) {
      this.remember(line.text, { since: this.clock.now(), failures: 1, loggedAt: at, cameBack: false })
      this.log[line.level](logged)
      return
    }
    way.failures++
    // Most recent last, so the bound forgets the way that failed longest ago.
    this.ways.delete(line.text)
    this.ways.set(line.text, way)
    // A steady clock that is not a number, or went back, must not log at every attempt nor never.
    const due = !(at - way.loggedAt < REMIND_AFTER_MS && at >= way.loggedAt)
    const comesBack = after !== line.text && !way.cameBack
    if (!due && !comesBack) return
    way.cameBack = !due
    way.loggedAt = at
    this.log[line.level](
      due
        ? `Still failing: ${way.failures} attempts since ${timeOf(way.since)} failed this way. ${logged}`
        : logged,
    )
  }

  /** Connected: the streak is over, and the next failure is logged as a new one. */
  ended(): void {
    this.ways.clear()
    this.latest = undefined
  }

  private remember(text: string, way: Way): void {
    this.ways.set(text, way)
    const oldest = this.ways.keys().next().value
    if (this.ways.size > MOST_WAYS_REMEMBERED && oldest !== undefined) this.ways.delete(oldest)
  }
}

/** A wall clock reading as the log writes it; one that is no date (a broken clock) must not throw. */
function timeOf(at: number): string {
  const date = new Date(at)
  return Number.isNaN(date.getTime()) ? 'an unknown time (the clock was unreadable)' : date.toISOString()
}
