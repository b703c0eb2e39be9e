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
import type { TimerHandle } from '../../../shared/clock'
import type { Invite, Welcome } from '../../../shared/protocol'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import { NotConnected, type PlatformLink } from '../connection/platform-link'
import type { CacheStore, StreamEntry } from '../ports/cache-store'
import type { CacheUpdate } from './cache-push'
import { CatchUpFailures, cacheWrite } from './catch-up-failures'
import { claimedWithoutShowing } from './claimed-without-showing'
import type { ApplyTargets } from './apply-targets'
import { applyEventBatch } from './event-batch'
import { heldToApply, ReplaysShortOfLive } from './held-after-replay'
import { HeldLiveEvents } from './held-live-events'
import { InviteAlerts } from './invite-alerts'
import { PacedReplay } from './paced-replay'
import { PassedOver } from '../connection/passed-over'
import { PagesOutOfOrder, eventsPageOrder, moreFollow, outOfOrderWarning, pageProgress } from './page-order'
import { SnapshotAssembly } from './snapshot-assembly'
import { stalledPage } from './stalled-page'
import { StreamReach } from './stream-reach'
import type { SyncEngineDeps } from './sync-engine-deps'
import type { SyncState } from './sync-state'
import { UnreadableNotice } from './unreadable-notice'
import { applyWholeSnapshot, startsFromSnapshot } from './whole-snapshot'

export type { SyncState } from './sync-state'

/** Drives one link's events into one cache. */
export class SyncEngine {
  private current: SyncState = { kind: 'idle' }
  private readonly held = new HeldLiveEvents()
  /** How far this connection's platform has shown its stream, against the cursor (stream-reach.ts). */
  private readonly reach = new StreamReach()
  /** The welcome of the connection being followed: a probe changes the state, not the connection. */
  private following: Welcome | undefined
  private catchingUp: Promise<void> | undefined
  private again = false
  private retry: TimerHandle | undefined
  /** Replays in a row on this connection that ended short of the live events held. */
  private readonly shortOfLive = new ReplaysShortOfLive()
  private readonly off: Unsubscribe[] = []
  /** Sync state changes. */
  readonly states = new Listeners<SyncState>()
  /** Fires after each batch that changed the cache: the events applied, or a whole snapshot. */
  readonly changes = new Listeners<CacheUpdate>()

  private readonly invites: InviteAlerts
  private readonly failures: CatchUpFailures
  private readonly pages: PacedReplay
  /** The events passed over on this connection, a few of them logged. */
  private readonly skipped: PassedOver
  /** What applying a snapshot or a batch of events goes through. */
  private readonly targets: ApplyTargets

  constructor(
    private readonly link: PlatformLink,
    private readonly cache: CacheStore,
    private readonly deps: SyncEngineDeps,
  ) {
    this.invites = new InviteAlerts(cache, deps)
    this.failures = new CatchUpFailures(deps)
    this.skipped = new PassedOver(deps.log, deps.clock)
    this.pages = new PacedReplay(link, cache, deps.log, this.skipped.once)
    this.targets = {
      ...deps,
      cache,
      invites: this.invites,
      unreadable: new UnreadableNotice(deps),
      reach: this.reach,
      changes: this.changes,
      skippedLog: this.skipped.messages,
    }
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
          this.skipped.newConnection()
          // Events held from an earlier connection may be of a history this one no longer has.
          this.held.clear()
          this.shortOfLive.reset()
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
   * These invites taken for run out are open again by the platform's clock: those whose notification
   * the expiry watch took down have it back, offline too, as it was taken down offline; those never
   * shown (they arrived while the clock was misread) are shown now, once; in the middle of a
   * catch-up, its end does it.
   */
  invitesReopened(invites: ReadonlyArray<Invite>): void {
    try {
      this.invites.reopened(invites)
      if (this.current.kind === 'live') cacheWrite(() => this.invites.caughtUp())
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
      if (claimedWithoutShowing(this.targets, [event])) void this.catchUp()
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
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true
      return this.catchingUp
    }
    // Catching up still fails until a try shows otherwise: the line the expert reads stays put meanwhile.
    if (this.current.kind !== 'failing') this.set({ kind: 'catching_up' })
    this.catchingUp = this.replayLoop()
      .catch((error: unknown) => (error instanceof NotConnected ? this.reach.stopped() : this.failed(error)))
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
    this.reach.stopped()
    const connected = this.link.state.kind === 'connected'
    const next = this.failures.failed(error, this.deps.platformTime.now(), connected)
    if (next.kind === 'stuck') return this.set(next)
    if (next.smallerPages) this.pages.smaller()
    if (!connected) return
    // The wait decides when to try again, not a call that came in meanwhile.
    this.again = false
    this.retry?.cancel()
    this.retry = this.deps.clock.setTimeout(() => void this.catchUp(), next.wait)
    this.set(next.state)
  }

  private async replayLoop(): Promise<void> {
    let wantSnapshot = this.reach.takeRebuild() || startsFromSnapshot(this.cache)
    const snapshots = new SnapshotAssembly()
    const outOfOrder = new PagesOutOfOrder()
    // Once per catch-up: a platform whose every page (or every push) reaches under its own
    // snapshot's cursor would otherwise be rebuilt from for ever, and never let the core go live.
    let rebuilt = false
    for (;;) {
      this.again = false
      const page = await this.pages.next(wantSnapshot || snapshots.nextPart !== undefined, snapshots.nextPart)
      wantSnapshot = this.reach.takeRebuild()
      if (page.kind === 'snapshot') {
        const step = snapshots.add(page.snapshot, page.skipped, this.following?.expertId)
        if (step.kind === 'whole') applyWholeSnapshot(this.targets, step)
        continue
      }
      snapshots.events()
      // A page reaching back under the cursor, to events the platform never showed it had.
      if (!rebuilt && claimedWithoutShowing(this.targets, page.entries)) {
        rebuilt = true
        wantSnapshot = this.reach.takeRebuild()
        continue
      }
      const before = this.cache.cursor()
      const order = eventsPageOrder(page, before)
      if (order.problem !== null) {
        // What follows on is applied; the rest is never applied out of order, but asked for again.
        if (order.following.length > 0) this.apply(order.following, true)
        const step = outOfOrder.outOfOrder(order.otherHistory)
        wantSnapshot = step === 'snapshot'
        this.deps.log.warn(outOfOrderWarning(before, order.problem, step, this.cache.cursor()))
        continue
      }
      outOfOrder.inOrder()
      if (page.entries.length > 0) this.apply(page.entries, moreFollow(page, before))
      const progress = pageProgress(page, before, this.cache.cursor())
      // A page this version cannot place: stalledPage says whose fault that is.
      if (progress === 'stalled') throw stalledPage(page, before)
      if (progress === 'more') continue
      // Live events that arrived meanwhile: apply those that follow on.
      const taken = this.held.take()
      const pending = heldToApply(taken, this.cache.cursor())
      if (!rebuilt && claimedWithoutShowing(this.targets, taken)) {
        rebuilt = true
        for (const e of pending) this.held.hold(e)
        wantSnapshot = this.reach.takeRebuild()
        continue
      }
      if (pending.length > 0 && this.apply(pending).gap) {
        // Kept (they were held within the bounds) until a replay brings what comes before them.
        // Unless some were dropped (`again`), the replay lags what was pushed: held-after-replay.ts.
        for (const e of pending) if (e.id > this.cache.cursor()) this.held.hold(e)
        if (this.again) continue
        const step = this.shortOfLive.endedShort(this.held.first?.id, page.latestId)
        if (step.kind === 'again') throw step.error
        this.deps.log.warn(step.warning)
        this.held.clear()
      }
      this.shortOfLive.reset()
      if (this.again || this.link.state.kind !== 'connected') continue
      // Caught up: what is open now and was never shown is shown, once.
      cacheWrite(() => {
        this.invites.caughtUp()
        this.cache.markSynced(this.deps.platformTime.now())
      })
      this.failures.caughtUp()
      this.reach.caughtUp()
      this.link.caughtUp()
      this.set({ kind: 'live', since: this.deps.platformTime.now() })
      return
    }
  }

  /** Apply `events`; `behind` when more are known to follow (a catch-up page that is not the last). */
  private apply(events: ReadonlyArray<StreamEntry>, behind = false): { gap: boolean } {
    const result = applyEventBatch(this.targets, events, behind)
    if (result.gap && this.current.kind === 'live') void this.catchUp()
    return result
  }

  private set(state: SyncState): void {
    this.current = state
    this.states.emit(state)
  }
}
