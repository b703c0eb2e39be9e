/**
 * The idempotency keys of commands whose outcome was left open, per sign-in scope, kept across a
 * restart (src/main/core/connection/retry-keys.ts says when one is kept and when forgotten).
 */
import type Database from 'better-sqlite3'
import { MOST_PICK_KEYS, PICKED_HERE } from '../../../shared/pick-key-rows'
import { preparedOnUse } from './prepared-on-use'

/** The most commands' keys the cache keeps; past it the oldest go. The core keeps fewer in memory. */
export const MOST_KEPT_RETRY_KEYS = 64

/** Whether a row is a pick's key, in SQL: the same test as isPickKeyRow (the mark holds no quote). */
export const PICK_KEY_ROW = `substr(command, 1, ${PICKED_HERE.length}) = '${PICKED_HERE}'`

/** Where one kind of key is bounded apart from the other. */
type Kind = { picks: number; most: number }

/** Reads and writes the kept retry keys. */
export class RetryKeyRepository {
  private readonly selectKey: Database.Statement<[string, string], { key: string }>
  private readonly upsertKey: Database.Statement<
    [{ scope: string; command: string; key: string; at: number }]
  >
  private readonly deleteKey: Database.Statement<[string, string]>
  private readonly deleteOldest: Database.Statement<[Kind]>
  private readonly deleteAllKeys: Database.Statement<[]>

  constructor(db: Database.Database) {
    this.selectKey = preparedOnUse(db, 'SELECT key FROM retry_keys WHERE scope = ? AND command = ?')
    this.upsertKey = preparedOnUse(
      db,
      // Kept after every key before it, even in the same millisecond or with the clock set back:
      // the bound forgets the oldest kept, never the key just kept for a command still going out.
      `INSERT INTO retry_keys (scope, command, key, kept_at) VALUES (@scope, @command, @key, max(@at,
         coalesce((SELECT max(kept_at) + 1 FROM retry_keys WHERE kept_at < ${Number.MAX_SAFE_INTEGER}), @at)))
        ON CONFLICT (scope, command) DO UPDATE SET key = excluded.key, kept_at = excluded.kept_at`,
    )
    this.deleteKey = preparedOnUse(db, 'DELETE FROM retry_keys WHERE scope = ? AND command = ?')
    // Each kind is bounded on its own: a burst of picks must not push out a command's open key.
    this.deleteOldest = preparedOnUse(
      db,
      `DELETE FROM retry_keys WHERE (${PICK_KEY_ROW}) = @picks AND (scope, command) NOT IN (
         SELECT scope, command FROM retry_keys WHERE (${PICK_KEY_ROW}) = @picks
         ORDER BY kept_at DESC, scope, command LIMIT @most)`,
    )
    this.deleteAllKeys = preparedOnUse(db, 'DELETE FROM retry_keys')
  }

  /** The key kept for `command` in `scope`; null when none is. */
  find(scope: string, command: string): string | null {
    return this.selectKey.get(scope, command)?.key ?? null
  }

  /** Keep `key` for `command` in `scope` (replacing an earlier one), forgetting the oldest of each kind past its bound. */
  keep(scope: string, command: string, key: string, at: number): void {
    this.upsertKey.run({ scope, command, key, at })
    // Both kinds, whichever this key is: an older version's picks, bounded with the commands, stay
    // within their own bound from the first key kept on.
    this.deleteOldest.run({ picks: 0, most: MOST_KEPT_RETRY_KEYS })
    this.deleteOldest.run({ picks: 1, most: MOST_PICK_KEYS })
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
