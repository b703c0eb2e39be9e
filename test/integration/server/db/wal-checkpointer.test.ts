import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openPlatformDatabase } from '../../../../server/src/db/open-database'
import { startWalCheckpointer, type WalCheckpointer } from '../../../../server/src/db/wal-checkpointer'

const LIMIT = 256 * 1024

describe('the WAL checkpointer', () => {
  let dir: string
  let db: Database.Database
  let checkpointer: WalCheckpointer | undefined
  const errors: string[] = []
  const walSize = (): number => statSync(`${db.name}-wal`).size
  const rows = (): number => db.prepare('SELECT COUNT(*) FROM filler').pluck().get() as number
  // A transaction as big as a fan-out's: a few dozen pages.
  const write = (): void => void db.prepare('INSERT INTO filler (bytes) VALUES (randomblob(100000))').run()

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'standby-wal-'))
    db = openPlatformDatabase(join(dir, 'platform.db'))
    db.exec('CREATE TABLE filler (bytes BLOB)')
    // From an empty WAL: the migrations' own pages are not what is measured.
    db.pragma('wal_checkpoint(TRUNCATE)')
    errors.length = 0
  })
  afterEach(async () => {
    await checkpointer?.close()
    db.close()
    rmSync(dir, { recursive: true, force: true })
    expect(errors).toEqual([])
  })

  const start = (intervalMs: number): WalCheckpointer =>
    (checkpointer = startWalCheckpointer(db, {
      intervalMs,
      maxWalBytes: LIMIT,
      onError: (m) => errors.push(m),
    }))

  it('past its limit, copies the rest back so that the next write starts the WAL over, smaller', () => {
    const wal = start(60_000)
    for (let i = 0; i < 20; i++) write()
    expect(walSize()).toBeGreaterThan(LIMIT)
    expect(wal.keepWalBounded()).toBe(true)
    write()
    expect(walSize()).toBeLessThanOrEqual(LIMIT)
    expect(rows()).toBe(21)
  })

  it('leaves a WAL under its limit alone', () => {
    const wal = start(60_000)
    write()
    const before = walSize()
    expect(before).toBeLessThan(LIMIT)
    expect(wal.keepWalBounded()).toBe(false)
    expect(walSize()).toBe(before)
  })

  it('keeps the WAL bounded while writes never pause, with no one but the worker asking', async () => {
    start(5)
    let highest = 0
    let startedOver = false
    // Writes back to back, yielding only to let the worker's reports in, as a saturated platform
    // does: the worker alone never finds a moment without a newer commit.
    for (let i = 0; i < 3_000 && !startedOver; i++) {
      write()
      const size = walSize()
      if (highest > LIMIT && size <= LIMIT) startedOver = true
      highest = Math.max(highest, size)
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    expect(highest).toBeGreaterThan(LIMIT)
    expect(startedOver).toBe(true)
  })
})
