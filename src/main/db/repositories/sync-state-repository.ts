/** The two one-row tables: whose cache this is (`expert`) and how far it has synced (`sync_state`). */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import type { Expert } from '../../../shared/protocol'
import { StreamDigest } from '../../../shared/protocol/events'
import { Timestamp } from '../../../shared/protocol/time'
import type { KeptClockOffset } from '../../core/ports/cache-store'
import { parseStored, STORED, storedJson, type StoredRow, type SkippedRows } from './stored-json'

/** Reads and writes the expert row and the sync state. Runs inside the caller's transaction. */
export class SyncStateRepository {
  private readonly selectCursor: Database.Statement<[], { cursor: number; cursor_digest: string | null }>
  private readonly updateCursor: Database.Statement<[number, string | null]>
  private readonly selectLastSyncedAt: Database.Statement<[], { last_synced_at: number | null }>
  private readonly updateLastSyncedAt: Database.Statement<[number]>
  private readonly clearDigest: Database.Statement<[]>
  private readonly selectClockOffset: Database.Statement<
    [],
    {
      clock_offset_ms: unknown
      clock_measured_at: unknown
      clock_pace_per_ms: unknown
      clock_pace_gap_ms: unknown
    }
  >
  private readonly updateClockOffset: Database.Statement<[number, number, number | null, number | null]>
  private readonly selectPlatformUrl: Database.Statement<[], { platform_url: unknown }>
  private readonly updatePlatformUrl: Database.Statement<[string]>
  private readonly selectPartsThrough: Database.Statement<[], { parts_through: unknown }>
  private readonly updatePartsThrough: Database.Statement<[number | null]>
  private readonly selectLeftOut: Database.Statement<[], { left_out: unknown }>
  private readonly updateLeftOut: Database.Statement<[number | null]>
  private readonly resetState: Database.Statement<[]>
  private readonly selectExpert: Database.Statement<[], StoredRow>
  private readonly selectExpertId: Database.Statement<[], { id: string }>
  private readonly upsertExpert: Database.Statement<[string, string]>
  private readonly deleteExpert: Database.Statement<[]>
  private saidCursorUnreadable = false
  private saidDigestUnreadable = false
  /**
   * The cursor and digest, and the parts mark, as last read or written through this connection
   * (the only one that writes them); undefined: read them again. Every live event reads them,
   * and each read outside a transaction is one of SQLite's own. A write whose transaction rolls
   * back leaves them wrong: the store calls forgetKnown() then.
   */
  private known: { cursor: number; digest: string | null } | undefined
  private knownPartsThrough: number | undefined

  constructor(
    db: Database.Database,
    private readonly skippedRows: SkippedRows,
  ) {
    this.selectCursor = preparedOnUse(db, 'SELECT cursor, cursor_digest FROM sync_state WHERE slot = 1')
    this.updateCursor = preparedOnUse(
      db,
      'UPDATE sync_state SET cursor = ?, cursor_digest = ? WHERE slot = 1',
    )
    this.clearDigest = preparedOnUse(db, 'UPDATE sync_state SET cursor_digest = NULL WHERE slot = 1')
    this.selectLastSyncedAt = preparedOnUse(db, 'SELECT last_synced_at FROM sync_state WHERE slot = 1')
    this.updateLastSyncedAt = preparedOnUse(db, 'UPDATE sync_state SET last_synced_at = ? WHERE slot = 1')
    this.selectClockOffset = preparedOnUse(
      db,
      `SELECT clock_offset_ms, clock_measured_at, clock_pace_per_ms, clock_pace_gap_ms
       FROM sync_state WHERE slot = 1`,
    )
    this.updateClockOffset = preparedOnUse(
      db,
      `UPDATE sync_state SET clock_offset_ms = ?, clock_measured_at = ?, clock_pace_per_ms = ?,
         clock_pace_gap_ms = ? WHERE slot = 1`,
    )
    this.selectPlatformUrl = preparedOnUse(db, 'SELECT platform_url FROM sync_state WHERE slot = 1')
    this.updatePlatformUrl = preparedOnUse(db, 'UPDATE sync_state SET platform_url = ? WHERE slot = 1')
    this.selectPartsThrough = preparedOnUse(db, 'SELECT parts_through FROM sync_state WHERE slot = 1')
    this.updatePartsThrough = preparedOnUse(db, 'UPDATE sync_state SET parts_through = ? WHERE slot = 1')
    this.selectLeftOut = preparedOnUse(db, 'SELECT left_out FROM sync_state WHERE slot = 1')
    this.updateLeftOut = preparedOnUse(db, 'UPDATE sync_state SET left_out = ? WHERE slot = 1')
    this.resetState = preparedOnUse(
      db,
      `UPDATE sync_state SET cursor = 0, cursor_digest = NULL, last_synced_at = NULL,
         clock_offset_ms = NULL, clock_measured_at = NULL, platform_url = NULL, parts_through = NULL,
         left_out = NULL, clock_pace_per_ms = NULL, clock_pace_gap_ms = NULL
       WHERE slot = 1`,
    )
    this.selectExpert = preparedOnUse(
      db,
      `SELECT id, ${storedJson('json', STORED.expert)} AS json FROM expert WHERE slot = 1`,
    )
    this.selectExpertId = preparedOnUse(db, 'SELECT id FROM expert WHERE slot = 1')
    this.upsertExpert = preparedOnUse(
      db,
      `INSERT INTO expert (slot, id, json) VALUES (1, ?, ?)
       ON CONFLICT (slot) DO UPDATE SET id = excluded.id, json = excluded.json`,
    )
    this.deleteExpert = preparedOnUse(db, 'DELETE FROM expert')
  }

  /** The id of the last applied event; 0 (start from a snapshot) when the stored one is not an id. */
  cursor(): number {
    return this.storedCursor().cursor
  }

  /** The platform's digest of the event at the cursor; null when not known. */
  cursorDigest(): string | null {
    return this.storedCursor().digest
  }

  /**
   * The cursor and digest as stored, when they can be: a damaged or edited file may hold text, a
   * fraction or an infinity there, which every replay would send and the platform refuse, so the
   * cache would never catch up again. Read as "never synced", the next sync starts from a
   * snapshot, which writes a good cursor over it.
   */
  private storedCursor(): { cursor: number; digest: string | null } {
    return (this.known ??= this.readCursor())
  }

  private readCursor(): { cursor: number; digest: string | null } {
    const row = this.selectCursor.get()
    if (row === undefined) return { cursor: 0, digest: null }
    const { cursor, cursor_digest: digest } = row as { cursor: unknown; cursor_digest: unknown }
    if (typeof cursor === 'number' && Number.isSafeInteger(cursor) && cursor >= 0)
      return { cursor, digest: this.storedDigest(digest) }
    if (!this.saidCursorUnreadable) {
      this.saidCursorUnreadable = true
      this.skippedRows.logger.warn(
        'The cached sync cursor is not an event id; syncing again from a fresh copy',
      )
    }
    return { cursor: 0, digest: null }
  }

  /**
   * The digest as stored, or null ("not known": the next sync starts from a snapshot, which writes
   * a good one) when it is not one the platform sends: every replay would send it, the platform
   * refuse the request, and the cache never catch up again.
   */
  private storedDigest(digest: unknown): string | null {
    if (digest === null || StreamDigest.safeParse(digest).success) return digest as string | null
    if (!this.saidDigestUnreadable) {
      this.saidDigestUnreadable = true
      this.skippedRows.logger.warn(
        'The cached stream digest is not one the platform sends; syncing again from a fresh copy',
      )
    }
    return null
  }

  /** Move the cursor, with the digest of the event it now points at (null when not known). */
  setCursor(cursor: number, digest: string | null): void {
    this.updateCursor.run(cursor, digest)
    // Kept as a read of it would say; one that is no event id is read (and told) as such.
    this.known =
      Number.isSafeInteger(cursor) && cursor >= 0 ? { cursor, digest: this.storedDigest(digest) } : undefined
  }

  /** Read the cursor, its digest and the parts mark again at their next use: a write of them was rolled back. */
  forgetKnown(): void {
    this.known = undefined
    this.knownPartsThrough = undefined
  }

  /**
   * Forget the digest, so the next sync starts from a snapshot (see SyncEngine): what a row lost
   * to damage comes back with it, since a snapshot rewrites every row it carries.
   */
  forgetDigest(): void {
    this.clearDigest.run()
    if (this.known !== undefined) this.known = { cursor: this.known.cursor, digest: null }
  }

  /**
   * When the cache last caught up; null if never, or when what is stored is not a time (a damaged
   * or edited file): the tray and the window print it, and a date that is not one cannot be printed.
   */
  lastSyncedAt(): number | null {
    const stored: unknown = this.selectLastSyncedAt.get()?.last_synced_at ?? null
    return Timestamp.safeParse(stored).success ? (stored as number) : null
  }

  /** Record when the cache caught up. */
  setLastSyncedAt(at: number): void {
    this.updateLastSyncedAt.run(at)
  }

  /**
   * The platform clock's offset as last kept, or null when none is; the values are as stored,
   * unchecked: the core judges them (a damaged file may hold anything).
   */
  clockOffset(): KeptClockOffset | null {
    const row = this.selectClockOffset.get()
    if (row === undefined || (row.clock_offset_ms === null && row.clock_measured_at === null)) return null
    const { clock_pace_per_ms: perMs, clock_pace_gap_ms: gapMs } = row
    const pace = perMs === null && gapMs === null ? null : { perMs: perMs as number, gapMs: gapMs as number }
    return { offsetMs: row.clock_offset_ms as number, measuredAt: row.clock_measured_at as number, pace }
  }

  /** Keep the platform clock's offset for the next start. */
  setClockOffset(kept: KeptClockOffset): void {
    const { pace } = kept
    this.updateClockOffset.run(kept.offsetMs, kept.measuredAt, pace?.perMs ?? null, pace?.gapMs ?? null)
  }

  /**
   * The platform the cache was filled from; null when not known: a cache filled before it was
   * recorded, or a damaged or edited file holding something other than an address there.
   */
  platformUrl(): string | null {
    const stored = this.selectPlatformUrl.get()?.platform_url
    return typeof stored === 'string' && stored !== '' ? stored : null
  }

  /** Record the platform the cache is filled from. */
  setPlatformUrl(platformUrl: string): void {
    this.updatePlatformUrl.run(platformUrl)
  }

  /**
   * The newest event a part of the last snapshot was taken at, when past its cursor and not yet
   * passed by it; 0 when none is, or when what is stored is not an event id (a damaged or edited
   * file: at worst the expert is told of a contradiction that was not one).
   */
  partsThrough(): number {
    return (this.knownPartsThrough ??= partsMark(this.selectPartsThrough.get()?.parts_through))
  }

  /** Keep how far the last snapshot's parts ran (0: none past the cursor). */
  setPartsThrough(through: number): void {
    this.updatePartsThrough.run(through > 0 ? through : null)
    this.knownPartsThrough = partsMark(through)
  }

  /**
   * Whether the last snapshot left any entity out as too large; a value that is not the one written
   * (a damaged or edited file) is read as so: at worst one more catch-up starts from a snapshot.
   */
  snapshotLeftOut(): boolean {
    const stored = this.selectLeftOut.get()?.left_out ?? null
    return stored !== null
  }

  /** Keep whether the snapshot just applied left any entity out. */
  setSnapshotLeftOut(leftOut: boolean): void {
    this.updateLeftOut.run(leftOut ? 1 : null)
  }

  /** The cached expert, or null when there is none (or its row does not parse). */
  expert(): Expert | null {
    const row = this.selectExpert.get()
    return row === undefined ? null : parseStored(row, STORED.expert, this.skippedRows)
  }

  /** The cached expert's id, read without parsing the row. */
  expertId(): string | null {
    return this.selectExpertId.get()?.id ?? null
  }

  /** Replace the expert. */
  putExpert(expert: Expert): void {
    this.upsertExpert.run(expert.id, JSON.stringify(expert))
  }

  /** Forget the expert, the clock's offset, the platform and the snapshot's parts and left-out mark, and go back to cursor 0, never synced. */
  reset(): void {
    this.deleteExpert.run()
    this.resetState.run()
    this.forgetKnown()
  }
}

/** The parts mark as stored, when it is an event id; else 0. */
function partsMark(stored: unknown): number {
  return typeof stored === 'number' && Number.isSafeInteger(stored) && stored > 0 ? stored : 0
}
