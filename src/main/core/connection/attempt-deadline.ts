/**
 * When a connection attempt not let in yet is given up. A handshake (or welcome) whose bytes keep
 * crossing a slow link is slow, not unanswered: the connect timeout runs from the last bytes of it
 * that arrived, as a probe's timeout does, so a link of a few bytes a second still connects and
 * catches up instead of starting over every few seconds. A platform that sends nothing, or a gate
 * that never opens, is still given up on within the timeout.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'

/** The deadline of the connection attempt under way. */
export class AttemptDeadline {
  private timer: TimerHandle | undefined
  /** When (monotonic) bytes of the attempt last arrived. */
  private crossedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /** Bytes of the attempt's handshake, or of a message part way across, arrived. */
  crossing(): void {
    this.crossedAt = steadyNow(this.clock)
  }

  /** Call `giveUp` once the attempt has gone the timeout from now, or from the last bytes after now, without more. */
  arm(giveUp: () => void): void {
    this.cancel()
    const armedAt = steadyNow(this.clock)
    const expire = (): void => {
      const quiet = steadyNow(this.clock) - Math.max(armedAt, this.crossedAt)
      if (quiet < this.timeoutMs) {
        this.timer = this.clock.setTimeout(expire, this.timeoutMs - quiet)
        return
      }
      this.timer = undefined
      giveUp()
    }
    this.timer = this.clock.setTimeout(expire, this.timeoutMs)
  }

  /** The attempt was let in, failed, or ended: no deadline. */
  cancel(): void {
    this.timer?.cancel()
    this.timer = undefined
  }
}
