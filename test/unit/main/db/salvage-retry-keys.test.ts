// A damaged cache's replacement takes its retry keys: each kind as the cache bounds it, so the keys
// of availability picks never take the place of a command's key whose outcome is still open.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { MOST_KEPT_RETRY_KEYS } from '../../../../src/main/db/repositories/retry-key-repository'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { isPickKeyRow, MOST_PICK_KEYS, PICKED_HERE } from '../../../../src/shared/pick-key-rows'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const scope = '["https://platform.example","exp_1"]'
const command = (n: number): string => `message.send {"body":"On my way","requestId":"req_${n}"}`

describe('retry keys carried over from a damaged cache', () => {
  it('keeps every command’s key however many picks’ keys an older version left beside them', () => {
    const path = join(tempDir(), 'cache.db')
    openCache({ path }).close()
    // An older version bounded both kinds together: its last run left a few commands' keys, then
    // many picks'; this version then kept more commands' keys, the picks' left as they were.
    const picks = MOST_KEPT_RETRY_KEYS - MOST_PICK_KEYS
    const before = MOST_KEPT_RETRY_KEYS - picks
    const since = MOST_PICK_KEYS + 4
    const raw = new Database(path)
    const insert = raw.prepare('INSERT INTO retry_keys (scope, command, key, kept_at) VALUES (?, ?, ?, ?)')
    for (let n = 0; n < before; n++) insert.run(scope, command(n), `key-${n}`, n)
    for (let n = 0; n < picks; n++) insert.run(scope, `${PICKED_HERE}pick-${n}`, `pick-${n}`, 1_000 + n)
    raw.close()
    const upgraded = openCache({ path })
    const store = new SqliteCacheStore(upgraded.db, linesLogger())
    for (let n = before; n < before + since; n++) store.keepRetryKey(scope, command(n), `key-${n}`, 2_000 + n)
    upgraded.close()
    // Damaged so that opening it fails its migration, its tables still readable.
    const damaged = new Database(path)
    damaged.pragma('user_version = 3')
    damaged.close()

    const rebuilt = openCache({ path })
    const after = new SqliteCacheStore(rebuilt.db, linesLogger())
    expect(rebuilt.rebuilt?.reason).toMatch(/migration failed/)
    for (let n = 0; n < before + since; n++) expect(after.retryKey(scope, command(n))).toBe(`key-${n}`)
    const kept = rebuilt.db.prepare('SELECT command FROM retry_keys').pluck().all() as string[]
    // Of the picks' keys, the newest as many as the cache keeps.
    expect(kept.filter(isPickKeyRow).sort()).toEqual(
      Array.from(
        { length: MOST_PICK_KEYS },
        (_, i) => `${PICKED_HERE}pick-${picks - MOST_PICK_KEYS + i}`,
      ).sort(),
    )
    rebuilt.close()
  })
})
