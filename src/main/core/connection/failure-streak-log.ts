/**
 * The log of a streak of attempts that fail (until one succeeds): each way of failing is logged at
 * its first failure, and then a reminder with its count at most once an hour, not a line per
 * attempt. A streak that lasts days would otherwise be one line that the log's rotation drops, and
 * whoever reads the log then would find nothing saying that Standby cannot connect, nor since when.
 * A way that comes back after another is logged again once, so the log's latest lines name the
 * cause of the latest failures; after that, attempts alternating between two ways (a flaky network
 * failing one way, then another, every few seconds) wait for the hourly reminder too, or they would
 * fill the log with a line per attempt, as a streak logging every failure would. Numbers do not
 * make a way of their own (a platform's "try again in 37 s" counts down at every attempt), and
 * ways new to the streak have an hourly budget of lines too: a sentence that changes at every
 * attempt in any other way (a request id), or more ways than are remembered taking turns, would
 * otherwise each be "new", a line per attempt again.
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

/**
 * The most ways new to the streak logged in an hour (steady clock); the attempts failing in ways
 * beyond them are counted, and the count logged once the hour is over.
 */
export const MOST_NEW_WAYS_AN_HOUR = MOST_WAYS_REMEMBERED

/** The log line of a failed attempt, at its level. */
export interface FailureLine {
  readonly level: 'warn' | 'error'
  /** The way it failed: attempts whose text is the same, numbers aside, failed the same way. */
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
  /**
   * The lines for new ways this hour, kept across streaks: a link let in and then failing again at
   * every attempt would otherwise log each failure as the first of a new streak.
   */
  private budget = { openedAt: NaN, newWays: 0, unlogged: 0, unloggedSince: NaN }

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** An attempt failed, to be logged as `line`: a way not seen in this streak is logged at once. */
  failed(line: FailureLine): void {
    const at = steadyNow(this.clock)
    this.renewBudget(at, line.level)
    const key = wayOf(line.text)
    const way = this.ways.get(key)
    const after = this.latest
    this.latest = key
    const logged = `${line.text}${line.detail ?? ''}`
    if (way === undefined) {
      this.remember(key, { since: this.clock.now(), failures: 1, loggedAt: at, cameBack: false })
      if (this.budget.newWays < MOST_NEW_WAYS_AN_HOUR) {
        this.budget.newWays++
        this.log[line.level](logged)
      } else if (this.budget.unlogged++ === 0) this.budget.unloggedSince = this.clock.now()
      return
    }
    way.failures++
    // Most recent last, so the bound forgets the way that failed longest ago.
    this.ways.delete(key)
    this.ways.set(key, way)
    // A steady clock that is not a number, or went back, must not log at every attempt nor never.
    const due = !isWithinHour(at, way.loggedAt)
    const comesBack = after !== key && !way.cameBack
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

  /** An hour after the budget opened, a new one opens, and the attempts the last one left unlogged are told. */
  private renewBudget(at: number, level: FailureLine['level']): void {
    if (isWithinHour(at, this.budget.openedAt)) return
    const { unlogged, unloggedSince } = this.budget
    if (unlogged > 0)
      this.log[level](
        `Still failing: ${unlogged} attempts since ${timeOf(unloggedSince)} failed in more ways than the log names one by one (over ${MOST_NEW_WAYS_AN_HOUR} new ways an hour).`,
      )
    this.budget = { openedAt: at, newWays: 0, unlogged: 0, unloggedSince: NaN }
  }

  private remember(text: string, way: Way): void {
    this.ways.set(text, way)
    const oldest = this.ways.keys().next().value
    if (this.ways.size > MOST_WAYS_REMEMBERED && oldest !== undefined) this.ways.delete(oldest)
  }
}

/** Whether steady reading `at` is within the hour after `from`; one that went back, or is no number, is not. */
function isWithinHour(at: number, from: number): boolean {
  return at - from < REMIND_AFTER_MS && at >= from
}

/** The way `text` tells of: its numbers (a countdown, an attempt, a time of day) stand for any. */
function wayOf(text: string): string {
  return text.replace(/\p{Nd}+/gu, '#')
}

/** A wall clock reading as the log writes it; one that is no date (a broken clock) must not throw. */
function timeOf(at: number): string {
  const date = new Date(at)
  return Number.isNaN(date.getTime()) ? 'an unknown time (the clock was unreadable)' : date.toISOString()
}
