/**
 * A reminder found late (the machine slept, Standby was closed or started after its moment) waits
 * a short settle before it is shown: the catch-up that follows a wake or a start may yet bring the
 * session's cancel or move, and a reminder for a session that no longer is must not be shown. A
 * reminder that falls due while the machine is awake is never late, so it never waits.
 */
import { LATE_GRACE_MS } from './due-alerts'

/** How long a late reminder waits for the catch-up; it is late already, and this keeps it right. */
export const LATE_SETTLE_MS = 15_000

/**
 * When each late reminder was first found, for as long as a plan keeps finding it. Counted on the
 * monotonic clock: the platform's time is an estimate a new answer can move back, and a settle
 * counted on it would hold a late reminder for as long again.
 */
export class LateSettle {
  private readonly since = new Map<string, number>()
  private seen = new Set<string>()
  /** The wake a reminder found late at the next plan is counted from, should that plan wait for an answer first. */
  private wokeAt: number | null = null

  /** `steady` reads the monotonic clock (steadyNow). */
  constructor(private readonly steady: () => number) {}

  /**
   * The machine woke (monotonic reading): a reminder the next plan finds late settles from here,
   * though the plan waited for the platform's answer to say what a step of the clock was.
   */
  woke(mono: number): void {
    this.wokeAt = mono
  }

  /** When (platform time, as `now`) this late reminder may be shown, or null when its settle is over (show it now). */
  heldUntil(key: string, now: number): number | null {
    this.seen.add(key)
    const mono = this.steady()
    const since = this.since.get(key) ?? Math.min(mono, this.wokeAt ?? mono)
    this.since.set(key, since)
    const left = since + LATE_SETTLE_MS - mono
    return left > 0 ? now + left : null
  }

  /** As `heldUntil`, for a snoozed reminder that fell due at `dueAt`: late once past it by the grace. */
  snoozeHeldUntil(sessionId: string, dueAt: number, now: number): number | null {
    return now - dueAt > LATE_GRACE_MS ? this.heldUntil(`snooze ${sessionId}`, now) : null
  }

  /** After a plan: forget the reminders it no longer found late (shown, skipped, cancelled, moved). */
  sweep(): void {
    for (const key of this.since.keys()) if (!this.seen.has(key)) this.since.delete(key)
    this.seen = new Set()
    this.wokeAt = null
  }
}
