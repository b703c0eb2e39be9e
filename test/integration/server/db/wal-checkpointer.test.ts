import { mkdtempSync, rmSync, statSync } from 'node:fs'
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
    let startedOver: () => void = () => undefined
    const restarted = new Promise<{ before: number; after: number; startedOver: Promise<void> }>(
      (resolve) => {
        let wrote = false
        start(
          (pass) => {
            // A pass the worker began before that write may still report the WAL as it was.
            if (wrote) return void (overLimit(pass) || startedOver())
            if (!overLimit(pass)) return
            // Right after the writer's catch-up, as the platform's next transaction would come.
            const before = walSize()
            write()
            wrote = true
            resolve({ before, after: walSize(), startedOver: new Promise((r) => (startedOver = r)) })
          },
          // Only the commit is looked at here: a quiet worker would cut the file.
          { cutPastBytes: Number.POSITIVE_INFINITY },
        )
      },
    )
    for (let i = 0; i < 20; i++) write()
    const { before, after, startedOver: walStartedOver } = await restarted
    expect(before).toBeGreaterThan(LIMIT)
    // Cutting a large file back would stall this commit; it wrote over the start of the file instead.
    expect(after).toBe(before)
    await walStartedOver
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

  it('keeps the WAL bounded while writes never pause, with no one but the worker asking', async () => {
    let highest = 0
    let startedOver = false
    start((pass) => {
      if (highest * PAGE > LIMIT && !overLimit(pass)) startedOver = true
      highest = Math.max(highest, pass.log)
    })
    // Writes back to back, yielding only to let the worker's reports in, as a saturated platform
    // does: the worker alone never finds a moment without a newer commit.
    for (let i = 0; i < 3_000 && !startedOver; i++) {
      write()
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    expect(highest * PAGE).toBeGreaterThan(LIMIT)
    expect(startedOver).toBe(true)
  })
})
