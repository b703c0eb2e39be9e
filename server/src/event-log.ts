/**
 * The per-expert event stream. Events are appended inside the transaction that caused them, so an
 * event exists exactly when its change does, and its id comes from the same write: no id is ever
 * used twice. Live delivery happens only after the commit, in append order.
 */
import type Database from 'better-sqlite3'
import {
  MAX_REPLAY_PAGE,
  MAX_REPLAY_PAGE_BYTES,
  type PlatformEvent,
  type PlatformEventPayload,
  type PlatformEventType,
} from '../../src/shared/protocol'
import type { Clock } from '../../src/shared/clock'
import { Listeners, type Unsubscribe } from '../../src/shared/listeners'
import { chainDigest } from './event-digest'

/** Receives each committed event for one expert, in order. */
export type EventListener = (expertId: string, event: PlatformEvent) => void

/**
 * The answer to a replay: a page of events, or word that the cursor cannot be followed from (out
 * of the kept range, or its digest is not this stream's).
 */
export type ReplayPage =
  | { kind: 'events'; events: PlatformEvent[]; latestId: number; hasMore: boolean }
  | { kind: 'out_of_range'; latestId: number }

/** What a replay asks for beyond the cursor. */
export interface ReplayOptions {
  readonly limit?: number
  readonly maxBytes?: number
  /** The client's digest of the event at the cursor; checked against this stream's. */
  readonly digest?: string
}

/** Appends, stores, replays and publishes expert events. */
export class EventLog {
  private pending: Array<{ expertId: string; event: PlatformEvent }> = []
  private inTransaction = false
  private readonly listeners: Listeners<{ readonly expertId: string; readonly event: PlatformEvent }>
  /** The newest id per expert, read once from the table and then kept here: one write per event. */
  private readonly latestIds = new Map<string, number>()
  /** The digest of each expert's newest event, kept beside its id for the same reason. */
  private readonly latestDigests = new Map<string, string>()
  private readonly epoch: string
  private readonly touched = new Set<string>()
  private readonly maxId: Database.Statement<[string], { latest: number | null }>
  private readonly newestDigest: Database.Statement<[string], { digest: string }>
  private readonly digestOf: Database.Statement<[string, number], { digest: string }>
  private readonly insert: Database.Statement<[string, number, string, number, string, string]>
  private readonly page: Database.Statement<[string, number, number], { payload: string }>
  private readonly oldestId: Database.Statement<[string], { oldest: number | null }>

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    onListenerError: (error: unknown) => void = (error) => console.error('Event listener failed:', error),
  ) {
    // The change is committed before listeners hear of it: a failing listener must not turn it
    // into a reported failure (the caller would retry and act twice), nor stop delivery to the others.
    this.listeners = new Listeners(onListenerError)
    this.maxId = db.prepare('SELECT MAX(id) AS latest FROM events WHERE expert_id = ?')
    this.newestDigest = db.prepare('SELECT digest FROM events WHERE expert_id = ? ORDER BY id DESC LIMIT 1')
    this.digestOf = db.prepare('SELECT digest FROM events WHERE expert_id = ? AND id = ?')
    this.insert = db.prepare(
      'INSERT INTO events (expert_id, id, type, at, payload, digest) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.page = db.prepare('SELECT payload FROM events WHERE expert_id = ? AND id > ? ORDER BY id LIMIT ?')
    this.oldestId = db.prepare('SELECT MIN(id) AS oldest FROM events WHERE expert_id = ?')
    this.epoch =
      db.prepare<[], { stream_epoch: string }>('SELECT stream_epoch FROM platform_meta').get()
        ?.stream_epoch ?? ''
  }

  /**
   * Run `work` in one transaction; the events it appends are published once it commits, and
   * dropped if it throws. Nested calls join the outer transaction.
   */
  transact<T>(work: () => T): T {
    if (this.inTransaction) return work()
    this.inTransaction = true
    let result: T
    try {
      result = this.db.transaction(work)()
    } catch (error) {
      this.pending = []
      // The rolled-back ids were never stored; forget them so they are handed out again.
      for (const expertId of this.touched) {
        this.latestIds.delete(expertId)
        this.latestDigests.delete(expertId)
      }
      throw error
    } finally {
      this.inTransaction = false
      this.touched.clear()
    }
    const committed = this.pending
    this.pending = []
    for (const entry of committed) this.listeners.emit(entry)
    return result
  }

  /** Append an event for one expert. Must run inside `transact`. */
  append<T extends PlatformEventType>(
    expertId: string,
    type: T,
    payload: PlatformEventPayload<T>,
  ): PlatformEvent {
    if (!this.inTransaction) throw new Error('EventLog.append must run inside transact()')
    const id = this.latestId(expertId) + 1
    const unsigned = { id, type, at: this.clock.now(), payload }
    const digest = chainDigest(this.latestDigest(expertId), JSON.stringify(unsigned))
    const event = { ...unsigned, digest } as PlatformEvent
    this.insert.run(expertId, event.id, type, event.at, JSON.stringify(event), digest)
    this.latestIds.set(expertId, id)
    this.latestDigests.set(expertId, digest)
    this.touched.add(expertId)
    this.pending.push({ expertId, event })
    return event
  }

  /** Subscribe to committed events; returns the unsubscribe function. */
  subscribe(listener: EventListener): Unsubscribe {
    return this.listeners.add(({ expertId, event }) => listener(expertId, event))
  }

  /** The newest event id for an expert (0 before the first). */
  latestId(expertId: string): number {
    let latest = this.latestIds.get(expertId)
    if (latest === undefined) {
      latest = this.maxId.get(expertId)?.latest ?? 0
      this.latestIds.set(expertId, latest)
    }
    return latest
  }

  /** The digest of an expert's event `id`; undefined once pruned, or for id 0. */
  digestAt(expertId: string, id: number): string | undefined {
    return id === 0 ? undefined : this.digestOf.get(expertId, id)?.digest
  }

  /**
   * The events after `after` (at most `limit`, and `maxBytes` unless one event alone is larger),
   * or out_of_range if they are no longer all kept, never existed, or the client's digest of the
   * event at `after` is not this stream's: its history went another way, so only a snapshot helps.
   */
  replay(expertId: string, after: number, options: ReplayOptions = {}): ReplayPage {
    const { limit = MAX_REPLAY_PAGE, maxBytes = MAX_REPLAY_PAGE_BYTES, digest } = options
    const latest = this.latestId(expertId)
    const oldest = this.oldestId.get(expertId)?.oldest ?? latest + 1
    if (after > latest || after < oldest - 1) return { kind: 'out_of_range', latestId: latest }
    // The event just before the oldest kept one is gone, so a digest for it cannot be checked.
    if (digest !== undefined && after > 0 && this.digestAt(expertId, after) !== digest) {
      return { kind: 'out_of_range', latestId: latest }
    }
    const events: PlatformEvent[] = []
    let bytes = 0
    for (const row of this.page.iterate(expertId, after, limit)) {
      bytes += Buffer.byteLength(row.payload)
      if (events.length > 0 && bytes > maxBytes) break
      events.push(JSON.parse(row.payload) as PlatformEvent)
    }
    const last = events.at(-1)?.id ?? after
    return { kind: 'events', events, latestId: latest, hasMore: last < latest }
  }

  private latestDigest(expertId: string): string {
    let digest = this.latestDigests.get(expertId)
    if (digest === undefined) {
      digest = this.newestDigest.get(expertId)?.digest ?? this.epoch
      this.latestDigests.set(expertId, digest)
    }
    return digest
  }

  /**
   * Forget all but the newest `keep` events of every expert. Returns how many were removed. At
   * least the newest event always stays, since it is where the next id comes from.
   */
  prune(keep: number): number {
    return this.db
      .prepare(
        `DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events AS newest WHERE newest.expert_id = events.expert_id) - ?`,
      )
      .run(Math.max(1, keep)).changes
  }
}
