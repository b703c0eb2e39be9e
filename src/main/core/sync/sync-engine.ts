/**
 * Keeps the cache equal to the platform's event stream. On every connect it replays the events
 * after the stored cursor (or applies a snapshot when the platform says the cursor is too old),
 * then applies live events in order; a gap in ids triggers a replay of the gap, and a replay page
 * out of order is asked for again (then rebuilt from a snapshot) instead of applied. Every batch is one
 * cache transaction, duplicates are dropped by id (but an event under a cursor the platform never
 * showed reaching rebuilds from a snapshot: stream-reach.ts), and each new open invite is shown exactly once;
 * when a shown invite closes (by an event, or by a snapshot that no longer holds it) the notifier
 * hears `invite_closed` once, so its notification can be taken off the screen.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import type { Invite, Welcome } from '../../../shared/protocol'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import type { PlatformLink } from '../connection/platform-link'
import type { CacheStore, StreamEntry } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { CacheUpdate } from './cache-push'
import { CatchUpFailures, cacheWrite } from './catch-up-failures'
import { HeldLiveEvents } from './held-live-events'
import { InviteAlerts } from './invite-alerts'
import { PagesOutOfOrder, eventsPageOrder } from './page-order'
import { FULL_PAGE, largerPage, smallerPage, type PageSize } from './replay-pace'
import { entriesWithRoomsOnPlatform } from './rooms-on-platform'
import { SnapshotAssembly } from './snapshot-assembly'
import { stalledPage } from './stalled-page'
import { StreamReach } from './stream-reach'
import type { SyncState } from './sync-state'
import { UnreadableNotice } from './unreadable-notice'
import { applyWholeSnapshot, type SnapshotTargets } from './whole-snapshot'

export type { SyncState } from './sync-state'

/**
 * Replays in a row that may end short of live events held past a gap before those are dropped: a
 * replay lagging what was pushed catches up within a few tries, and one that never does says the
 * events are not in the stream (a huge id, another history). Held for ever, they would keep the
 * core from going live, every new event waiting for the next retry.
 */
const MOST_REPLAYS_SHORT_OF_LIVE = 3

/** Drives one link's events into one cache. */
export class SyncEngine {
  private current: SyncState = { kind: 'idle' }
  private readonly held = new HeldLiveEvents()
  /** How far this connection's platform has shown its stream, against the cursor (stream-reach.ts). */
  private readonly reach = new StreamReach()
  /** The next replay asks for a snapshot: the cursor claims events the platform never showed. */
  private rebuild = false
  /** The welcome of the connection being followed: a probe changes the state, not the connection. */
  private following: Welcome | undefined
  private catchingUp: Promise<void> | undefined
  private again = false
  private retry: TimerHandle | undefined
  /** Replays in a row on this connection that ended short of the live events held. */
  private shortOfLive = 0
  /** The next replay page's bounds; kept across reconnects, since the link is likely as slow. */
  private pace: PageSize = FULL_PAGE
  private readonly off: Unsubscribe[] = []
  /** Sync state changes. */
  readonly states = new Listeners<SyncState>()
  /** Fires after each batch that changed the cache: the events applied, or a whole snapshot. */
  readonly changes = new Listeners<CacheUpdate>()

  private readonly invites: InviteAlerts
  private readonly unreadable: UnreadableNotice
  private readonly failures: CatchUpFailures
  private readonly snapshotTargets: SnapshotTargets

  constructor(
    private readonly link: PlatformLink,
    private readonly cache: CacheStore,
    private readonly deps: {
      clock: Clock
      /** The platform's time as estimated here: invites expire by it. */
      platformTime: Clock
      notifier: Notifier
      log: Logger
      /** The platform signed in to: the only origin a session's room may be on. */
      platformUrl: string
      /** In [0, 1), for the jitter of retries; injectable so tests get predictable waits. */
      random?: () => number
    },
  ) {
    this.invites = new InviteAlerts(cache, deps)
    this.unreadable = new UnreadableNotice(deps)
    this.failures = new CatchUpFailures(deps)
    this.snapshotTargets = { ...deps, cache, invites: this.invites, unreadable: this.unreadable }
  }

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
          this.held.clear()
          this.shortOfLive = 0
          const cached = this.cache.expert()
          if (cached !== null && cached.id !== state.welcome.expertId) {
            this.deps.log.warn('The cache belongs to another expert; clearing it before syncing')
            this.cache.clear()
          }
          this.reach.connected(state.welcome.latestEventId, this.cache.cursor())
          void this.catchUp()
        } else {
          this.following = undefined
          this.held.clear()
          if (this.current.kind !== 'idle') this.set({ kind: 'idle' })
        }
      }),
      this.link.events.add((event) => this.onLive(event)),
    )
    if (this.link.state.kind === 'connected') {
      this.following = this.link.state.welcome
      this.reach.connected(this.following.latestEventId, this.cache.cursor())
      void this.catchUp()
    }
  }

  /** Stop following the link. */
  stop(): void {
    this.retry?.cancel()
    for (const off of this.off.splice(0)) off()
    this.set({ kind: 'idle' })
  }

  /** These open invites' time ran out by the platform's clock: take down their notifications. */
  invitesExpired(invites: ReadonlyArray<Invite>): void {
    this.invites.expired(invites)
  }

  /**
   * Invites taken for run out are open again by the platform's clock: those never shown (they
   * arrived while the clock was misread) are shown now, once; in the middle of a catch-up, its end does it.
   */
  invitesReopened(): void {
    if (this.current.kind !== 'live') return
    try {
      cacheWrite(() => this.invites.caughtUp())
    } catch (error) {
      // Not lost: the next catch-up shows what is open and was never shown.
      this.deps.log.error('Could not show the invites open again by the platform’s clock', error)
    }
  }

  /** Resolves when the current catch-up (if any) is over; for tests and benches. */
  async settled(): Promise<void> {
    while (this.catchingUp) await this.catchingUp
  }

  private onLive(event: StreamEntry): void {
    this.reach.heard(event)
    if (this.current.kind !== 'live') {
      // Held only to spare a replay; past a bound, another replay after this one brings them.
      if (!this.held.hold(event)) this.again = true
      return
    }
    const cursor = this.cache.cursor()
    if (event.id <= cursor) {
      if (this.claimedWithoutShowing([event])) void this.catchUp()
      return
    }
    if (event.id === cursor + 1) {
      try {
        this.apply([event])
      } catch (error) {
        // Not applied: the retry replays it from the cursor.
        this.failed(error)
      }
      return
    }
    this.deps.log.warn(`Missed events ${cursor + 1}–${event.id - 1}; replaying them`)
    if (!this.held.hold(event)) this.again = true
    void this.catchUp()
  }

  /** Replay until the cache holds everything the platform has; coalesces concurrent calls. */
  private catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true
      return this.catchingUp
    }
    // Catching up still fails until a try shows otherwise: the line the expert reads stays put meanwhile.
    if (this.current.kind !== 'failing') this.set({ kind: 'catching_up' })
    this.catchingUp = this.replayLoop()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.catchingUp = undefined
        if (this.again && this.link.state.kind === 'connected') {
          this.again = false
          void this.catchUp()
        }
      })
    return this.catchingUp
  }

  /** A catch-up (or a live event) failed: stop, or try again after the wait (or on the next connect). */
  private failed(error: unknown): void {
    const next = this.failures.failed(error, this.deps.clock.now())
    if (next.kind === 'stuck') return this.set(next)
    if (next.smallerPages) this.pace = smallerPage(this.pace)
    if (this.link.state.kind !== 'connected') return
    // The wait decides when to try again, not a call that came in meanwhile.
    this.again = false
    this.retry?.cancel()
    this.retry = this.deps.clock.setTimeout(() => void this.catchUp(), next.wait)
    this.set(next.state)
  }

  private async replayLoop(): Promise<void> {
    // An empty cache (first sign-in, or rebuilt after damage) starts from a snapshot: it carries
    // the expert and today's state at once instead of the whole history. Once is enough: an
    // expert with no events yet still has cursor 0 after it.
    // A cursor without a digest (a cache from before digests) cannot prove which history it
    // followed: rebuild from a snapshot once, which brings the digest.
    let wantSnapshot =
      this.rebuild ||
      this.cache.cursor() === 0 ||
      this.cache.expert() === null ||
      this.cache.cursorDigest() === null
    this.rebuild = false
    const snapshots = new SnapshotAssembly()
    const outOfOrder = new PagesOutOfOrder()
    // Once per catch-up: a platform whose every page (or every push) reaches under its own
    // snapshot's cursor would otherwise be rebuilt from for ever, and never let the core go live.
    let rebuilt = false
    for (;;) {
      this.again = false
      let slow = false
      const page = await this.link.replay(
        this.cache.cursor(),
        {
          ...this.pace,
          snapshot: wantSnapshot || snapshots.nextPart !== undefined,
          snapshotAfter: snapshots.nextPart,
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
      wantSnapshot = this.rebuild
      this.rebuild = false
      if (page.kind === 'snapshot') {
        const step = snapshots.add(page.snapshot, page.skipped, this.following?.expertId)
        if (step.kind === 'more') continue
        const problem = this.reach.snapshotProblem(step.snapshot.cursor)
        // Applied, it would pass every real event after it over as a duplicate; tried again after the wait.
        if (problem !== null) throw new Error(problem)
        this.changes.emit(applyWholeSnapshot(this.snapshotTargets, step.snapshot, step.skipped))
        this.reach.snapshotApplied(step.snapshot.cursor)
        continue
      }
      snapshots.events()
      // A page reaching back under the cursor, to events the platform never showed it had.
      if (!rebuilt && this.claimedWithoutShowing(page.entries)) {
        rebuilt = true
        wantSnapshot = this.rebuild
        this.rebuild = false
        continue
      }
      const before = this.cache.cursor()
      const order = eventsPageOrder(page, before)
      if (order.problem !== null) {
        // What follows on is applied; the rest is never applied out of order, but asked for again.
        if (order.following.length > 0) this.apply(order.following, true)
        const step = outOfOrder.outOfOrder(order.otherHistory)
        wantSnapshot = step === 'snapshot'
        this.deps.log.warn(
          `The platform sent the events after event ${before} out of order (${order.problem}); ${
            wantSnapshot ? 'rebuilding from a snapshot' : `asking again from event ${this.cache.cursor()}`
          }`,
        )
        continue
      }
      outOfOrder.inOrder()
      const last = page.entries.at(-1)?.id ?? before
      if (page.entries.length > 0) this.apply(page.entries, page.hasMore || last < page.latestId)
      const behind = page.hasMore || this.cache.cursor() < page.latestId
      // One unreadable event is passed over above; no progress at all means a page this version
      // cannot place, and stalledPage says whose fault that is.
      if (behind && this.cache.cursor() === before) throw stalledPage(page, before)
      if (behind) continue
      // Live events that arrived meanwhile: apply those that follow on.
      const taken = this.held.take()
      const pending = taken.filter((e) => e.id > this.cache.cursor()).sort((a, b) => a.id - b.id)
      if (!rebuilt && this.claimedWithoutShowing(taken)) {
        rebuilt = true
        for (const e of pending) this.held.hold(e)
        wantSnapshot = this.rebuild
        this.rebuild = false
        continue
      }
      if (pending.length > 0 && this.apply(pending).gap) {
        // Kept until a replay brings what comes before them. Unless some were dropped (`again`), a
        // replay that ended short of them is the platform's lagging what it pushed: asked again
        // after the wait, since at once it would say the same. They were held within the bounds.
        for (const e of pending) if (e.id > this.cache.cursor()) this.held.hold(e)
        if (this.again) continue
        const held = `event ${this.held.first?.id}`
        if (++this.shortOfLive < MOST_REPLAYS_SHORT_OF_LIVE)
          throw new Error(`the platform sent ${held} live, but its replay ends at event ${page.latestId}`)
        // A real event among them comes with the replay the next gap or connection asks for.
        this.deps.log.warn(
          `Dropped the live events from ${held} on: ${this.shortOfLive} replays in a row ended at event ${page.latestId}, short of them`,
        )
        this.held.clear()
      }
      this.shortOfLive = 0
      if (this.again) continue
      // Caught up: what is open now and was never shown is shown, once.
      cacheWrite(() => {
        this.invites.caughtUp()
        this.cache.markSynced(this.deps.clock.now())
      })
      this.failures.caughtUp()
      this.link.caughtUp()
      this.set({ kind: 'live', since: this.deps.clock.now() })
      return
    }
  }

  /** Apply `events`; `behind` when more are known to follow (a catch-up page that is not the last). */
  private apply(events: ReadonlyArray<StreamEntry>, behind = false): { gap: boolean } {
    const openBefore = this.invites.openBeforeEvents(events)
    const entries = entriesWithRoomsOnPlatform(events, this.deps.platformUrl, this.deps.log)
    const result = cacheWrite(() => this.cache.applyEvents(entries))
    if (result.applied.length + result.skipped.length > 0) this.reach.applied(result.cursor)
    if (result.skipped.length > 0)
      this.unreadable.tell(
        result.skipped.length,
        result.skipped.every((e) => e.platformFault === true),
      )
    if (result.applied.length > 0) {
      try {
        // It marks the invites it shows, so a full disk can stop it too.
        cacheWrite(() => this.invites.afterEvents(openBefore, result.applied, behind))
      } finally {
        // Told even then: the events are saved, so no replay brings them again, and the window,
        // the messages and the reminders would never hear of them. The invites are shown on the retry.
        this.changes.emit({ kind: 'events', events: result.applied })
      }
    }
    if (result.gap && this.current.kind === 'live') void this.catchUp()
    return result
  }

  /**
   * Whether any of `events`, at or below the cursor, is one the cursor claims though the platform
   * never showed it (stream-reach.ts): then the next replay rebuilds from a snapshot, since
   * dropping it as a duplicate could lose an invite, and so could every event after it.
   */
  private claimedWithoutShowing(events: ReadonlyArray<StreamEntry>): boolean {
    const cursor = this.cache.cursor()
    const digest = this.cache.cursorDigest()
    const claimed = events.find((e) => this.reach.unvouched(e, cursor, digest))
    if (claimed === undefined) return false
    if (!this.rebuild) {
      this.deps.log.warn(
        `The platform sent event ${claimed.id}, though the cache's position (event ${cursor}) says it has it: that position cannot be right, so Standby rebuilds from a fresh copy instead of passing events over`,
      )
    }
    this.rebuild = true
    return true
  }

  private set(state: SyncState): void {
    this.current = state
    this.states.emit(state)
  }
}
