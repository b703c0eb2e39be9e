/**
 * Keeps the cache equal to the platform's event stream. On every connect it replays the events
 * after the stored cursor (or applies a snapshot when the platform says the cursor is too old),
 * then applies live events in order; a gap in ids triggers a replay of the gap. Every batch is one
 * cache transaction, duplicates are dropped by id, and each new open invite is shown exactly once;
 * when a shown invite closes (by an event, or by a snapshot that no longer holds it) the notifier
 * hears `invite_closed` once, so its notification can be taken off the screen.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type {
  Invite,
  InviteClosedReason,
  Snapshot,
  SnapshotPosition,
  Welcome,
} from '../../../shared/protocol'
import type { StreamEntry } from '../ports/cache-store'
import { Listeners } from '../../../shared/listeners'
import type { PlatformLink } from '../connection/platform-link'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { Unsubscribe } from '../../../shared/listeners'
import { inviteClosedNotification, inviteNotification } from './invite-notification'
import type { CacheUpdate } from './cache-push'
import { FULL_PAGE, largerPage, smallerPage, type PageSize } from './replay-pace'
import { entriesWithRoomsOnPlatform, snapshotWithRoomsOnPlatform } from './rooms-on-platform'
import { joinSnapshotParts, movesOn } from './snapshot-parts'

/** Where syncing stands. */
export type SyncState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'catching_up' }
  | { readonly kind: 'live'; readonly since: number }
  /** The platform's stream cannot be followed (events this version cannot read); retrying won't help. */
  | { readonly kind: 'stuck'; readonly message: string }

/** Catching up made no progress: the next page would be the same one. */
class StreamNotFollowable extends Error {}

/**
 * Whole snapshots in a row, with no page of events between, after which the platform is not one
 * the app can follow: an honest one answers the replay after a snapshot's cursor with events.
 */
const MOST_SNAPSHOTS_IN_A_ROW = 3

/** The most live events held while catching up; a platform flooding them cannot fill the memory. */
const MOST_BUFFERED = 1_000

/** After a failed catch-up on a live connection, wait this long before the next try. */
const RETRY_AFTER_MS = 1_000

/** At most one "could not read" notice in this long: a platform sending many must not flood the screen. */
const UNREADABLE_NOTICE_EVERY_MS = 10 * 60_000

/** Drives one link's events into one cache. */
export class SyncEngine {
  private current: SyncState = { kind: 'idle' }
  private buffered: StreamEntry[] = []
  private lastUnreadableNoticeAt: number | null = null
  /** The welcome of the connection being followed: a probe changes the state, not the connection. */
  private following: Welcome | undefined
  private catchingUp: Promise<void> | undefined
  private again = false
  private retry: TimerHandle | undefined
  /** The next replay page's bounds; kept across reconnects, since the link is likely as slow. */
  private pace: PageSize = FULL_PAGE
  private readonly off: Unsubscribe[] = []
  /** Sync state changes. */
  readonly states = new Listeners<SyncState>()
  /** Fires after each batch that changed the cache: the events applied, or a whole snapshot. */
  readonly changes = new Listeners<CacheUpdate>()

  constructor(
    private readonly link: PlatformLink,
    private readonly cache: CacheStore,
    private readonly deps: {
      clock: Clock
      notifier: Notifier
      log: Logger
      /** The platform signed in to: the only origin a session's room may be on. */
      platformUrl: string
    },
  ) {}

  /** The current sync state. */
  get state(): SyncState {
    return this.current
  }

  /** Follow the link: catch up on each connect, apply live events in between. */
  start(): void {
    this.off.push(
      this.link.states.add((state) => {
        if (state.kind === 'connected') {
          if (state.welcome === this.following) return
          this.following = state.welcome
          // Events held from an earlier connection may be of a history this one no longer has.
          this.buffered = []
          const cached = this.cache.expert()
          if (cached !== null && cached.id !== state.welcome.expertId) {
            this.deps.log.warn('The cache belongs to another expert; clearing it before syncing')
            this.cache.clear()
          }
          void this.catchUp()
        } else {
          this.following = undefined
          this.buffered = []
          if (this.current.kind !== 'idle') this.set({ kind: 'idle' })
        }
      }),
      this.link.events.add((event) => this.onLive(event)),
    )
    if (this.link.state.kind === 'connected') {
      this.following = this.link.state.welcome
      void this.catchUp()
    }
  }

  /** Stop following the link. */
  stop(): void {
    this.retry?.cancel()
    for (const off of this.off.splice(0)) off()
    this.set({ kind: 'idle' })
  }

  /** Resolves when the current catch-up (if any) is over; for tests and benches. */
  async settled(): Promise<void> {
    while (this.catchingUp) await this.catchingUp
  }

  private onLive(event: StreamEntry): void {
    if (this.current.kind !== 'live') {
      // Held only to spare a replay; past a bound, another replay after this one brings them.
      if (this.buffered.length >= MOST_BUFFERED) {
        this.buffered = []
        this.again = true
      }
      this.buffered.push(event)
      return
    }
    const cursor = this.cache.cursor()
    if (event.id <= cursor) return
    if (event.id === cursor + 1) {
      this.apply([event])
      return
    }
    this.deps.log.warn(`Missed events ${cursor + 1}–${event.id - 1}; replaying them`)
    this.buffered.push(event)
    void this.catchUp()
  }

  /** Replay until the cache holds everything the platform has; coalesces concurrent calls. */
  private catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true
      return this.catchingUp
    }
    this.set({ kind: 'catching_up' })
    this.catchingUp = this.replayLoop()
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        if (error instanceof StreamNotFollowable) {
          // Asking again would get the same page: stop and say so, instead of looping.
          this.deps.log.error(`Cannot follow the platform's events: ${message}`)
          this.set({ kind: 'stuck', message })
          return
        }
        // The link dropped or answered nonsense: try again shortly (or on the next connect), with
        // smaller pages in case the heartbeat failed behind a page too large for this link.
        this.pace = smallerPage(this.pace)
        this.deps.log.warn(`Catching up with the platform stopped: ${message}`)
        if (this.link.state.kind === 'connected') {
          this.retry?.cancel()
          this.retry = this.deps.clock.setTimeout(() => void this.catchUp(), RETRY_AFTER_MS)
        }
      })
      .finally(() => {
        this.catchingUp = undefined
        if (this.again && this.link.state.kind === 'connected') {
          this.again = false
          void this.catchUp()
        }
      })
    return this.catchingUp
  }

  private async replayLoop(): Promise<void> {
    // An empty cache (first sign-in, or rebuilt after damage) starts from a snapshot: it carries
    // the expert and today's state at once instead of the whole history. Once is enough: an
    // expert with no events yet still has cursor 0 after it.
    // A cursor without a digest (a cache from before digests) cannot prove which history it
    // followed: rebuild from a snapshot once, which brings the digest.
    let wantSnapshot =
      this.cache.cursor() === 0 || this.cache.expert() === null || this.cache.cursorDigest() === null
    // The parts of a snapshot sent in parts, joined so far, and where the next part starts.
    let parts:
      { readonly sofar: Snapshot; readonly next: SnapshotPosition; readonly skipped: number } | undefined
    let snapshotsInARow = 0
    for (;;) {
      this.again = false
      let slow = false
      const page = await this.link.replay(
        this.cache.cursor(),
        {
          ...this.pace,
          snapshot: wantSnapshot || parts !== undefined,
          snapshotAfter: parts?.next,
          digest: this.cache.cursorDigest() ?? undefined,
        },
        {
          onSlow: () => {
            slow = true
            this.pace = smallerPage(this.pace)
            this.deps.log.info(
              `A replay page is slow to arrive; asking for at most ${this.pace.maxBytes} bytes next`,
            )
          },
          cachedExpert: () => this.cache.expert(),
        },
      )
      if (!slow) this.pace = largerPage(this.pace)
      wantSnapshot = false
      if (page.kind !== 'snapshot') {
        parts = undefined
        snapshotsInARow = 0
      } else {
        const whole = parts === undefined ? page.snapshot : joinSnapshotParts(parts.sofar, page.snapshot)
        const skipped = (parts?.skipped ?? 0) + page.skipped
        const next = page.snapshot.next
        if (next !== undefined && parts !== undefined && !movesOn(parts.next, next)) {
          throw new StreamNotFollowable(
            "The platform's snapshot does not move on from one part to the next, so Standby cannot rebuild from it. Try again later.",
          )
        }
        parts = next === undefined ? undefined : { sofar: whole, next, skipped }
        if (next !== undefined) continue
        if (this.following !== undefined && whole.expert.id !== this.following.expertId) {
          // Applying it would replace this expert's cache, and the memory of what was shown, with another's.
          throw new StreamNotFollowable(
            "The platform sent another expert's data instead of yours, so Standby kept what it had. If this goes on, sign out and sign in again.",
          )
        }
        if (++snapshotsInARow >= MOST_SNAPSHOTS_IN_A_ROW) {
          throw new StreamNotFollowable(
            'The platform answers every catch-up with a new snapshot instead of the events after it, so Standby cannot follow it. Try again later.',
          )
        }
        const openBefore = this.cache.openInvites()
        this.cache.applySnapshot(snapshotWithRoomsOnPlatform(whole, this.deps.platformUrl, this.deps.log))
        this.notifyClosedInvites(openBefore, new Map())
        this.deps.log.info(`Rebuilt the cache from a platform snapshot at event ${whole.cursor}`)
        if (skipped > 0) this.noticeUnreadable(skipped)
        this.notifyNewInvites()
        this.changes.emit({ kind: 'replaced' })
        continue
      }
      const before = this.cache.cursor()
      if (page.entries.length > 0) this.apply(page.entries)
      const behind = page.hasMore || this.cache.cursor() < page.latestId
      // One unreadable event is passed over above; no progress at all means a platform whose
      // stream this version cannot place, and asking again would get the same page.
      if (behind && this.cache.cursor() === before) {
        throw new StreamNotFollowable(
          page.unplaced > 0
            ? 'The platform sent events this version of Standby cannot read. Update Standby to go on receiving invites.'
            : `The platform's events stop making sense after event ${before}, so Standby cannot catch up. Try again later.`,
        )
      }
      if (behind) continue
      // Live events that arrived meanwhile: apply those that follow on; a gap means go again.
      const pending = this.buffered.filter((e) => e.id > this.cache.cursor()).sort((a, b) => a.id - b.id)
      this.buffered = []
      if (pending.length > 0 && this.apply(pending).gap) continue
      if (this.again) continue
      this.cache.markSynced(this.deps.clock.now())
      this.set({ kind: 'live', since: this.deps.clock.now() })
      return
    }
  }

  private apply(events: ReadonlyArray<StreamEntry>): { gap: boolean } {
    // Only a batch that closes invites needs to know which were open before it.
    const openBefore = events.some((e) => e.type === 'invite.closed') ? this.cache.openInvites() : []
    const result = this.cache.applyEvents(
      entriesWithRoomsOnPlatform(events, this.deps.platformUrl, this.deps.log),
    )
    if (result.skipped.length > 0) this.noticeUnreadable(result.skipped.length)
    if (result.applied.length > 0) {
      const reasons = new Map<string, InviteClosedReason>()
      for (const e of result.applied)
        if (e.type === 'invite.closed') reasons.set(e.payload.inviteId, e.payload.reason)
      this.notifyClosedInvites(openBefore, reasons)
      this.notifyNewInvites()
      this.changes.emit({ kind: 'events', events: result.applied })
    }
    if (result.gap && this.current.kind === 'live') void this.catchUp()
    return result
  }

  /** Tell the expert, in one line and not too often, that something from the platform was skipped. */
  private noticeUnreadable(count: number): void {
    const now = this.deps.clock.now()
    const last = this.lastUnreadableNoticeAt
    if (last !== null && now - last < UNREADABLE_NOTICE_EVERY_MS && now >= last) return
    this.lastUnreadableNoticeAt = now
    this.deps.notifier.show({
      kind: 'notice',
      title: 'An update from the platform could not be read',
      body: `Standby skipped ${count === 1 ? 'it' : `${count} of them`} and carried on. If something looks out of date, update Standby.`,
    })
  }

  private notifyNewInvites(): void {
    const fresh = this.cache.unnotifiedOpenInvites()
    if (fresh.length === 0) return
    // Marked before showing: a crash in between loses one notification, never shows one twice.
    this.cache.markNotified(
      fresh.map((i) => i.id),
      this.deps.clock.now(),
    )
    for (const invite of fresh) this.deps.notifier.show(inviteNotification(invite))
  }

  /**
   * Of the invites open before a change, those shown as a notification and no longer open: the
   * notifier hears that each closed (with the platform's reason when an event gave one).
   */
  private notifyClosedInvites(
    openBefore: ReadonlyArray<Invite>,
    reasons: ReadonlyMap<string, InviteClosedReason>,
  ): void {
    if (openBefore.length === 0) return
    const stillOpen = new Set(this.cache.openInvites().map((i) => i.id))
    const gone = openBefore.filter((i) => !stillOpen.has(i.id))
    if (gone.length === 0) return
    const shown = new Set(this.cache.shownInvites(gone.map((i) => i.id)))
    for (const invite of gone) {
      if (shown.has(invite.id)) {
        this.deps.notifier.show(inviteClosedNotification(invite, reasons.get(invite.id) ?? null))
      }
    }
  }

  private set(state: SyncState): void {
    this.current = state
    this.states.emit(state)
  }
}
