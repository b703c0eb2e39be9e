/**
 * Whether a welcomed connection counts as a success for the backoff. A platform that welcomes
 * every connection and then breaks it at once (a frame over the size limit, a packet that cannot
 * be decoded) would otherwise reset the backoff at each welcome, and the link would reconnect at
 * the first short wait forever. So a welcome only puts the connection on probation: the backoff
 * is forgotten once the connection has stayed up for a while or caught up, and a protocol
 * violation before then carries on the streak of failed attempts where it stood. A connection
 * lost in any other way (a platform restart) still reconnects at the first short wait, but only
 * the first of a row: a platform (or a proxy in front of it) that closes every connection right
 * after letting Standby in was reconnected to about every second, for good, with a log line each
 * time, so from the second such loss in a row on the streak carries on too.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Logger } from '../ports/logger'

/** One link's probation of its welcomed connections. */
export class WelcomeProbation {
  /** The failed attempts before the welcome of the connection on probation. */
  private carried = 0
  private timer: TimerHandle | undefined
  /** Whether this streak of broken connections has been logged: once per streak, not per attempt. */
  private logged = false
  /** Welcomed connections in a row lost on probation, not by a violation (a restart loses one). */
  private quickLosses = 0

  constructor(
    private readonly clock: Clock,
    private readonly steadyAfterMs: number,
    private readonly log: Logger,
  ) {}

  /** A connection was welcomed after `attempt` failed attempts in a row. */
  begin(attempt: number): void {
    this.timer?.cancel()
    this.carried = attempt
    this.timer = this.clock.setTimeout(() => this.pass(), this.steadyAfterMs)
  }

  /** The connection held up or caught up: the streak, if any, is over. */
  pass(): void {
    this.timer?.cancel()
    this.timer = undefined
    this.carried = 0
    this.logged = false
    this.quickLosses = 0
  }

  /**
   * The welcomed connection ended for `reason`; `violation` when the platform broke the protocol.
   * Returns the failed attempts to carry the backoff on from, or undefined when the connection
   * counts as a success (it held, or it was lost for another cause).
   */
  ended(reason: string, violation: boolean): number | undefined {
    const onProbation = this.timer !== undefined
    this.timer?.cancel()
    this.timer = undefined
    if (!onProbation) {
      this.pass()
      return undefined
    }
    if (!violation) {
      this.quickLosses++
      // The first is a restart's, reconnected at once; the streak it began goes on from where it stood.
      if (this.quickLosses === 1) {
        this.carried = 0
        return undefined
      }
    }
    if (!this.logged) {
      this.logged = true
      this.log.warn(
        violation
          ? `The platform broke the connection right after letting Standby in (${reason}); retrying ever more slowly until a connection holds`
          : `The platform closed the connection right after letting Standby in, again (${reason}); retrying ever more slowly until a connection holds`,
      )
    }
    return this.carried
  }

  /** The link stopped or left the connection on purpose: nothing is on probation any more. */
  stop(): void {
    this.timer?.cancel()
    this.timer = undefined
  }
}
