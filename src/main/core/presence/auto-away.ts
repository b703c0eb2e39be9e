/**
 * Auto-away: while the computer has had no input for the expert's chosen minutes, or its screen is
 * locked, the expert is away; back when they return. Idle time is polled on the Clock only as often
 * as it could cross the threshold (and every few seconds while waiting for the expert to return);
 * lock and unlock come from the Power port. What to ask for is decided in `auto-away-rule.ts`.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { CommandOutcome } from '../../../shared/command-outcome'
import type { Unsubscribe } from '../../../shared/listeners'
import type { AutoAvailability } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'
import type { Power } from '../ports/power'
import { autoAwayRequest, observe, type Absence, type ExpertPresence, type Observed } from './auto-away-rule'

/** How often idle time is read while waiting for the expert to come back. */
export const RETURN_POLL_MS = 5_000

/** The auto-away settings, read at every check. */
export interface AutoAwaySettings {
  readonly enabled: boolean
  readonly minutes: number
}

/** What the policy reads and how it asks the platform. */
export interface AutoAwayDeps {
  /** This computer's clock: idle time is the machine's, not the platform's. */
  readonly clock: Clock
  readonly power: Power
  readonly settings: () => AutoAwaySettings
  /** The signed-in expert as last synced, or null. */
  readonly expert: () => ExpertPresence | null
  readonly send: (change: AutoAvailability, idleMinutes: number | null) => Promise<CommandOutcome<unknown>>
  readonly log: Logger
}

/** Follows idle time and the screen lock, and asks the platform to switch the expert. */
export class AutoAway {
  private timer: TimerHandle | undefined
  private readonly off: Unsubscribe[] = []
  private locked = false
  private sentFor: Absence | null = null
  private inFlight = false
  /** Something changed while a request was on its way: check again once it is answered. */
  private recheck = false
  private stopped = true

  constructor(private readonly deps: AutoAwayDeps) {}

  /** Start following the machine. */
  start(): void {
    this.stopped = false
    const { power } = this.deps
    this.off.push(
      power.onLock(() => {
        this.locked = true
        this.refresh()
      }),
      power.onUnlock(() => {
        this.locked = false
        this.refresh()
      }),
      // Idle time restarts at a wake; the timers may have slept through the threshold.
      power.onResume(() => this.refresh()),
    )
    this.refresh()
  }

  /** Stop polling and listening. */
  stop(): void {
    this.stopped = true
    this.recheck = false
    this.timer?.cancel()
    this.timer = undefined
    for (const off of this.off.splice(0)) off()
  }

  /** Check now: after the expert, the connection or the settings changed, and at every poll. */
  refresh(): void {
    if (this.stopped) return
    this.timer?.cancel()
    this.timer = undefined
    const settings = this.deps.settings()
    const idleSeconds = readableIdle(this.deps.power.systemIdleSeconds())
    const observed = observe(this.locked, idleSeconds, settings.minutes)
    if (observed === 'active') this.sentFor = null
    if (settings.enabled) this.schedule(observed, idleSeconds, settings.minutes)
    // One request at a time; the check after its answer sees the latest state, so a lock and
    // unlock that flap while it travels cost at most one more request, never a stale away.
    if (this.inFlight) {
      this.recheck = true
      return
    }
    const request = autoAwayRequest({
      enabled: settings.enabled,
      observed,
      idleSeconds,
      expert: this.deps.expert(),
      sentFor: this.sentFor,
    })
    if (request === null) {
      // Nothing of ours to undo: a lock that ends on a host without idle time ends the absence.
      if (!settings.enabled || observed === 'unknown') this.sentFor = null
      return
    }
    this.inFlight = true
    void this.deps
      .send(request.change, request.idleMinutes)
      .then((outcome) => {
        const local = !outcome.ok && (outcome.error.code === 'offline' || outcome.error.code === 'signed_out')
        // Offline, it is asked again once online; a refusal is not repeated for this absence.
        if (!local) this.sentFor = request.change === 'back' ? null : request.change
        if (!outcome.ok && !local) {
          this.deps.log.warn(
            `Could not switch availability automatically (${request.change}): ${outcome.error.message}. ` +
              'Set it in Settings or from the tray.',
          )
        }
      })
      .finally(() => {
        this.inFlight = false
        if (!this.recheck) return
        this.recheck = false
        this.refresh()
      })
  }

  private schedule(observed: Observed, idleSeconds: number | null, minutes: number): void {
    // Without idle time only lock events move anything: nothing to poll.
    if (observed === 'unknown' || idleSeconds === null) return
    // Idle time grows no faster than the clock: nothing can cross the threshold before this.
    const delay = observed === 'active' ? Math.max(minutes * 60 - idleSeconds, 1) * 1000 : RETURN_POLL_MS
    this.timer = this.deps.clock.setTimeout(() => this.refresh(), Math.max(delay, RETURN_POLL_MS))
  }
}

/**
 * The host's idle time, or null when it gave none it could mean (not a number, negative): counted
 * as a host without idle time, since a NaN would make the next check due at once, and again.
 */
function readableIdle(seconds: number | null): number | null {
  return seconds !== null && Number.isFinite(seconds) && seconds >= 0 ? seconds : null
}
