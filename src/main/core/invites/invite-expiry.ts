/**
 * Open invites run out by the platform's clock whether or not the platform can be reached to say
 * so. This wakes when the soonest one does and names the invites whose time ran out, so the tray's
 * count and the window's lists drop them at that moment rather than at the platform's later word;
 * and when a new estimate puts the platform's clock back, it names those whose time runs on again.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Invite } from '../../../shared/protocol'
import { inviteAt, isInviteOpen } from '../../../shared/rules/invite-open'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'

/** What the watch reads and whom it tells. */
export interface InviteExpiryDeps {
  readonly cache: CacheStore
  /** The platform's time as estimated here: what an invite's time is counted in. */
  readonly platformTime: Clock
  /** Invites open at the last check whose time has run out since, read as they now stand. */
  readonly expired: (invites: ReadonlyArray<Invite>) => void
  /**
   * Invites closed by their time at the last check that are open again: the platform's clock was
   * found to be behind where it had been taken to be (its clock set back, an answer that misled).
   */
  readonly reopened: (invites: ReadonlyArray<Invite>) => void
  /** Where a read of the cache that failed is told (once, until one works again). */
  readonly log?: Pick<Logger, 'error'>
}

/** How soon a read of the cache that failed is tried again. */
const READ_AGAIN_MS = 60_000

/** Watches the soonest open invite's closing time. */
export class InviteExpiry {
  private alarm: TimerHandle | undefined
  /** The platform time of the last check; null before the first. */
  private checkedAt: number | null = null
  /** When the soonest invite open at the last check closes; infinite when none was open. */
  private due = Number.POSITIVE_INFINITY
  /** Whether the last read of the cache failed: said once, until one works again. */
  private failing = false

  constructor(private readonly deps: InviteExpiryDeps) {}

  /**
   * Tell the invites whose time ran out since the last check, and wake for the next one. Call it
   * whenever the open invites or the clock's estimate may have changed.
   */
  check(): void {
    const now = this.deps.platformTime.now()
    const since = this.checkedAt
    let read: { expired: ReadonlyArray<Invite>; reopened: ReadonlyArray<Invite>; due: number }
    try {
      read = this.read(since, now)
    } catch (error) {
      // Run from a timer, a throw would be the app's uncaught error and stop the watch for good.
      // The last check stands, so what ran out meanwhile is told once a read works again.
      if (!this.failing)
        this.deps.log?.error(
          'Could not read the open invites from the offline cache; trying again in a minute',
          error,
        )
      this.failing = true
      this.alarm?.cancel()
      this.alarm = this.deps.platformTime.setTimeout(() => this.check(), READ_AGAIN_MS)
      return
    }
    this.failing = false
    this.checkedAt = now
    if (read.expired.length > 0) this.deps.expired(read.expired.map((invite) => inviteAt(invite, now)))
    if (read.reopened.length > 0) this.deps.reopened(read.reopened)
    this.alarm?.cancel()
    this.due = read.due
    this.alarm = Number.isFinite(this.due)
      ? this.deps.platformTime.setTimeout(() => this.check(), this.due - now)
      : undefined
  }

  /** What a check at `now` tells, and when the next one is due; throws what the cache threw. */
  private read(
    since: number | null,
    now: number,
  ): { expired: ReadonlyArray<Invite>; reopened: ReadonlyArray<Invite>; due: number } {
    const { cache } = this.deps
    // Read only when the soonest one came due: most checks (each applied batch) find nothing to
    // tell; and then only those that ran out, not every one still open.
    const expired = since !== null && this.due <= now ? cache.invitesRunOut(since, now) : []
    // Only a clock found to be behind reopens anything, and that is rare: the read is not on the
    // path of each applied batch.
    const reopened =
      since !== null && now < since
        ? cache.openInvites(now).filter((invite) => !isInviteOpen(invite, since))
        : []
    return { expired, reopened, due: cache.nextInviteClose(now) ?? Number.POSITIVE_INFINITY }
  }

  /**
   * The platform time of the last check, up to which every invite whose time ran out while it was
   * open has been told; null before the first. An invite closing after it is not told yet.
   */
  toldUntil(): number | null {
    return this.checkedAt
  }

  /** Stop watching. */
  stop(): void {
    this.alarm?.cancel()
    this.alarm = undefined
    this.checkedAt = null
    this.due = Number.POSITIVE_INFINITY
  }
}
