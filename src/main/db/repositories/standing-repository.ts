/**
 * Which standing warnings the app already gave (the review average below the threshold, each
 * chargeback), so a restart, a replay or a reconnect repeats none; and the cached sessions a
 * chargeback was recorded against.
 */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import type { Session } from '../../../shared/protocol'
import {
  parseAllStored,
  STORED,
  storedMember,
  type StoredRow,
  withRequest,
  type SkippedRows,
} from './stored-json'

/** Reads and writes the standing warnings. Writes run inside the caller's transaction, if any. */
export class StandingRepository {
  private readonly selectWarned: Database.Statement<[string], { key: string }>
  private readonly insertWarned: Database.Statement<[string, number]>
  private readonly deleteWarned: Database.Statement<[string]>
  private readonly deleteAllWarned: Database.Statement<[]>
  private readonly selectChargedBack: Database.Statement<[], StoredRow>

  constructor(
    db: Database.Database,
    private readonly skippedRows: SkippedRows,
  ) {
    this.selectWarned = preparedOnUse(
      db,
      'SELECT key FROM standing_warnings WHERE key IN (SELECT value FROM json_each(?))',
    )
    // The first warning stands: its time says when the expert was told.
    this.insertWarned = preparedOnUse(
      db,
      'INSERT INTO standing_warnings (key, at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    )
    this.deleteWarned = preparedOnUse(db, 'DELETE FROM standing_warnings WHERE key = ?')
    this.deleteAllWarned = preparedOnUse(db, 'DELETE FROM standing_warnings')
    // A scan of every cached session: it runs only after a snapshot (an event that brings a
    // chargeback reads its own session). CASE, because a damaged row's JSON must be skipped, not
    // stop the query.
    this.selectChargedBack = preparedOnUse(
      db,
      `SELECT sessions.id, ${withRequest('sessions')} AS json FROM sessions
        JOIN requests ON requests.id = sessions.request_id
        WHERE ${storedMember('sessions.json', '$.chargeback', STORED.session, 'json_type')} = 'object'
        ORDER BY sessions.booked_start, sessions.id`,
    )
  }

  /** Of `keys`, those already warned about. */
  warned(keys: ReadonlyArray<string>): string[] {
    return this.selectWarned.all(JSON.stringify(keys)).map((row) => row.key)
  }

  /** Remember that these warnings were given at `at`. */
  markWarned(keys: ReadonlyArray<string>, at: number): void {
    for (const key of keys) this.insertWarned.run(key, at)
  }

  /** Forget one warning, so it is given again the next time it applies. */
  forget(key: string): void {
    this.deleteWarned.run(key)
  }

  /** Forget every warning (another expert's cache, or a sign-out). */
  deleteAll(): void {
    this.deleteAllWarned.run()
  }

  /** Cached sessions with a chargeback, oldest booked first. */
  chargedBack(): Session[] {
    return parseAllStored(this.selectChargedBack.all(), STORED.session, this.skippedRows)
  }
}
