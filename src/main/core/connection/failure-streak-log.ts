/**
 * The log of a streak of connection attempts failing the same way: its first failure is logged,
 * and then a reminder with the count at most once an hour, not a line per attempt. A streak that
 * lasts days would otherwise be one line that the log's rotation drops, and whoever reads the log
 * then would find nothing saying that Standby cannot connect, nor since when.
 */
import type { Clock } from '../../../shared/clock'
import type { Logger } from '../ports/logger'

/** How long a streak goes without a line before the next failure logs a reminder. */
export const REMIND_AFTER_MS = 60 * 60 * 1000

/** The log line of a failed attempt, at its level. */
export interface FailureLine {
  readonly level: 'warn' | 'error'
  readonly text: string
}

interface Streak {
  readonly text: string
  readonly since: number
  failures: number
  loggedAt: number
}

/** The failed attempts of one link, logged once per streak with reminders while it lasts. */
export class FailureStreakLog {
  private streak: Streak | undefined

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** An attempt failed, to be logged as `line`: a new way of failing starts a streak. */
  failed(line: FailureLine): void {
    const now = this.clock.now()
    const streak = this.streak
    if (streak === undefined || streak.text !== line.text) {
      this.log[line.level](line.text)
      this.streak = { text: line.text, since: now, failures: 1, loggedAt: now }
      return
    }
    streak.failures++
    // A clock set back would otherwise hold the reminder off for as long as it was set back.
    if (now - streak.loggedAt < REMIND_AFTER_MS && now >= streak.loggedAt) return
    streak.loggedAt = now
    this.log[line.level](
      `Still failing: ${streak.failures} attempts in a row since ${new Date(streak.since).toISOString()} failed this way. ${line.text}`,
    )
  }

  /** Connected: the streak is over, and the next failure is logged as a new one. */
  ended(): void {
    this.streak = undefined
  }
}
