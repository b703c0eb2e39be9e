/**
 * Notices a connection that has gone quiet: the platform pings every few seconds, so a stretch
 * with nothing at all from it means the link may be dead without knowing it (no FIN, no RST).
 * Runs on the core's clock, so tests drive it like every other timer.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'

/** Calls `onSilence` each time nothing has been heard for `limitMs`. */
export class SilenceWatch {
  private lastHeardAt = 0
  private timer: TimerHandle | undefined

  constructor(
    private readonly clock: Clock,
    private readonly limitMs: number,
    private readonly onSilence: () => void,
  ) {}

  /** Something arrived from the platform. */
  heard(): void {
    this.lastHeardAt = this.clock.now()
  }

  /** Start watching a new connection. */
  start(): void {
    this.heard()
    this.arm(this.limitMs)
  }

  /** Stop watching (the connection is gone). */
  stop(): void {
    this.timer?.cancel()
    this.timer = undefined
  }

  private arm(delayMs: number): void {
    this.timer?.cancel()
    this.timer = this.clock.setTimeout(() => this.check(), delayMs)
  }

  private check(): void {
    const quiet = this.clock.now() - this.lastHeardAt
    if (quiet < this.limitMs) return this.arm(this.limitMs - quiet)
    this.arm(this.limitMs)
    this.onSilence()
  }
}
