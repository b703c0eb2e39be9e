/**
 * Whether a welcomed connection counts as a success for the backoff. A platform that welcomes
 * every connection and then breaks it at once (a frame over the size limit, a packet that cannot
 * be decoded) would otherwise reset the backoff at each welcome, and the link would reconnect at
 * the first short wait forever. So a welcome only puts the connection on probation: the backoff
 * is forgotten once the connection has stayed up for a while or caught up, and a protocol
 * violation before then carries on the streak of failed attempts where it stood. A connection
 * lost in any other way (a platform restart) still reconnects at the first short wait, but only
 * the first of a row of connections lost before they held a while, caught up or not: a platform
 * (or a proxy in front of it) that closes every connection soon after letting Standby in was
 * reconnected to about every second, for good, with a log line each time, so from the second such
 * loss in a row on the waits grow. A close the platform said it was making (at a restart it tells
 * each connection) is a restart's, so a deploy rolled back at once, or a row of servers restarted
 * one after another, is reconnected at the first short wait each time; it neither adds to a row of
 * other losses nor ends one. But a platform (or a proxy) that says it closes every connection soon
 * after letting Standby in would be reconnected to about every second for good, so past a few such
 * closes in a row, the waits grow as well.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Logger } from '../ports/logger'

/**
 * The announced closes in a row, each before its connection held a while, reconnected at the first
 * short wait: as many as a deploy rolled back and its servers restarted one by one make (the core
 * bench restarts its platform this many times in a row), and a bound on a platform that never stops.
 */
export const RESTARTS_IN_A_ROW = 10

/** One link's probation of its welcomed connections. */
export class WelcomeProbation {
  /** The failed attempts before the welcome of the connection on probation. */
  private carried = 0
  /** Runs from a welcome until the connection has held a while. */
  private timer: TimerHandle | undefined
  /** The connection on probation caught up: a violation no longer carries the attempts before it. */
  private caughtUp = false
  /** Whether this streak of broken connections has been logged: once per streak, not per attempt. */
  private logged = false
  /** Welcomed connections in a row lost before they held a while, not by a violation before catching up. */
  private quickLosses = 0
  /** Of the latest quick losses in a row, how many were closed rather than gone quiet. */
  private cutsInRow = 0
  /** Welcomed connections in a row the platform said it closed before they held a while. */
  private quickRestarts = 0

  constructor(
    private readonly clock: Clock,
    private readonly steadyAfterMs: number,
    private readonly log: Logger,
  ) {}

  /** A connection was welcomed after `attempt` failed attempts in a row. */
  begin(attempt: number): void {
    this.timer?.cancel()
    this.carried = attempt
    this.caughtUp = false
    this.timer = this.clock.setTimeout(() => this.held(), this.steadyAfterMs)
  }

  /**
   * The connection caught up: it works, so a protocol violation after this is no reason to wait out
   * the attempts before it; a loss before it has held a while still counts towards a row of them.
   */
  pass(): void {
    this.caughtUp = true
    this.carried = 0
  }

  /** The connection held up a while: any streak is over. */
  private held(): void {
    this.timer?.cancel()
    this.timer = undefined
    this.carried = 0
    this.logged = false
    this.quickLosses = 0
    this.cutsInRow = 0
    this.quickRestarts = 0
  }

  /**
   * The welcomed connection ended for `reason`; `violation` when the platform broke the protocol,
   * `announced` when it said it was closing it, `silent` when it went quiet. Returns the failed attempts to carry the backoff on
   * from, or undefined when the connection counts as a success (it held, the platform closed it as
   * at a restart, or it was the first of a row lost for another cause: a restart's too).
   */
  ended(reason: string, violation: boolean, announced = false, silent = false): number | undefined {
    const onProbation = this.timer !== undefined
    this.timer?.cancel()
    this.timer = undefined
    if (!onProbation) {
      this.held()
      return undefined
    }
    if (violation && !this.caughtUp) {
      this.tell(`The platform broke the connection right after letting Standby in (${reason})`)
      return this.carried
    }
    if (announced) {
      this.quickRestarts++
      if (this.quickRestarts <= RESTARTS_IN_A_ROW) return undefined
      this.tell(`The platform said it closed the connection soon after letting Standby in, again (${reason})`)
      return Math.max(this.carried, this.quickRestarts - RESTARTS_IN_A_ROW)
    }
    this.quickLosses++
    this.cutsInRow = silent ? 0 : this.cutsInRow + 1
    // The first is a restart's, reconnected at once; from the second in a row on the waits grow.
    if (this.quickLosses === 1) return undefined
    // Said of the connection, not the platform: a link gone quiet or cut on the way was closed by neither.
    this.tell(`Connection lost again soon after the platform let Standby in (${reason})`)
    return Math.max(this.carried, this.quickLosses - 1)
  }

  /**
   * Whether the latest loss and the one before it were both connections closed soon after being let
   * in: what a proxy or firewall cutting connections does. A link that went quiet was not cut, and
   * Wi-Fi that keeps dropping goes quiet as often as it closes: one of those in the row is no pattern.
   */
  cutAgain(): boolean {
    return this.cutsInRow >= 2
  }

  /** Whether a row of quick losses is under way and logged: its connections' own lines would repeat it. */
  inRow(): boolean {
    return this.logged
  }

  /** Log the streak's first line: once per streak, not per attempt. */
  private tell(what: string): void {
    if (this.logged) return
    this.logged = true
    this.log.warn(`${what}; retrying ever more slowly until a connection holds`)
  }

  /** The link stopped or left the connection on purpose: nothing is on probation any more. */
  stop(): void {
    this.timer?.cancel()
    this.timer = undefined
  }
}
