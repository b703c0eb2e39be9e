/**
 * What the expert hears about invites as the cache changes: each new open invite once, and the
 * word that a shown invite closed (taken, expired, withdrawn, declined, or gone from a snapshot),
 * so its notification can be taken off the screen.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Invite, InviteClosedReason } from '../../../shared/protocol'
import type { CacheStore, StreamEntry } from '../ports/cache-store'
import type { Notifier } from '../ports/notifier'
import { inviteClosedNotification, inviteNotification } from './invite-notification'

/** The open invites before a change, to compare with after it. */
export type OpenBefore = ReadonlyArray<Invite>

/**
 * Shows new invites and retracts closed ones around each change the sync engine applies; and takes
 * a shown invite's notification down when its time runs out by the platform's clock, even when the
 * platform cannot say so (the link down at that moment), so no Join is left on screen for it.
 */
export class InviteAlerts {
  /** Shown invites whose closing was already told on their expiry, so the platform's word on it is not told again. */
  private readonly toldExpired = new Set<string>()
  private expiry: TimerHandle | undefined
  /** When `expiry` fires (platform time); infinite when nothing is watched. */
  private nextExpiry = Number.POSITIVE_INFINITY

  constructor(
    private readonly cache: CacheStore,
    private readonly deps: {
      readonly clock: Clock
      readonly notifier: Notifier
      /** The platform's time as this computer estimates it: what an invite's expiry is counted in. */
      readonly platformTime: Clock
    },
  ) {}

  /** Stop watching expiries. */
  stop(): void {
    this.schedule(Number.POSITIVE_INFINITY)
  }

  /** The invites open now, read only when `events` can close one (most batches cannot). */
  openBeforeEvents(events: ReadonlyArray<StreamEntry>): OpenBefore {
    return events.some((e) => e.type === 'invite.closed') ? this.cache.openInvites() : []
  }

  /** The invites open now, before a snapshot replaces the cache. */
  openBeforeSnapshot(): OpenBefore {
    return this.cache.openInvites()
  }

  /**
   * After applied events: retract the invites they closed (with the platform's reason), and show
   * the new ones unless more events are still to come (`behind`, in the middle of a catch-up): an
   * invite opened and closed while the app was away may have its closing on a later page.
   */
  afterEvents(openBefore: OpenBefore, applied: ReadonlyArray<StreamEntry>, behind: boolean): void {
    const reasons = new Map<string, InviteClosedReason>()
    for (const e of applied) if (e.type === 'invite.closed') reasons.set(e.payload.inviteId, e.payload.reason)
    this.retractClosed(openBefore, reasons)
    if (!behind) this.showNew()
  }

  /** After a snapshot: retract the shown invites it no longer holds. A replay follows, then `caughtUp`. */
  afterSnapshot(openBefore: OpenBefore): void {
    this.retractClosed(openBefore, new Map())
  }

  /**
   * The cache has caught up: show what is open and was never shown, and watch the expiry of every
   * shown invite (those shown in an earlier run too). The one full read of them per catch-up.
   */
  caughtUp(): void {
    this.showNew()
    this.schedule(Math.min(...this.shownOpen().map((i) => i.expiresAt)))
  }

  /** Show each open invite not shown yet, once. */
  private showNew(): void {
    const fresh = this.cache.unnotifiedOpenInvites()
    if (fresh.length === 0) return
    // Marked before showing: a crash in between loses one notification, never shows one twice.
    this.cache.markNotified(
      fresh.map((i) => i.id),
      this.deps.clock.now(),
    )
    for (const invite of fresh) this.deps.notifier.show(inviteNotification(invite))
    // Only sooner than what is watched already: no read of every open invite on the way of each new one.
    const soonest = Math.min(...fresh.map((i) => i.expiresAt))
    if (soonest < this.nextExpiry) this.schedule(soonest)
  }

  /** Shown invites still open in the cache, whose expiry has not been told yet. */
  private shownOpen(): ReadonlyArray<Invite> {
    const open = this.cache.openInvites().filter((i) => !this.toldExpired.has(i.id))
    if (open.length === 0) return []
    const shown = new Set(this.cache.shownInvites(open.map((i) => i.id)))
    return open.filter((i) => shown.has(i.id))
  }

  /** Wake at `at` (platform time), or not at all when it is infinite. */
  private schedule(at: number): void {
    this.expiry?.cancel()
    this.expiry = undefined
    this.nextExpiry = at
    if (!Number.isFinite(at)) return
    this.expiry = this.deps.platformTime.setTimeout(
      () => this.tellExpired(),
      at - this.deps.platformTime.now(),
    )
  }

  /** Tell each shown invite whose time ran out that it closed, then watch the next one. */
  private tellExpired(): void {
    const now = this.deps.platformTime.now()
    const open = this.shownOpen()
    for (const invite of open) {
      if (invite.expiresAt > now) continue
      this.toldExpired.add(invite.id)
      this.deps.notifier.show(inviteClosedNotification(invite, 'expired'))
    }
    this.schedule(Math.min(...open.filter((i) => i.expiresAt > now).map((i) => i.expiresAt)))
  }

  /** Of the invites open before, those shown as a notification and no longer open hear `invite_closed` once. */
  private retractClosed(openBefore: OpenBefore, reasons: ReadonlyMap<string, InviteClosedReason>): void {
    if (openBefore.length === 0) return
    const stillOpen = new Set(this.cache.openInvites().map((i) => i.id))
    const gone = openBefore.filter((i) => !stillOpen.has(i.id))
    if (gone.length === 0) return
    const shown = new Set(this.cache.shownInvites(gone.map((i) => i.id)))
    for (const invite of gone) {
      // Told on its expiry already: the platform's word on it is the same news.
      if (this.toldExpired.delete(invite.id)) continue
      if (shown.has(invite.id)) {
        this.deps.notifier.show(inviteClosedNotification(invite, reasons.get(invite.id) ?? null))
      }
    }
  }
}
