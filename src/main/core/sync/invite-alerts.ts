/**
 * What the expert hears about invites as the cache changes: each new open invite once, and the
 * word that a shown invite closed (taken, expired, withdrawn, declined, or gone from a snapshot),
 * so its notification can be taken off the screen.
 */
import type { Clock } from '../../../shared/clock'
import type { Invite, InviteClosedReason } from '../../../shared/protocol'
import { inviteClosesAt, isInviteOpen } from '../../../shared/rules/invite-open'
import type { CacheStore, ShowingAt, StreamEntry } from '../ports/cache-store'
import type { Notifier } from '../ports/notifier'
import { inviteClosedNotification, inviteNotification } from './invite-notification'

/** How many invites taken down as expired are remembered, to show again should the clock move back. */
const TAKEN_DOWN_KEPT = 1_000

/** The open invites before a change, to compare with after it. */
export type OpenBefore = ReadonlyArray<Invite>

/**
 * The invites open and never shown as the transaction that applied a batch read them, at the
 * platform's `openAt`, newest first; that transaction marked the first of them shown.
 */
export interface UnshownAfterApply {
  readonly invites: ReadonlyArray<Invite>
  readonly openAt: number
}

/**
 * Shows new invites and retracts closed ones around each change the sync engine applies; and takes
 * a shown invite's notification down when the core's expiry watch says its time ran out by the
 * platform's clock, even when the platform cannot say so (the link down at that moment), so no
 * Join is left on screen for it. "Open" is read at the platform's time, so an invite whose time
 * ran out is not shown; and an invite is told closed once, by the watch or by the platform's word,
 * whichever comes first (the watch's timer may fire after the platform's word has come).
 */
export class InviteAlerts {
  /** The invites whose notification `expired` took down, by this computer's reading of the clock. */
  private readonly takenDownAsExpired = new Set<string>()

  constructor(
    private readonly cache: CacheStore,
    private readonly deps: {
      readonly clock: Clock
      readonly notifier: Notifier
      /** The platform's time as this computer estimates it: what an invite's expiry is counted in. */
      readonly platformTime: Clock
      /**
       * Up to when the expiry watch has told the invites whose time ran out (its last check); null
       * or left out: up to now. An invite whose time ran out after that is not told yet, so when
       * the platform's word closes it first, it is told here, not by the watch.
       */
      readonly runOutToldUntil?: () => number | null
    },
  ) {}

  /**
   * Of the invites `events` close, those open now (most batches close none). Read one by one, not
   * as every open invite: a platform keeping thousands open would otherwise have each closing
   * read them all, twice.
   */
  openBeforeEvents(events: ReadonlyArray<StreamEntry>): OpenBefore {
    return this.openAmong(events.flatMap((e) => (e.type === 'invite.closed' ? [e.payload.inviteId] : [])))
  }

  /** The invites open now, before a snapshot replaces the cache. */
  openBeforeSnapshot(): OpenBefore {
    return this.cache.openInvites(this.untold())
  }

  /** When a batch applied now marks its first unshown invite (CacheStore.applyEvents). */
  showingAt(): ShowingAt {
    return { openAt: this.now(), at: this.deps.clock.now() }
  }

  /**
   * After applied events: retract the invites they closed (with the platform's reason), and show
   * the new ones unless more events are still to come (`behind`, in the middle of a catch-up): an
   * invite opened and closed while the app was away may have its closing on a later page. The new
   * ones are `unshown` when the batch's transaction read them (and marked the first), else read now.
   */
  afterEvents(
    openBefore: OpenBefore,
    applied: ReadonlyArray<StreamEntry>,
    behind: boolean,
    unshown?: UnshownAfterApply,
  ): void {
    const reasons = new Map<string, InviteClosedReason>()
    for (const e of applied) if (e.type === 'invite.closed') reasons.set(e.payload.inviteId, e.payload.reason)
    try {
      this.retractClosed(openBefore, reasons)
    } finally {
      // Shown even when a read for the retraction failed (a damaged cache): the batch marked the
      // first new invite shown already, and nothing would show it after.
      if (!behind) this.showNew(unshown)
    }
  }

  /** After a snapshot: retract the shown invites it no longer holds. A replay follows, then `caughtUp`. */
  afterSnapshot(openBefore: OpenBefore): void {
    this.retractClosed(openBefore, new Map())
  }

  /** The cache has caught up: show what is open and was never shown. */
  caughtUp(): void {
    this.showNew()
  }

  /** Of the invites whose time just ran out, those shown as a notification hear that they expired. */
  expired(invites: ReadonlyArray<Invite>): void {
    const shown = new Set(this.cache.shownInvites(invites.map((i) => i.id)))
    for (const invite of invites) {
      if (!shown.has(invite.id)) continue
      this.deps.notifier.show(inviteClosedNotification(invite, 'expired'))
      this.takenDownAsExpired.add(invite.id)
      // The oldest first: a clock that moves back does so soon after it was misread.
      for (const oldest of this.takenDownAsExpired) {
        if (this.takenDownAsExpired.size <= TAKEN_DOWN_KEPT) break
        this.takenDownAsExpired.delete(oldest)
      }
    }
  }

  /**
   * Invites taken for run out are open again by the platform's clock (a wake's reading it
   * overturned, an answer that misled): those whose notification `expired` took down, on the
   * clock's word alone, have it back with its Join, once; the others are for `caughtUp` to show.
   */
  reopened(invites: ReadonlyArray<Invite>): void {
    const now = this.now()
    for (const invite of invites) {
      if (this.takenDownAsExpired.delete(invite.id)) this.deps.notifier.show(inviteNotification(invite, now))
    }
  }

  private now(): number {
    return this.deps.platformTime.now()
  }

  /**
   * The time "open" is read at for taking notifications down: the watch's last check. An invite
   * whose time ran out since is still the platform's word to tell: the watch, waking later, tells
   * only the invites the platform still calls open, and would leave this one on screen for good.
   */
  private untold(): number {
    const now = this.now()
    return Math.min(this.deps.runOutToldUntil?.() ?? now, now)
  }

  /** Of the invites with these ids, those the cache holds open and not yet told run out. */
  private openAmong(ids: ReadonlyArray<string>): Invite[] {
    const at = this.untold()
    return [...new Set(ids)].flatMap((id) => {
      const invite = this.cache.invite(id)
      return invite !== null && isInviteOpen(invite, at) ? [invite] : []
    })
  }

  /** Show each open invite not shown yet (`found`'s, its first already marked, else read now), once. */
  private showNew(found?: UnshownAfterApply): void {
    const now = found?.openAt ?? this.now()
    const invites = found?.invites ?? this.cache.unnotifiedOpenInvites(now)
    // Each marked just before it is shown: a crash in between loses that one notification, never
    // shows one twice; marking a whole catch-up's invites first would lose all those not shown yet.
    invites.forEach((invite, i) => {
      if (found === undefined || i > 0) this.cache.markNotified([invite.id], this.deps.clock.now())
      this.deps.notifier.show(inviteNotification(invite, now))
    })
  }

  /** Of the invites open before, those shown as a notification and no longer open hear `invite_closed` once. */
  private retractClosed(openBefore: OpenBefore, reasons: ReadonlyMap<string, InviteClosedReason>): void {
    if (openBefore.length === 0) return
    const at = this.untold()
    const stillOpen = new Set(this.openAmong(openBefore.map((i) => i.id)).map((i) => i.id))
    // One the expiry watch told run out is not told again, whatever the platform said.
    const gone = openBefore.filter((i) => !stillOpen.has(i.id) && at < inviteClosesAt(i))
    if (gone.length === 0) return
    const shown = new Set(this.cache.shownInvites(gone.map((i) => i.id)))
    for (const invite of gone) {
      if (shown.has(invite.id)) {
        this.deps.notifier.show(inviteClosedNotification(invite, reasons.get(invite.id) ?? null))
      }
    }
  }
}
