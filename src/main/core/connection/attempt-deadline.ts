/**
 * When a connection attempt not let in yet is given up. A handshake (or welcome) whose bytes keep
 * crossing a slow link is slow, not unanswered: once they came, the attempt is judged by how long
 * nothing more has come, against the stall limit an open link gets (link-timings.ts), so a link of
 * a few bytes a second, whose TCP stalls for seconds between bursts, still connects and catches up
 * instead of starting over at every stall. A platform that sends nothing is still given up on
 * within the connect timeout, and one that began and then went quiet within the stall limit (a
 * gate that never opens: the app cannot tell its silence from a stall). Bytes coming are not the app let in,
 * though: a server (or a proxy) that trickles them for ever without a welcome would hold the
 * attempt, shown as connecting, for ever, and a wake leaves an attempt under way alone. So every
 * attempt also ends a bounded number of connect timeouts after it began, long enough for the few
 * hundred bytes of a handshake and welcome over a link a few times slower than any the app serves.
 */
import { afterPendingInput, steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'

/** How many connect timeouts an attempt whose bytes keep coming may last in all. */
export const LONGEST_ATTEMPT_IN_TIMEOUTS = 12

/** Why an attempt was given up: nothing of it came for the timeout, or it went on too long in all. */
export type GiveUpWhy = 'quiet' | 'too long'

/** The deadline of the connection attempt under way. */
export class AttemptDeadline {
  private timer: TimerHandle | undefined
  /** When (monotonic) bytes of the attempt last arrived. */
  private crossedAt = Number.NEGATIVE_INFINITY
  /** Bytes arrived since the deadline was last armed (told by order, not by time: a clock's tick holds both). */
  private crossedSinceArmed = false
  /** When (monotonic) the attempt under way began. */
  private beganAt: number | undefined
  /** How long the attempt last given up had gone without a byte since its last (ms), if any came. */
  silentForMs = 0
  /** When (monotonic) the quiet before its first bytes (or the first since a wake) is counted from. */
  private armedAt = 0
  /** Looks whether the attempt is due to be given up, and if not, looks again when it would be. */
  private expire: ((inputRead?: boolean) => void) | undefined

  /**
   * `timeoutMs`: how long an attempt may wait for its first bytes; `stalledMs`: how long it may go
   * without more once they came (a slow link's TCP stalls between bursts), as an open link may.
   */
  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly stalledMs: number = timeoutMs,
  ) {}

  /** The longest an attempt may last, its bytes coming or not. */
  get longestMs(): number {
    return this.timeoutMs * LONGEST_ATTEMPT_IN_TIMEOUTS
  }

  /** Bytes of the attempt's handshake, or of a message part way across, arrived. */
  crossing(): void {
    this.crossedAt = steadyNow(this.clock)
    this.crossedSinceArmed = true
  }

  /** A new attempt begins: its whole length is counted from now, whatever it is armed for later. */
  begin(): void {
    this.beganAt = steadyNow(this.clock)
    this.crossedAt = Number.NEGATIVE_INFINITY
  }

  /** Bytes of the attempt under way arrived since it began: something answered it. */
  get answered(): boolean {
    return this.crossedAt > Number.NEGATIVE_INFINITY
  }

  /**
   * Call `giveUp` once the attempt has gone the timeout from now without bytes, or the stall limit
   * from the last bytes after now without more, or has lasted the longest an attempt may since it began.
   */
  arm(giveUp: (why: GiveUpWhy) => void): void {
    this.cancel()
    this.armedAt = steadyNow(this.clock)
    this.crossedSinceArmed = false
    const beganAt = this.beganAt ?? this.armedAt
    const expire = (inputRead = false): void => {
      const now = steadyNow(this.clock)
      const left = this.longestMs - (now - beganAt)
      const crossed = this.crossedSinceArmed
      const quiet = now - (crossed ? this.crossedAt : this.armedAt)
      const allowed = crossed ? this.stalledMs : this.timeoutMs
      if (left > 0 && quiet < allowed) {
        this.timer = this.clock.setTimeout(() => expire(), Math.min(allowed - quiet, left))
        return
      }
      // A process frozen past the deadline fires this before it reads what the platform sent
      // meanwhile (its handshake, its welcome): the verdict waits until that is read.
      if (!inputRead) {
        this.timer = afterPendingInput(this.clock, () => expire(true))
        return
      }
      this.timer = undefined
      this.silentForMs = now - this.crossedAt
      giveUp(left > 0 ? 'quiet' : 'too long')
    }
    this.expire = expire
    this.timer = this.clock.setTimeout(
      () => expire(),
      Math.min(this.timeoutMs, this.longestMs - (this.armedAt - beganAt)),
    )
  }

  /**
   * A wake or a network change: bytes that came before it tell nothing of the link now, so an
   * attempt they came for is judged from now as one not yet answered, as a probe sent at once is,
   * instead of waiting out the stall limit of a link that may be gone. One still waiting for its
   * first bytes, or due sooner, keeps its deadline.
   */
  woke(): void {
    if (this.timer === undefined || this.expire === undefined || !this.crossedSinceArmed) return
    const now = steadyNow(this.clock)
    // Its stall limit comes sooner: a wake never puts the verdict off.
    if (this.crossedAt + this.stalledMs <= now + this.timeoutMs) return
    this.armedAt = now
    this.crossedSinceArmed = false
    this.timer.cancel()
    const expire = this.expire
    this.timer = this.clock.setTimeout(() => expire(), 0)
  }

  /** The attempt was let in, failed, or ended: no deadline. */
  cancel(): void {
    this.timer?.cancel()
    this.timer = undefined
  }
}
