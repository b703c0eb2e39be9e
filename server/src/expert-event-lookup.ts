/**
 * Each expert's stream, found through `expert_events` (migrations 0012-expert-lookups and
 * 0015-one-expert-lookup): the events table holds the rows in the order they were written, and this
 * lookup gives each expert's in id order, each invite's event naming its invite, so that an
 * expert's invites are found here too. The stream is the rows with `id > 0`; an invite whose event
 * was pruned while it was open keeps its row under the negated id until a compaction finds it
 * closed (past-invites.ts). The event log writes an event's row inside the transaction that
 * causes it; its lookup row is held once the event was sent, and written with those of the next
 * events (LOOKUP_BATCH) or before anything reads the lookups; what a stop left unindexed is
 * indexed when the platform opens the file, before anything reads it.
 */
import type Database from 'better-sqlite3'
import { inImmediateTransaction } from './db/immediate-transaction'
import { fillSlot } from './json-text'
import { markPhase } from './phase-trace'
import { PastInvites } from './past-invites'

/**
 * The invite an `events` row created, null for any other event: the text is the event as stored.
 * A text that does not read (damaged on disk) names none, rather than keep the platform from starting.
 */
const INVITE_OF_EVENT = `CASE WHEN type = 'invite.created' AND json_valid(payload)
  THEN json_extract(payload, '$.payload.invite.id') END`

/** One event's place in its expert's stream. */
export interface EventPlace {
  readonly expertId: string
  readonly id: number
  /** The event's row in `events`. */
  readonly seq: number
  /** The invite the event created, null for any other event. */
  readonly inviteId: string | null
}

/** When held places are written: once they name `experts` experts, or number `places`. */
export interface LookupBatch {
  readonly places: number
  readonly experts: number
}

/**
 * When held places are written. A write dirties a page or more of every expert it names (the
 * table is in expert order) and costs a little more for each row: writing several fan-outs' places
 * at once writes each expert's pages once for all of them. So the places wait until they name as
 * many experts as the write of one batch of places used to (each fan-out naming other experts, as
 * where more experts match than one fan-out invites); where the same experts are invited again and
 * again, they wait for more fan-outs, each expert's page then written once for all of them, up to
 * a number of rows that keeps the write about as long as such a batch.
 */
export const LOOKUP_BATCH: LookupBatch = { places: 1_200, experts: 400 }

/** Reads and writes `expert_events`. */
export class ExpertEventLookup {
  /** Places of committed events not yet written, in the order their events were written. */
  private held: EventPlace[] = []
  /** The experts the held places name. */
  private heldExperts = new Set<string>()
  /** Places written inside the open transaction: held again if it rolls back. */
  private writtenInTransaction: EventPlace[] = []
  private readonly insertPlace: Database.Statement<[string, number, number, string | null]>
  private readonly advance: Database.Statement<[number]>
  private readonly maxId: Database.Statement<[string], number | null>
  private readonly minId: Database.Statement<[string], number | null>
  private readonly digestAt: Database.Statement<[string, number], string>
  private readonly newestDigest: Database.Statement<[string], string>
  private readonly payloads: Database.Statement<
    [string, number, number],
    { payload: string; request_json: string | null }
  >

  private readonly pastInvites: PastInvites

  constructor(
    private readonly db: Database.Database,
    /** When held places are written (LOOKUP_BATCH unless a test says). */
    private readonly batch: LookupBatch = LOOKUP_BATCH,
  ) {
    this.pastInvites = new PastInvites(db)
    this.insertPlace = db.prepare(
      'INSERT INTO expert_events (expert_id, id, seq, invite_id) VALUES (?, ?, ?, ?)',
    )
    this.advance = db.prepare('UPDATE platform_meta SET lookups_through_seq = MAX(lookups_through_seq, ?)')
    this.maxId = db
      .prepare<[string], number | null>('SELECT MAX(id) FROM expert_events WHERE expert_id = ? AND id > 0')
      .pluck()
    this.minId = db
      .prepare<[string], number | null>('SELECT MIN(id) FROM expert_events WHERE expert_id = ? AND id > 0')
      .pluck()
    this.digestAt = db
      .prepare<[string, number], string>(
        `SELECT digest FROM expert_events AS x JOIN events ON events.seq = x.seq
           WHERE x.expert_id = ? AND x.id = ?`,
      )
      .pluck()
    this.newestDigest = db
      .prepare<[string], string>(
        `SELECT digest FROM expert_events AS x JOIN events ON events.seq = x.seq
           WHERE x.expert_id = ? ORDER BY x.id DESC LIMIT 1`,
      )
      .pluck()
    this.payloads = db.prepare(
      `SELECT payload, requests.invite_json AS request_json FROM expert_events AS x
         JOIN events ON events.seq = x.seq LEFT JOIN requests ON requests.id = events.request_id
         WHERE x.expert_id = ? AND x.id > ? ORDER BY x.id LIMIT ?`,
    )
  }

  /** Hold the places of committed events, in the order they were written, until `write`. */
  hold(places: ReadonlyArray<EventPlace>): void {
    for (const place of places) {
      this.held.push(place)
      this.heldExperts.add(place.expertId)
    }
  }

  /** Whether enough places are held that they are written now rather than with later ones. */
  get due(): boolean {
    return this.held.length >= this.batch.places || this.heldExperts.size >= this.batch.experts
  }

  /**
   * Write every held place: inside the open transaction, which then must end with `committed` or
   * `rolledBack` (rolled back, they are held again), or else in a transaction of its own. Throws
   * if they cannot be written, and then still holds them.
   */
  write(): void {
    if (this.held.length === 0) return
    const places = this.held
    this.held = []
    this.heldExperts = new Set()
    const inOpenTransaction = this.db.inTransaction
    try {
      // Inside an open transaction this is a savepoint: a failure leaves none of them written.
      inImmediateTransaction(this.db, () => this.insertAll(places))
    } catch (error) {
      this.holdAgain(places)
      throw error
    }
    if (inOpenTransaction) this.writtenInTransaction.push(...places)
    markPhase('event lookups')
  }

  /** The open transaction committed: what it wrote of the held places stays written. */
  committed(): void {
    this.writtenInTransaction = []
  }

  /** The open transaction rolled back: what it wrote of the held places is held again. */
  rolledBack(): void {
    this.holdAgain(this.writtenInTransaction)
    this.writtenInTransaction = []
  }

  /** Hold `places` again, before those held since. */
  private holdAgain(places: ReadonlyArray<EventPlace>): void {
    this.held = [...places, ...this.held]
    this.heldExperts = new Set(this.held.map((place) => place.expertId))
  }

  private insertAll(places: ReadonlyArray<EventPlace>): void {
    for (const { expertId, id, seq, inviteId } of places) this.insertPlace.run(expertId, id, seq, inviteId)
    const last = places.at(-1)
    if (last !== undefined) this.advance.run(last.seq)
  }

  /**
   * Index every event written after the last lookup write, and in the same transaction let
   * `alsoAfter` rebuild the other lookups written with theirs, from the events after that `seq`.
   */
  repair(alsoAfter: (seq: number) => void): void {
    return this.db
      .transaction(() => {
        const after =
          this.db.prepare<[], number>('SELECT lookups_through_seq FROM platform_meta').pluck().get() ?? 0
        this.db
          .prepare(
            `INSERT OR IGNORE INTO expert_events (expert_id, id, seq, invite_id)
               SELECT expert_id, id, seq, ${INVITE_OF_EVENT} FROM events WHERE seq > ?`,
          )
          .run(after)
        alsoAfter(after)
        this.db
          .prepare('UPDATE platform_meta SET lookups_through_seq = (SELECT IFNULL(MAX(seq), 0) FROM events)')
          .run()
      })
      .immediate()
  }

  /** The newest id of an expert's stream (0 before the first). */
  newestId(expertId: string): number {
    return this.maxId.get(expertId) ?? 0
  }

  /** The oldest id still kept of an expert's stream, undefined if none is. */
  oldestId(expertId: string): number | undefined {
    return this.minId.get(expertId) ?? undefined
  }

  /** The digest of an expert's event `id`, undefined if it is not kept. */
  digestOf(expertId: string, id: number): string | undefined {
    return this.digestAt.get(expertId, id)
  }

  /** The digest of an expert's newest event, undefined before the first. */
  newestDigestOf(expertId: string): string | undefined {
    return this.newestDigest.get(expertId)
  }

  /**
   * The text of an expert's events after `after`, oldest first, at most `limit`: as sent, with a
   * request kept once put back in its slot.
   */
  *pageAfter(expertId: string, after: number, limit: number): IterableIterator<string> {
    for (const { payload, request_json: request } of this.payloads.iterate(expertId, after, limit)) {
      yield request === null ? payload : fillSlot(payload, request)
    }
  }

  /**
   * Forget all but each expert's newest `keep` events (at least one). Returns how many went. A
   * closed invite's row goes into the expert's figures (PastInvites); an open one's stays, under
   * its negated id and without its event, until a compaction finds it closed. Each stream is cut
   * through its key, from its oldest kept event: a walk over the whole table would read every
   * expert's stream at every compaction.
   */
  prune(keep: number): number {
    const kept = Math.max(1, keep)
    const range = 'expert_id = ? AND id > 0 AND id <= ?'
    const deleteEvents = this.db.prepare<[string, number]>(
      `DELETE FROM events WHERE seq IN (SELECT seq FROM expert_events WHERE ${range})`,
    )
    const keepInvites = this.db.prepare<[string, number]>(
      `UPDATE expert_events SET id = -id, seq = NULL WHERE ${range} AND invite_id IS NOT NULL`,
    )
    const forget = this.db.prepare<[string, number]>(`DELETE FROM expert_events WHERE ${range}`)
    // Each expert once, found by seeking past the one before instead of reading every row.
    const streams = this.db
      .prepare<[], string>(
        `WITH RECURSIVE stream(expert_id) AS (
           SELECT MIN(expert_id) FROM expert_events
           UNION ALL
           SELECT (SELECT MIN(expert_id) FROM expert_events AS x WHERE x.expert_id > stream.expert_id)
             FROM stream WHERE stream.expert_id IS NOT NULL)
         SELECT expert_id FROM stream WHERE expert_id IS NOT NULL`,
      )
      .pluck()
    return this.db
      .transaction(() => {
        let removed = 0
        for (const expertId of streams.all()) {
          const cut = this.newestId(expertId) - kept
          const cutting = cut >= (this.oldestId(expertId) ?? Number.POSITIVE_INFINITY)
          if (cutting) removed += deleteEvents.run(expertId, cut).changes
          // The invites kept open at an earlier compaction are looked at again, cut or not.
          this.pastInvites.fold(expertId, Math.max(cut, 0))
          if (!cutting) continue
          keepInvites.run(expertId, cut)
          forget.run(expertId, cut)
        }
        return removed
      })
      .immediate()
  }
}
