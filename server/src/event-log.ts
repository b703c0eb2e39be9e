/**
 * The per-expert event stream. Events are appended inside the transaction that caused them, so an
 * event exists exactly when its change does, and its id comes from the same write: no id is ever
 * used twice. Live delivery happens only after the commit, in append order: to the senders (the
 * network, queued a slice per turn: send-queue.ts), the deferred writes, every other listener.
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
import { DeferredWrites } from './deferred-writes'
import { inImmediateTransaction } from './db/immediate-transaction'
import { chainDigest, closeWithDigest } from './event-digest'
import type { EventListener, NewEvent, ReplayOptions, ReplayPage } from './event-log-types'
import { markPhase } from './phase-trace'
import { ExpertEventLookup, type EventPlace, type LookupBatch } from './expert-event-lookup'
import { SendQueue } from './send-queue'
import { StreamHeads } from './stream-heads'

export type { EventListener, NewEvent, ReplayOptions, ReplayPage } from './event-log-types'

/** A committed event as listeners hear of it. */
interface Committed {
  readonly expertId: string
  readonly event: PlatformEvent
  readonly json: string
}

/** Appends, stores, replays and publishes expert events. */
export class EventLog {
  private pending: Committed[] = []
  private inTransaction = false
  private readonly senders: Listeners<Committed>
  private readonly outbox = new SendQueue<Committed>((entry) => this.senders.emit(entry))
  private readonly listeners: Listeners<Committed>
  /** The writes put off until after delivery (deferred-writes.ts). */
  private readonly writes: DeferredWrites
  /** Each stream's newest id and digest (stream-heads.ts). */
  private readonly heads: StreamHeads
  /** The digest a cursor of 0 has: the stream's start, this database's own; undefined without an epoch. */
  private readonly startDigest: string | undefined
  /** The places of the events the open transaction appended, indexed after delivery. */
  private placed: EventPlace[] = []
  private readonly lookup: ExpertEventLookup
  private readonly insert: Database.Statement<[string, number, string, number, string, string, string | null]>

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    onListenerError: (error: unknown) => void = (error) => console.error('Event listener failed:', error),
    private readonly onDeferredError: (error: unknown) => void = (error) =>
      console.error('A write deferred until after delivery failed; retried with the next change:', error),
    /**
     * Rebuilds, from the events after a `seq`, what writes deferred with them would have written:
     * run when the log opens, for the events a stop left without their lookups.
     */
    repairAfter: (seq: number) => void = () => {},
    /** When the lookups held after delivery are written together. */
    lookupBatch?: LookupBatch,
  ) {
    // The change is committed before listeners hear of it: a failing listener must not turn it
    // into a reported failure (the caller would retry and act twice), nor stop delivery to the others.
    this.senders = new Listeners(onListenerError)
    this.listeners = new Listeners(onListenerError)
    this.writes = new DeferredWrites(db, this.onDeferredError)
    this.lookup = new ExpertEventLookup(db, lookupBatch)
    // Before anything reads a stream: events a stop left unindexed would be skipped by replay
    // and, worse, their ids handed out again.
    this.lookup.repair(repairAfter)
    this.insert = db.prepare(
      'INSERT INTO events (expert_id, id, type, at, payload, digest, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const epoch =
      db.prepare<[], { stream_epoch: string }>('SELECT stream_epoch FROM platform_meta').get()
        ?.stream_epoch ?? ''
    this.heads = new StreamHeads(this.lookup, epoch)
    // Never an event's: an event's text starts with its brace.
    this.startDigest = epoch === '' ? undefined : chainDigest(epoch, 'start')
  }

  /**
   * Run `work` in one transaction; the events it appends are published once it commits, and
   * dropped if it throws. Nested calls join the outer transaction.
   *
   * Every write transaction here begins IMMEDIATE: one that began reading and then wrote while the
   * checkpoint worker held the write lock (cutting the WAL back) would fail at once with "database
   * is locked", since SQLite calls no busy handler for a reader that asks to write.
   */
  transact<T>(work: () => T): T {
    if (this.inTransaction) return work()
    this.inTransaction = true
    markPhase('begun')
    const carried = this.writes.takeCarried()
    this.placed = []
    let result: T
    try {
      result = inImmediateTransaction(this.db, () => {
        for (const write of carried) write()
        return work()
      })
    } catch (error) {
      this.pending = []
      this.placed = []
      this.writes.rolledBack(carried)
      this.heads.rollBack()
      this.lookup.rolledBack()
      throw error
    } finally {
      this.inTransaction = false
      this.heads.transactionEnded()
    }
    markPhase('committed')
    this.lookup.committed()
    this.lookup.hold(this.placed)
    this.placed = []
    const committed = this.pending
    this.pending = []
    this.outbox.push(committed)
    markPhase('delivered')
    this.writes.writeDeferred()
    if (this.lookup.due) this.writeLookups()
    markPhase('lookups written')
    for (const entry of committed) this.listeners.emit(entry)
    return result
  }

  /** Whether a transaction is open: a `transact` now joins it. */
  get inTransactionNow(): boolean {
    return this.inTransaction
  }

  /**
   * Run `write` in a transaction of its own once the current one has committed and its events were
   * sent: for what can be rebuilt from the committed rows (a lookup, a derived column), so no
   * invite waits for it. If its transaction fails, it runs again inside the next one. Must run
   * inside `transact`.
   */
  afterDelivery(write: () => void): void {
    if (!this.inTransaction) throw new Error('EventLog.afterDelivery must run inside transact()')
    this.writes.defer(write)
  }

  /**
   * Write now what a failed write after delivery left for the next change: a replay, a snapshot
   * or a prune must find every event already sent. Throws if it still cannot be written, rather
   * than let a reader answer without those events.
   */
  settle(): void {
    if (!this.inTransaction) this.writes.settle()
    this.settleLookups()
  }

  /**
   * Write the stream lookups held back from the last fan-outs (with the open transaction, if one
   * is): for a read that joins them outside this log. Throws if they cannot be written.
   */
  settleLookups(): void {
    this.lookup.write()
  }

  /** Write the held lookups after delivery; a failure is reported, and they stay held. */
  private writeLookups(): void {
    try {
      this.lookup.write()
    } catch (error) {
      this.onDeferredError(error)
    }
  }

  /** Append an event for one expert. Must run inside `transact`. */
  append<T extends PlatformEventType>(
    expertId: string,
    type: T,
    payload: PlatformEventPayload<T>,
  ): PlatformEvent {
    return this.appendAll([{ expertId, type, payload }])[0] as PlatformEvent
  }

  /**
   * Append events, in order, each to its expert's stream. Must run inside `transact`. Each event is
   * serialized once: its digest is taken over that text, its row stores it with the digest added,
   * and listeners get the same text to send.
   */
  appendAll(entries: ReadonlyArray<NewEvent>): PlatformEvent[] {
    if (!this.inTransaction) throw new Error('EventLog.append must run inside transact()')
    const at = this.clock.now()
    const count = entries.length
    // Each step's results by index, not an object per event and step: garbage brings a pause closer.
    const [ids, heads, opens] = [new Array<number>(count), new Array<string>(count), new Array<string>(count)]
    let [lastType, typeJson] = ['', '']
    for (let i = 0; i < count; i++) {
      const { expertId, type, payload, payloadJson } = entries[i] as NewEvent
      const id = this.heads.nextId(expertId)
      ids[i] = id
      // A fan-out's events are all of one type: its text is written once.
      if (type !== lastType) [lastType, typeJson] = [type, JSON.stringify(type)]
      // JSON.stringify({ id, type, at, payload }) without its closing brace: the digest follows.
      const head = `{"id":${id},"type":${typeJson},"at":${at},"payload":`
      heads[i] = head
      opens[i] = `${head}${payloadJson ?? JSON.stringify(payload)}`
    }
    markPhase('events serialized')
    const digests: string[] = new Array<string>(count)
    for (let i = 0; i < count; i++) {
      const { expertId } = entries[i] as NewEvent
      const digest = chainDigest(this.heads.latestDigest(expertId), `${opens[i]}}`)
      this.heads.signed(expertId, digest)
      digests[i] = digest
    }
    markPhase('digests')
    const events: PlatformEvent[] = new Array<PlatformEvent>(count)
    const placed = this.placed
    for (let i = 0; i < count; i++) {
      const { expertId, type, payload, storedPayloadJson: stored, inviteId } = entries[i] as NewEvent
      const id = ids[i] as number
      const digest = digests[i] as string
      const wire = closeWithDigest(opens[i] as string, digest)
      const row = stored === undefined ? wire : closeWithDigest(`${heads[i]}${stored.json}`, digest)
      const event = { id, type, at, payload, digest } as PlatformEvent
      const requestId = stored?.requestId ?? null
      const { lastInsertRowid } = this.insert.run(expertId, id, type, at, row, digest, requestId)
      placed.push({ expertId, id, seq: Number(lastInsertRowid), inviteId: inviteId ?? null })
      this.pending.push({ expertId, event, json: wire })
      events[i] = event
    }
    markPhase('event rows')
    return events
  }

  /** Subscribe to committed events; returns the unsubscribe function. */
  subscribe(listener: EventListener): Unsubscribe {
    return this.listeners.add(({ expertId, event, json }) => listener(expertId, event, json))
  }

  /**
   * Subscribe a listener that only hands committed events to the network. Senders hear of each
   * event before the writes deferred until after delivery, so those writes never delay an invite;
   * a sender must not read the database.
   */
  subscribeSender(listener: EventListener): Unsubscribe {
    return this.senders.add(({ expertId, event, json }) => listener(expertId, event, json))
  }

  /** The newest event id for an expert (0 before the first). */
  latestId(expertId: string): number {
    return this.heads.latestId(expertId)
  }

  /**
   * The digest of an expert's event `id`, undefined once pruned; for id 0, the stream's start, so
   * that a client whose expert has no event yet can prove which history its cache began on too.
   */
  digestAt(expertId: string, id: number): string | undefined {
    this.settle()
    return id === 0 ? this.startDigest : this.lookup.digestOf(expertId, id)
  }

  /**
   * The events after `after` (at most `limit`, and `maxBytes` unless one event alone is larger),
   * or out_of_range if they are no longer all kept, never existed, or the client's digest of the
   * event at `after` is not this stream's: its history went another way, so only a snapshot helps.
   */
  replay(expertId: string, after: number, options: ReplayOptions = {}): ReplayPage {
    const { limit = MAX_REPLAY_PAGE, maxBytes = MAX_REPLAY_PAGE_BYTES, digest } = options
    this.settle()
    const latest = this.latestId(expertId)
    const oldest = this.lookup.oldestId(expertId) ?? latest + 1
    if (after > latest || after < oldest - 1) return { kind: 'out_of_range', latestId: latest }
    // The event just before the oldest kept one is gone: a cursor there replays without a digest,
    // but a digest for it cannot be checked, so that cursor gets a snapshot instead.
    if (digest !== undefined && this.digestAt(expertId, after) !== digest) {
      return { kind: 'out_of_range', latestId: latest }
    }
    const events: PlatformEvent[] = []
    let bytes = 0
    for (const payload of this.lookup.pageAfter(expertId, after, limit)) {
      bytes += Buffer.byteLength(payload)
      if (events.length > 0 && bytes > maxBytes) break
      events.push(JSON.parse(payload) as PlatformEvent)
    }
    const last = events.at(-1)?.id ?? after
    return { kind: 'events', events, latestId: latest, hasMore: last < latest }
  }

  /**
   * Forget all but the newest `keep` events of every expert. Returns how many were removed. At
   * least the newest event always stays, since it is where the next id comes from.
   */
  prune(keep: number): number {
    this.settle()
    return this.lookup.prune(keep)
  }
}
