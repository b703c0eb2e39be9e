import { closeSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
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

  it('past its limit, copies the rest back and starts the WAL over itself, so that the next commit does not, leaving the file as it is', async () => {
    const version = db.pragma('user_version', { simple: true })
    const heard = new Promise<{ before: number; after: number; atPass: number; afterWrite: number }>(
      (resolve) => {
        let wrote = false
        start(
          (pass) => {
            if (wrote || !overLimit(pass)) return
            // Right after the writer's catch-up, as the platform's next transaction would come.
            const before = walSize()
            const atPass = walGeneration()
            write()
            wrote = true
            resolve({ before, after: walSize(), atPass, afterWrite: walGeneration() })
          },
          // Only the commit is looked at here: a quiet worker would cut the file.
          { cutPastBytes: Number.POSITIVE_INFINITY },
        )
      },
    )
    for (let i = 0; i < 20; i++) write()
    const generation = walGeneration()
    const { before, after, atPass, afterWrite } = await heard
    expect(before).toBeGreaterThan(LIMIT)
    // Starting over syncs the WAL's header: the catch-up paid for it, not the commit after it.
    expect(atPass).toBe(generation + 1)
    expect(afterWrite).toBe(atPass)
    // Cutting a large file back would stall this commit; it wrote over the start of the file instead.
    expect(after).toBe(before)
    expect(rows()).toBe(21)
    expect(db.pragma('user_version', { simple: true })).toBe(version)
  })

  it('under its limit, once the worker copied everything back, starts the WAL over itself, so that the next commit does not', async () => {
    const version = db.pragma('user_version', { simple: true })
    const heard = new Promise<{ pass: CheckpointPass; atPass: number; afterWrite: number }>((resolve) => {
      let wrote = false
      start(
        (pass) => {
          if (wrote || pass.log === 0 || pass.log !== pass.checkpointed) return
          // Right after the pass, as the platform's next transaction would come.
          const atPass = walGeneration()
          write()
          wrote = true
          resolve({ pass, atPass, afterWrite: walGeneration() })
        },
        // Only the commit is looked at here: a quiet worker would cut the file.
        { cutPastBytes: Number.POSITIVE_INFINITY },
      )
    })
    write()
    const generation = walGeneration()
    const { pass, atPass, afterWrite } = await heard
    expect(overLimit(pass)).toBe(false)
    expect(atPass).toBe(generation + 1)
    expect(afterWrite).toBe(atPass)
    expect(rows()).toBe(2)
    expect(db.pragma('user_version', { simple: true })).toBe(version)
  })

  it('while the platform is idle, starts the WAL over once and then writes nothing', async () => {
    // Another connection sees each commit of the writer's as a new data version.
    const watcher = new Database(db.name, { readonly: true })
    try {
      const version = (): number => watcher.pragma('data_version', { simple: true }) as number
      const versions: number[] = []
      const idle = new Promise<void>((resolve) =>
        start(
          () => {
            versions.push(version())
            if (versions.length === 8) resolve()
          },
          { cutPastBytes: Number.POSITIVE_INFINITY },
        ),
      )
      write()
      await idle
      // The write, then the one that started the WAL over: none since.
      expect(versions.slice(3)).toEqual(Array.from({ length: 5 }, () => versions[2]))
    } finally {
      watcher.close()
    }
  })

  it('while a reader holds a snapshot, writes to start the WAL over once at most, and cuts it once the reader lets go', async () => {
    for (let i = 0; i < 20; i++) write()
    // Another connection, its snapshot at the WAL's end: the catch-up can copy everything back, but
    // the WAL cannot start over under it.
    const reader = new Database(db.name, { readonly: true })
    try {
      reader.exec('BEGIN')
      reader.prepare('SELECT COUNT(*) FROM filler').get()
      const frames: number[] = []
      const cut = new Promise<CheckpointPass>((resolve) =>
        start((pass) => {
          if (pass.cut) return resolve(pass)
          frames.push(pass.log)
          if (frames.length === 10) reader.exec('COMMIT')
        }),
      )
      expect((await cut).log).toBe(0)
      // One write that could not start it over, then none while the platform writes nothing.
      expect(Math.max(...frames) - Math.min(...frames)).toBeLessThanOrEqual(1)
      expect(walSize()).toBe(0)
      expect(rows()).toBe(20)
    } finally {
      reader.close()
    }
  })

  it('when the write that starts the WAL over fails, says that it was this write, keeps every row and starts it over at a later pass', async () => {
    for (let i = 0; i < 20; i++) write()
    // Another connection holds the write lock, as a full disk or a stray tool would turn the write away.
    db.pragma('busy_timeout = 0')
    const blocker = new Database(db.name)
    try {
      blocker.exec('BEGIN IMMEDIATE')
      const generation = walGeneration()
      const startedOver = new Promise<void>((resolve) =>
        start(
          () => {
            if (errors.length > 0 && blocker.inTransaction) blocker.exec('COMMIT')
            if (walGeneration() > generation) resolve()
          },
          // A quiet worker would cut the file, which is not what is looked at here.
          { cutPastBytes: Number.POSITIVE_INFINITY },
        ),
      )
      await startedOver
      // What failed is named: the checkpoint before it copied everything back.
      expect(errors).toEqual([
        'Starting the WAL over after a full checkpoint failed: the write of the schema version as it was (SqliteError: database is locked); the next commit starts it over instead.',
      ])
      errors.length = 0
      expect(rows()).toBe(20)
    } finally {
      blocker.close()
    }
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
    // The generation the WAL was in each time the writer heard of a pass that found it past its limit.
    const overLimitIn: number[] = []
    const workerUp = new Promise<void>((resolve) =>
      start(
        (pass) => {
          resolve()
          if (overLimit(pass)) overLimitIn.push(walGeneration())
        },
        // A quiet worker would cut the file, which is not what is looked at here.
        { cutPastBytes: Number.POSITIVE_INFINITY },
      ),
    )
    await workerUp
    // Writes back to back, yielding only to let the worker's reports in, as a saturated platform
    // does: the worker alone never finds a moment without a newer commit. Between two passes that
    // found the WAL past its limit, it must have started over.
    for (let i = 0; i < 3_000 && overLimitIn.length < 4; i++) {
      write()
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    expect(overLimitIn).toHaveLength(4)
    for (let i = 1; i < overLimitIn.length; i++)
      expect(overLimitIn[i]).toBeGreaterThan(overLimitIn[i - 1] as number)
  })
})
