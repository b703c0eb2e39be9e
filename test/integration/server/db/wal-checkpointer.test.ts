import { closeSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openPlatformDatabase } from '../../../../server/src/db/open-database'
import {
  startWalCheckpointer,
  type CheckpointPass,
  type WalCheckpointer,
} from '../../../../server/src/db/wal-checkpointer'

const LIMIT = 256 * 1024
const PAGE = 4096

describe('the WAL checkpointer', () => {
  let dir: string
  let db: Database.Database
  let checkpointer: WalCheckpointer | undefined
  const errors: string[] = []
  const walSize = (): number => statSync(`${db.name}-wal`, { throwIfNoEntry: false })?.size ?? 0
  const rows = (): number => db.prepare('SELECT COUNT(*) FROM filler').pluck().get() as number
  // A transaction as big as a fan-out's: a few dozen pages.
  const write = (): void => void db.prepare('INSERT INTO filler (bytes) VALUES (randomblob(100000))').run()
  const overLimit = (pass: CheckpointPass): boolean => pass.log * PAGE > LIMIT
  // The WAL header's checkpoint sequence number: SQLite adds one each time the WAL starts over.
  // A WAL cut back to nothing has no header yet, and so no generation to compare with.
  const walGeneration = (): number => {
    const header = Buffer.alloc(16)
    const fd = openSync(`${db.name}-wal`, 'r')
    try {
      return readSync(fd, header, 0, 16, 0) < 16 ? Number.NaN : header.readUInt32BE(12)
    } finally {
      closeSync(fd)
    }
  }

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

  const start = (
    onPass: (pass: CheckpointPass) => void,
    options: { cutPastBytes?: number } = {},
  ): WalCheckpointer =>
    (checkpointer = startWalCheckpointer(db, {
      intervalMs: 5,
      maxWalBytes: LIMIT,
      onError: (m) => errors.push(m),
      onPass,
      ...options,
    }))

  it('past its limit, copies the rest back so that the next write starts the WAL over, leaving the file as it is', async () => {
    const heard = new Promise<{ before: number; after: number; startedOver: boolean }>((resolve) => {
      let wrote = false
      start(
        (pass) => {
          if (wrote || !overLimit(pass)) return
          // Right after the writer's catch-up, as the platform's next transaction would come.
          const before = walSize()
          const generation = walGeneration()
          write()
          wrote = true
          resolve({ before, after: walSize(), startedOver: walGeneration() === generation + 1 })
        },
        // Only the commit is looked at here: a quiet worker would cut the file.
        { cutPastBytes: Number.POSITIVE_INFINITY },
      )
    })
    for (let i = 0; i < 20; i++) write()
    const { before, after, startedOver } = await heard
    expect(before).toBeGreaterThan(LIMIT)
    expect(startedOver).toBe(true)
    // Cutting a large file back would stall this commit; it wrote over the start of the file instead.
    expect(after).toBe(before)
    expect(rows()).toBe(21)
  })

  it('leaves a WAL under its limit alone', async () => {
    const passed = new Promise<CheckpointPass>((resolve) => start(resolve))
    write()
    const before = walSize()
    expect(before).toBeLessThan(LIMIT)
    expect(overLimit(await passed)).toBe(false)
    expect(checkpointer?.keepWalBounded()).toBe(false)
    expect(walSize()).toBe(before)
  })

  it('cuts the file back once no write came since its last pass', async () => {
    const cut = new Promise<CheckpointPass>((resolve) => start((pass) => pass.cut && resolve(pass)))
    for (let i = 0; i < 20; i++) write()
    expect(walSize()).toBeGreaterThan(LIMIT)
    // Nothing left for the writer to catch up on.
    expect((await cut).log).toBe(0)
    expect(walSize()).toBe(0)
    expect(rows()).toBe(20)
    // And the database goes on as before.
    write()
    expect(rows()).toBe(21)
  })

  it('when its worker stops, says why, has the writer checkpoint itself and still closes', async () => {
    // The worker opens the file by its name; the writer's connection keeps the file it opened.
    renameSync(db.name, `${db.name}.moved`)
    const stopped = new Promise<string>((resolve) => {
      checkpointer = startWalCheckpointer(db, { intervalMs: 5, maxWalBytes: LIMIT, onError: resolve })
    })
    expect(await stopped).toMatch(
      /^The WAL checkpoint worker stopped \(SqliteError: unable to open database file\): the server now checkpoints in its own commits/,
    )
    // A worker already gone does not hold up the server's shutdown.
    await checkpointer?.close()
    // No pass will ever come: the writer's own checkpoints start the WAL over.
    write()
    const generation = walGeneration()
    for (let i = 0; i < 100; i++) write()
    expect(walGeneration()).toBeGreaterThan(generation)
    expect(rows()).toBe(101)
  })

  it('keeps the WAL bounded while writes never pause, with no one but the worker asking', async () => {
    // The generation the WAL was in when the writer heard of a pass that found it past its limit.
    let heardOverLimitIn: number | undefined
    const workerUp = new Promise<void>((resolve) =>
      start(
        (pass) => {
          resolve()
          if (overLimit(pass)) heardOverLimitIn = walGeneration()
        },
        // A quiet worker would cut the file, which is not what is looked at here.
        { cutPastBytes: Number.POSITIVE_INFINITY },
      ),
    )
    await workerUp
    // Writes back to back, yielding only to let the worker's reports in, as a saturated platform
    // does: the worker alone never finds a moment without a newer commit. Each time the writer
    // heard of a pass past the limit, its next write must start the WAL over.
    const startedOver: boolean[] = []
    for (let i = 0; i < 3_000 && startedOver.length < 3; i++) {
      write()
      if (heardOverLimitIn !== undefined) startedOver.push(walGeneration() === heardOverLimitIn + 1)
      heardOverLimitIn = undefined
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    expect(startedOver).toEqual([true, true, true])
  })
})
