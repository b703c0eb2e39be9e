/**
 * The idempotency keys of commands whose outcome was left open, per sign-in scope, kept across a
 * restart (src/main/core/connection/retry-keys.ts says when one is kept and when forgotten).
 */
import type Database from 'better-sqlite3'
import { isPickKeyRow, MOST_PICK_KEYS, PICKED_HERE } from '../../../shared/pick-key-rows'
import { preparedOnUse } from './prepared-on-use'

/** The most commands' keys the cache keeps; past it the oldest go. The core keeps fewer in memory. */
export const MOST_KEPT_RETRY_KEYS = 64

/** Whether a row is a pick's key, in SQL: the same test as isPickKeyRow. */
const PICK_ROW = 'substr(command, 1, length(@mark)) = @mark'

/** Reads and writes the kept retry keys. */
export class RetryKeyRepository {
  private readonly selectKey: Database.Statement<[string, string], { key: string }>
  private readonly upsertKey: Database.Statement<[string, string, string, number]>
  private readonly deleteKey: Database.Statement<[string, string]>
  private readonly deleteOldest: Database.Statement<[{ mark: string; picks: number; most: number }]>
  private readonly deleteAllKeys: Database.Statement<[]>

  constructor(db: Database.Database) {
    this.selectKey = preparedOnUse(db, 'SELECT key FROM retry_keys WHERE scope = ? AND command = ?')
    this.upsertKey = preparedOnUse(
      db,
      `INSERT INTO retry_keys (scope, command, key, kept_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (scope, command) DO UPDATE SET key = excluded.key, kept_at = excluded.kept_at`,
    )
    this.deleteKey = preparedOnUse(db, 'DELETE FROM retry_keys WHERE scope = ? AND command = ?')
    // Each kind is bounded on its own: a burst of picks must not push out a command's open key.
    this.deleteOldest = preparedOnUse(
      db,
      `DELETE FROM retry_keys WHERE (${PICK_ROW}) = @picks AND (scope, command) NOT IN (
         SELECT scope, command FROM retry_keys WHERE (${PICK_ROW}) = @picks
         ORDER BY kept_at DESC, scope, command LIMIT @most)`,
    )
    this.deleteAllKeys = preparedOnUse(db, 'DELETE FROM retry_keys')
  }

  /** The key kept for `command` in `scope`; null when none is. */
  find(scope: string, command: string): string | null {
    return this.selectKey.get(scope, command)?.key ?? null
  }

  /** Keep `key` for `command` in `scope` (replacing an earlier one), forgetting the oldest of its kind past its bound. */
  keep(scope: string, command: string, key: string, at: number): void {
    this.upsertKey.run(scope, command, key, at)
    const picks = isPickKeyRow(command)
    this.deleteOldest.run({
      mark: PICKED_HERE,
      picks: picks ? 1 : 0,
      most: picks ? MOST_PICK_KEYS : MOST_KEPT_RETRY_KEYS,
    })
  }

  /** Forget the key of `command` in `scope`. */
  forget(scope: string, command: string): void {
    this.deleteKey.run(scope, command)
  }

  /** Forget every key (a sign-out, or another expert's cache). */
  deleteAll(): void {
    this.deleteAllKeys.run()
  }
}
