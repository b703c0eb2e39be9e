import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openPlatformDatabase } from '../../../../server/src/db/open-database'
import { Marketplace } from '../../../../server/src/marketplace/marketplace'
import { MemoryLogger } from '../../../../server/src/logger'
import { ManualClock } from '../../../../src/shared/clock'

// Another connection holding the write lock for a moment, as the checkpoint worker does while it
// cuts the WAL back: it says when it holds the lock and lets go on a timer of its own, since the
// platform's thread is blocked in SQLite's busy wait meanwhile.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.path, { fileMustExist: true })
db.exec('BEGIN IMMEDIATE')
parentPort.postMessage('locked')
setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released') }, workerData.holdMs)
`

describe("the platform's writes while another connection holds the write lock", () => {
  let dir: string
  let db: Database.Database
  let marketplace: Marketplace
  let holder: Worker | undefined

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'standby-write-lock-'))
    db = openPlatformDatabase(join(dir, 'platform.db'))
    marketplace = new Marketplace(db, new ManualClock(Date.UTC(2026, 11, 1, 12)), new MemoryLogger())
  })
  afterEach(async () => {
    await holder?.terminate()
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Resolves once a second connection holds the write lock; it lets go `holdMs` later. */
  const holdWriteLock = (holdMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      holder = new Worker(HOLDER, {
        eval: true,
        workerData: {
          driverPath: createRequire(import.meta.url).resolve('better-sqlite3'),
          path: db.name,
          holdMs,
        },
      })
      holder.once('error', reject)
      holder.on('message', (m) => m === 'locked' && resolve())
    })

  it('a request that reads before it writes waits for the lock instead of failing with "database is locked"', async () => {
    const clientId = marketplace.createClient({ name: 'Dana', timeZone: 'UTC' })
    await holdWriteLock(50)
    // createRequest reads (the client, the matching) before its first write.
    const { request } = marketplace.createRequest({
      clientId,
      title: 'Printer offline',
      description: 'It was working yesterday.',
      kind: 'instant',
      tags: ['printers'],
    })
    expect(marketplace.store.request(request.id).title).toBe('Printer offline')
  })

  it('an expert created while the lock is held is stored once it is free', async () => {
    await holdWriteLock(50)
    const id = marketplace.createExpert({
      name: 'Ada',
      email: 'ada@example.test',
      passwordHash: 'x',
      timeZone: 'UTC',
      tags: ['printers'],
    })
    expect(marketplace.store.expert(id).name).toBe('Ada')
  })
})
