/** Shared set-up for the cache tests: temp folders removed after each test, and an open store. */
import BetterSqlite from 'better-sqlite3'
import type Database from 'better-sqlite3'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, vi } from 'vitest'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { cacheMigrations } from '../../../../src/main/db/migrations'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import type { HelpRequest } from '../../../../src/shared/protocol'
import type { HistoryFilter } from '../../../../src/shared/rules/history-filter'
import { historyCursorOf } from '../../../../src/shared/rules/history-order'
import { migrate } from '../../../../src/shared/sqlite/migrate'
import { anInvite, aRequest, aScheduledRequest, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { eventStream } from '../../../support/fixture-streams'

/** A Logger that keeps its lines. */
export interface LinesLogger extends Logger {
  readonly lines: string[]
}

/** A logger whose lines a test can read. */
export function linesLogger(): LinesLogger {
  const lines: string[] = []
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  }
}

import { useTempDirs } from '../../../support/temp-dir'

export { useTempDirs }

/** A store over a fresh cache file. */
export interface TestStore {
  readonly store: SqliteCacheStore
  readonly db: Database.Database
  readonly log: LinesLogger
  readonly path: string
}

/** Open (creating if needed) the cache at `path` and build a store over it. Closed after each test. */
export function storeFactory(): (path: string) => TestStore {
  const open: Database.Database[] = []
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close()
  })
  return (path) => {
    const { db } = openCache({ path })
    open.push(db)
    const log = linesLogger()
    return { store: new SqliteCacheStore(db, log), db, log, path }
  }
}

/** For a test file: each call gives a store over a new cache file, closed after the test. */
export function useFreshStores(): () => TestStore {
  const tempDir = useTempDirs()
  const openStore = storeFactory()
  return () => openStore(join(tempDir(), 'cache.db'))
}

/** The number of rows in `table`. */
export function countRows(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
}

/** Scheduled request number `n` proposing times from `at`, with two attachments. */
export function scheduled(n: number, at: number): HelpRequest {
  return aScheduledRequest(`req_${n}`, at, {
    createdAt: FIXTURE_NOW + n,
    attachments: [
      { name: 'a.png', sizeBytes: 10, mimeType: 'image/png', url: 'https://f.test/a.png' },
      { name: 'b.pdf', sizeBytes: 20, mimeType: 'application/pdf', url: 'https://f.test/b.pdf' },
    ],
  })
}

/** The ids of every History row, read page by page as the view scrolls, `size` rows at a time. */
export function allHistoryPages(store: SqliteCacheStore, size: number, filter?: HistoryFilter): string[] {
  const seen: string[] = []
  let page = store.sessionHistory(size, undefined, filter)
  while (page.length > 0) {
    seen.push(...page.map((s) => s.id))
    page = store.sessionHistory(size, historyCursorOf(page.at(-1)!), filter)
  }
  return seen
}

/**
 * Put at `wal` the WAL of another program's database (made in `dir`), its writes not yet copied
 * into its file: what a hand or a tool can leave beside the cache, which SQLite takes for its own.
 */
export function putOtherDatabasesWal(dir: string, wal: string): void {
  const other = new BetterSqlite(join(dir, 'other.db'))
  other.pragma('journal_mode = WAL')
  other.pragma('wal_autocheckpoint = 0')
  other.exec('CREATE TABLE notes (x); INSERT INTO notes VALUES (1)')
  copyFileSync(join(dir, 'other.db-wal'), wal)
  other.close()
}

/** A raw connection, foreign keys on as the store has them, to a new cache file in `dir` migrated up to `version`. */
export function cacheDatabaseAt(dir: string, version: number): { db: Database.Database; path: string } {
  const path = join(dir, 'cache.db')
  const db = new BetterSqlite(path)
  db.pragma('foreign_keys = ON')
  migrate(db, cacheMigrations, { what: 'Standby cache', remedy: '', upTo: version })
  return { db, path }
}

/** Writes a cache at `path` that showed one invite (its "already shown" mark), then closes it. */
export function cacheThatShowedOne(path: string): void {
  const used = openCache({ path })
  const store = new SqliteCacheStore(used.db, linesLogger())
  store.applyEvents([inviteCreated(1, anInvite({ id: 'inv_shown' }))])
  store.markNotified(['inv_shown'], FIXTURE_NOW)
  used.close()
}

/**
 * A cache as an unclean exit leaves it: made in `dir`, its file copied to `left` while its newest
 * pages (page 1 and the mark that `inv_shown` was shown among them) are still in the WAL, whose bytes
 * are returned for the test to damage and put beside `left`. `beforeExit` runs on the connection
 * last (a checkpoint that copies some or all of the WAL into the file).
 */
export function leftByUncleanExit(
  dir: string,
  left: string,
  beforeExit?: (db: Database.Database, shown: () => void) => void,
): Buffer {
  const path = join(dir, 'cache.db')
  const opened = openCache({ path })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  store.applyEvents(eventStream({ count: 50 }))
  store.applyEvents([inviteCreated(51, anInvite({ id: 'inv_shown' }))])
  const shown = () => store.markNotified(['inv_shown'], FIXTURE_NOW)
  if (beforeExit === undefined) shown()
  else beforeExit(opened.db, shown)
  copyFileSync(path, left)
  const wal = readFileSync(`${path}-wal`)
  opened.close()
  return wal
}

/** The checkpoints' timer (setInterval) faked in each test of the file, for the test to drive; nothing else. */
export function useCheckpointTimer(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })
}

/** Open invite `n`, of request `n`. */
export const numberedInvite = (n: number) =>
  anInvite({ id: `inv_${n}`, request: aRequest({ id: `req_${n}` }) })
