/**
 * Child process for the cache bench: a fresh process for each cold open, and one that holds the
 * store open for the idle RSS figure. Run with `node --import tsx`; answers over IPC.
 */
import Database from 'better-sqlite3'
import { openCache } from '../src/main/db/open-cache'
import { SqliteCacheStore } from '../src/main/db/sqlite-cache-store'
import { rawUpcomingPage } from './cache-raw-page'
import { AUTO_CANCEL_AFTER_MS } from '../src/shared/rules/session-timing'

/** What the child was asked to do. */
export type CacheChildMode = 'cold-ours' | 'cold-ours-checked' | 'cold-raw' | 'rss-open' | 'rss-bare'

/** What the child reports. */
export interface CacheChildResult {
  readonly ms: number
  readonly rows: number
  readonly rss: number
  readonly heapUsed: number
  /** The ids of the first page, in order, so the bench can check both sides showed the same one. */
  readonly page?: string
}

type ColdResult = Pick<CacheChildResult, 'ms' | 'rows' | 'page'>

const silent = { info: () => {}, warn: () => {}, error: () => {} }

function coldOurs(path: string, now: number, checked: boolean): ColdResult {
  const start = performance.now()
  // As the app opens it: after a clean exit ('after-unclean-exit' skips the full check), or after
  // an unclean one (the full check runs, as 'quick' forces).
  const opened = openCache({ path, integrityCheck: checked ? 'quick' : 'after-unclean-exit' })
  const page = new SqliteCacheStore(opened.db, silent).upcomingSessions(now, 50)
  const ms = performance.now() - start
  opened.close()
  return { ms, rows: page.length, page: page.map((session) => session.id).join(' ') }
}

/** The same page read by raw better-sqlite3 (cache-raw-page.ts), from opening the file. */
function coldRaw(path: string, now: number): ColdResult {
  const start = performance.now()
  const db = new Database(path)
  const page = rawUpcomingPage(db, now - AUTO_CANCEL_AFTER_MS, 50)
  const ms = performance.now() - start
  db.close()
  return { ms, rows: page.length, page: page.map((session) => session.id).join(' ') }
}

async function idleRss(
  path: string | null,
  now: number,
): Promise<{ rss: number; heapUsed: number; rows: number }> {
  let rows = 0
  if (path !== null) {
    const { db } = openCache({ path })
    const store = new SqliteCacheStore(db, silent)
    rows =
      store.upcomingSessions(now, 50).length + store.sessionHistory(50).length + store.openInvites(now).length
    // Keep the store reachable while measuring, as a running app would.
    globalThis.heldCacheStore = store
  }
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed, rows }
}

declare global {
  var heldCacheStore: unknown
}

const [mode, path, nowText] = process.argv.slice(2) as [CacheChildMode, string, string]
const now = Number(nowText)
// Load the native addon first in every mode: the figures are about opening a file, not dlopen.
new Database(':memory:').close()
let result: CacheChildResult
switch (mode) {
  case 'cold-ours':
  case 'cold-ours-checked':
    result = { ...coldOurs(path, now, mode === 'cold-ours-checked'), rss: 0, heapUsed: 0 }
    break
  case 'cold-raw':
    result = { ...coldRaw(path, now), rss: 0, heapUsed: 0 }
    break
  case 'rss-open':
  case 'rss-bare':
    result = { ...(await idleRss(mode === 'rss-open' ? path : null, now)), ms: 0 }
    break
}
process.send?.(result, () => process.exit(0))
