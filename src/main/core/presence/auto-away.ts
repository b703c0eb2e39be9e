/**
 * Auto-away: while the computer has had no input for the expert's chosen minutes, or its screen is
 * locked, the expert is away; back when they return. Idle time is polled on the Clock only as often
 * as it could cross the threshold (and every few seconds while waiting for the expert to return);
 * lock and unlock come from the Power port. What to ask for is decided in `auto-away-rule.ts`.
 */
import { jitteredBackoff, type BackoffRange } from '../../../shared/backoff'
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import type { CommandOutcome } from '../../../shared/command-outcome'
import { asSentence } from '../../../shared/error-message'
import type { Unsubscribe } from '../../../shared/listeners'
import type { AutoAvailability } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'
import type { Power } from '../ports/power'
import { autoAwayRequest, observe, type Absence, type ExpertPresence, type Observed } from './auto-away-rule'

/** How often idle time is read while waiting for the expert to come back. */
export const RETURN_POLL_MS = 5_000

/** How long to wait before asking again after requests the platform left unanswered. */
export const UNANSWERED_RETRY: BackoffRange = { startMs: RETURN_POLL_MS, capMs: 60_000 }

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

/**
 * Seconds by which the idle count may trail the time since the resume event without input: a
 * system that starts its idle count at the wake does so a moment before Electron says it woke.
 */
const WAKE_SLACK_S = 2

/** Follows idle time and the screen lock, and asks the platform to switch the expert. */
export class AutoAway {
  private timer: TimerHandle | undefined
  /**
   * A request that may not have happened (no answer, or one that made no sense), asked again by
   * its timer; the same request waits for it, a different one goes at once.
   */
  private unsure: { readonly change: AutoAvailability; readonly retry: TimerHandle } | undefined
  /** Requests in a row that may not have happened: each waits longer before the next. */
  private unanswered = 0
  private readonly off: Unsubscribe[] = []
  private locked = false
  /** When the last lock or unlock event came (steady clock): the system's own answer may lag it. */
  private lockEventAt: number | null = null
  /** The system's answers that have thrown: each is logged once. */
  private readonly failedReads = new Set<string>()
  private sentFor: Absence | null = null
  /** Whether the machine went to sleep since the last wake: a resume after it is a wake, not an unlock. */
  private asleep = false
  /** When the machine last woke (steady clock), while nobody has touched it since; null otherwise. */
  private wokeAt: number | null = null
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
      power.onLock(() => this.lockEvent(true)),
      power.onUnlock(() => this.lockEvent(false)),
      power.onSuspend(() => (this.asleep = true)),
      // The timers may have slept through the threshold. The system's idle time may count the
      // sleep (Windows does) or not: from a wake it is counted from the wake (untouchedSinceWake).
      power.onResume(() => {
        if (this.asleep) this.wokeAt = steadyNow(this.deps.clock)
        this.asleep = false
        this.refresh()
      }),
    )
    this.refresh()
  }

  /** Stop polling and listening. */
  stop(): void {
    this.stopped = true
    this.recheck = false
    this.asleep = false
    this.wokeAt = null
    this.timer?.cancel()
    this.timer = undefined
    this.forgetUnsure()
    for (const off of this.off.splice(0)) off()
  }

  /** Check now: after the expert, the connection or the settings changed, and at every poll. */
  refresh(): void {
    if (this.stopped) return
    this.timer?.cancel()
    this.timer = undefined
    this.followSystemLock()
    const settings = this.deps.settings()
    const systemIdle = readableIdle(this.ask('idle time', () => this.deps.power.systemIdleSeconds()))
    const sinceWake = this.untouchedSinceWake(systemIdle)
    const idleSeconds = sinceWake ?? systemIdle
    const observed = observe(this.locked, idleSeconds, settings.minutes)
    // Woken and not touched since: the sleep was no absence of the expert's, nor is the wake their
    // return (the system wakes by itself too). Only input, the lock or the minutes since the wake
    // change anything; the idle time is read every few seconds meanwhile to see the first input.
    if (sinceWake !== null && observed === 'active' && settings.enabled) {
      this.timer = this.deps.clock.setTimeout(() => this.refresh(), RETURN_POLL_MS)
      return
    }
    if (observed === 'active') this.sentFor = null
    if (settings.enabled) this.schedule(observed, idleSeconds, settings.minutes)
    // One request at a time; the check after its answer sees the latest state, so a lock and
    // unlock that flap while it travels cost at most one more request, never a stale away.
    if (this.inFlight) {
      this.recheck = true
      return
    }
    const expert = this.readExpert()
    if (expert === undefined) return
    const request = autoAwayRequest({
      enabled: settings.enabled,
      observed,
      idleSeconds,
      expert,
      sentFor: this.sentFor,
    })
    if (request === null) {
      // The expert as synced needs nothing: whatever went unanswered has happened or no longer matters.
      this.forgetUnsure()
      // Nothing of ours to undo: a lock that ends on a host without idle time ends the absence.
      if (!settings.enabled || observed === 'unknown') this.sentFor = null
      return
    }
    // Asked again when its wait is over, not at every poll meanwhile.
    if (this.unsure?.change === request.change) return
    this.unsure?.retry.cancel()
    this.unsure = undefined
    this.inFlight = true
    void this.deps
      .send(request.change, request.idleMinutes)
      .then((outcome) => this.answered(request.change, outcome))
      .finally(() => {
        this.inFlight = false
        if (!this.recheck) return
        this.recheck = false
        this.refresh()
      })
  }

  /**
   * The system's answer, or null (it cannot say) when asking throws: checks run from timers and
   * events, where a throw would end the check, or the app. Logged once per kind of question.
   */
  private ask<T>(what: string, read: () => T | null): T | null {
    try {
      return read()
    } catch (error) {
      if (!this.failedReads.has(what)) {
        this.failedReads.add(what)
        this.deps.log.warn(
          `Reading the system's ${what} failed; auto-away goes without it (a screen lock still counts where the system reports one)`,
          error,
        )
      }
      return null
    }
  }

  /**
   * Whole seconds since the last wake while no input came after it; null once input came, or with
   * no wake to count. Where the system counts the time asleep as idle (Windows), the idle time then
   * reaches back before the wake; where it starts its count again at the wake (macOS, most Linux
   * desktops), it is as long as the time since the wake. Only an idle time clearly shorter than
   * that is input after the wake: a wake by the system itself is no return.
   */
  private untouchedSinceWake(systemIdle: number | null): number | null {
    if (this.wokeAt === null || systemIdle === null) return null
    const sinceWake = Math.floor((steadyNow(this.deps.clock) - this.wokeAt) / 1000)
    if (systemIdle >= sinceWake - WAKE_SLACK_S) return sinceWake
    this.wokeAt = null
    return null
  }

  /**
   * The expert as synced, or undefined when the cache cannot be read (a damaged file): nothing is
   * asked then, and the next check reads again. Checks run from timers, where a throw would be the
   * app's uncaught error. Logged once.
   */
  private readExpert(): ExpertPresence | null | undefined {
    try {
      return this.deps.expert()
    } catch (error) {
      if (!this.failedReads.has('expert')) {
        this.failedReads.add('expert')
        this.deps.log.warn('Reading the expert from the offline cache failed; auto-away waits for it', error)
      }
      return undefined
    }
  }

  private lockEvent(locked: boolean): void {
    this.locked = locked
    // An unlock takes the expert's password: they are back, whatever the idle time still says.
    if (!locked) this.wokeAt = null
    this.lockEventAt = steadyNow(this.deps.clock)
    this.refresh()
  }

  /**
   * The lock as the system says it is now, where it can say: an unlock event missed, or a lock and
   * unlock that came in the wrong order, would otherwise hold the expert away while they work
   * (locked beats idle), until the next lock. Left to the events just after one, which the
   * system's answer may trail.
   */
  private followSystemLock(): void {
    const system = this.ask('screen lock state', () => this.deps.power.screenLocked())
    if (system === null || system === this.locked) return
    const sinceEvent = this.lockEventAt === null ? Infinity : steadyNow(this.deps.clock) - this.lockEventAt
    if (sinceEvent < RETURN_POLL_MS) return
    this.deps.log.info(
      `The system says the screen is ${system ? 'locked' : 'unlocked'}, though no event said so; auto-away follows the system`,
    )
    this.locked = system
  }

  private answered(change: AutoAvailability, outcome: CommandOutcome<unknown>): void {
    const code = outcome.ok ? null : outcome.error.code
    // Offline (or dropped on the way), it is asked again once online (the connection's change is a refresh).
    if (code === 'offline' || code === 'dropped' || code === 'signed_out') return
    if (code === 'timeout' || code === 'invalid_response') {
      // It may not have happened: an expert back at the computer could stay away until the next
      // threshold check, hours off. Asked again soon, each time waiting longer, until an answer or
      // the synced expert settles it; said once per run of them.
      this.unanswered += 1
      // Nor is the away asked for before it still the platform's word: had this one changed the
      // reason, the next absence of the earlier kind would be taken as told already.
      this.sentFor = null
      if (this.unanswered === 1) this.warn(change, outcome, 'Standby asks again shortly.')
      if (this.stopped) return
      const delay = jitteredBackoff(UNANSWERED_RETRY, this.unanswered, 0)
      const retry = this.deps.clock.setTimeout(() => {
        this.unsure = undefined
        this.refresh()
      }, delay)
      this.unsure = { change, retry }
      return
    }
    this.unanswered = 0
    // A refusal is not repeated for this absence.
    this.sentFor = change === 'back' ? null : change
    if (code !== null) this.warn(change, outcome, 'Set it in Settings or from the tray.')
  }

  private warn(change: AutoAvailability, outcome: CommandOutcome<unknown>, advice: string): void {
    if (outcome.ok) return
    this.deps.log.warn(
      `Could not switch availability automatically (${change}): ${asSentence(outcome.error.message)} ${advice}`,
    )
  }

  private forgetUnsure(): void {
    this.unanswered = 0
    this.unsure?.retry.cancel()
    this.unsure = undefined
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
