/**
 * Cache bench: (a) cold open of a cache holding 50,000 sessions plus the first upcoming page, each
 * run in a fresh process, beside raw better-sqlite3 opening the same file, reading the same 50 rows
 * with their requests and parsing their JSON, as a hand-written app must to show the page
 * (cache-raw-page.ts); (b) the upcoming query's p95 over many calls; (c) applying
 * 10,000 events through applyEvents beside raw prepared upserts of the same rows (with History's
 * filter columns and search text, cache-raw-upserts.ts) in the same batches; (d) the RSS of a process holding a
 * 10,000-session cache open, idle; (e) History's filtered and searched first page
 * (cache-search.ts); (f) migration 0021 (cache-migration.ts). (a) and (c) run each side in turn in blocks (bench/blocks.ts) and judge the
 * target on the per-block ratio.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCache } from '../src/main/db/open-cache'
import { SqliteCacheStore } from '../src/main/db/sqlite-cache-store'
import type { PlatformEvent } from '../src/shared/protocol'
import { aSnapshot, FIXTURE_NOW, MINUTE } from '../test/support/fixtures'
import { eventStream, manySessions } from '../test/support/fixture-streams'
import type { CacheChildMode, CacheChildResult } from './cache-child'
import { blockHeadlines, formatBlocks, runBlocks, type BlockResult } from './blocks'
import type { Headline } from './headline'
import { median, mib, ms, percentile } from './stats'
import { historySearch } from './cache-search'
import { migrationCost } from './cache-migration'
import { rawApplier } from './cache-raw-upserts'

const COLD_BLOCKS = 9
const QUERY_CALLS = 2_000
const EVENTS = 10_000
const APPLY_BLOCKS = 7
const LIVE_EVENTS = 3_000
const silent = { info: () => {}, warn: () => {}, error: () => {} }

function child(mode: CacheChildMode, path: string): Promise<CacheChildResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(new URL('./cache-child.ts', import.meta.url), [mode, path, String(FIXTURE_NOW)], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    proc.once('message', (m) => resolve(m as CacheChildResult))
    proc.once('error', reject)
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`cache-child ${mode} exited with ${code}`))
    })
  })
}

/** A cache file holding `count` sessions, written through the store. */
function buildCache(path: string, count: number): void {
  const { db } = openCache({ path })
  new SqliteCacheStore(db, silent).applySnapshot(aSnapshot({ sessions: manySessions(count), cursor: count }))
  db.close()
}

async function coldOpen(path: string): Promise<BlockResult> {
  const checked: number[] = []
  const pages = new Set<string | undefined>()
  const result = await runBlocks({
    blocks: COLD_BLOCKS,
    ours: {
      name: "the app's start",
      async run() {
        const open = await child('cold-ours', path)
        pages.add(open.page)
        checked.push((await child('cold-ours-checked', path)).ms)
        return { 'cold open + first page': open.ms }
      },
    },
    baseline: {
      name: 'raw better-sqlite3',
      async run() {
        const open = await child('cold-raw', path)
        pages.add(open.page)
        return { 'cold open + first page': open.ms }
      },
    },
    targets: { 'cold open + first page': 3 },
  })
  if (pages.size !== 1) throw new Error('the two sides of the cold open read different first pages')
  const size = statSync(path).size
  console.log(
    `  (a) cold open + first upcoming page (50 rows), 50,000 sessions, ${mib(size)} file, each a fresh process, ${COLD_BLOCKS} blocks:`,
  )
  console.log(
    "      raw better-sqlite3: open + SELECT the sessions' and their requests' JSON … ORDER BY booked_start LIMIT 50 + JSON.parse of both (the page shows the request's title); the app's start after a clean exit: openCache (pragmas, header check, migration check) + SqliteCacheStore + upcomingSessions",
  )
  for (const line of formatBlocks(result)) console.log(`      ${line}`)
  console.log(
    `      the app's start after an unclean exit, with PRAGMA quick_check: median ${ms(median(checked))}`,
  )
  return result
}

function upcomingQuery(path: string): void {
  const { db } = openCache({ path, integrityCheck: 'none' })
  const store = new SqliteCacheStore(db, silent)
  const upcoming: number[] = []
  const history: number[] = []
  for (let i = 0; i < QUERY_CALLS; i++) {
    // Move `now` through the booked range so the calls do not all hit the same rows.
    const now = FIXTURE_NOW + (i % 100) * 30 * MINUTE
    let start = performance.now()
    store.upcomingSessions(now, 50)
    upcoming.push(performance.now() - start)
    start = performance.now()
    store.sessionHistory(50, { start: now - (i % 100) * 60 * MINUTE, id: '' })
    history.push(performance.now() - start)
  }
  db.close()
  const line = (values: number[]): string =>
    `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, p99 ${ms(percentile(values, 99))}`
  console.log(`  (b) ${QUERY_CALLS} calls on 50,000 sessions, 50 rows each:`)
  console.log(`      upcomingSessions: ${line(upcoming)}`)
  console.log(`      sessionHistory:   ${line(history)}`)
}

/** Milliseconds for the whole stream, and each batch's time. */
function timeBatches(
  events: ReadonlyArray<PlatformEvent>,
  size: number,
  apply: (b: ReadonlyArray<PlatformEvent>) => void,
): { total: number; batches: number[] } {
  const batches: number[] = []
  const start = performance.now()
  for (let i = 0; i < events.length; i += size) {
    const t = performance.now()
    apply(events.slice(i, i + size))
    batches.push(performance.now() - t)
  }
  return { total: performance.now() - start, batches }
}

async function applyEvents(
  dir: string,
  events: ReadonlyArray<PlatformEvent>,
  size: number,
): Promise<BlockResult> {
  const ourBatches: number[] = []
  const figure = `batches of ${size}`
  /** One run of the whole stream on a fresh file. */
  const side = (kind: 'ours' | 'raw') => (block: number) => {
    const path = join(dir, `apply-${kind}-${size}-${block}.db`)
    const { db } = openCache({ path })
    try {
      if (kind === 'raw') return { [figure]: timeBatches(events, size, rawApplier(db)).total }
      const store = new SqliteCacheStore(db, silent)
      const timed = timeBatches(events, size, (b) => store.applyEvents(b))
      if (store.cursor() !== events.length) throw new Error('applyEvents did not apply the whole stream')
      if (block >= 0) ourBatches.push(...timed.batches)
      return { [figure]: timed.total }
    } finally {
      db.close()
      rmSync(path, { force: true })
    }
  }
  const result = await runBlocks({
    blocks: APPLY_BLOCKS,
    ours: { name: 'applyEvents', run: side('ours') },
    baseline: { name: 'raw upserts', run: side('raw') },
    targets: { [figure]: 1.5 },
  })
  for (const line of formatBlocks(result)) console.log(`      ${line}`)
  console.log(
    `        applyEvents, one batch: p50 ${ms(percentile(ourBatches, 50))}, p99 ${ms(percentile(ourBatches, 99))}, max ${ms(Math.max(...ourBatches))}`,
  )
  return result
}

/** Live traffic: one event per applyEvents call, as the socket delivers them; shows commit stalls. */
function liveEvents(dir: string, events: ReadonlyArray<PlatformEvent>): void {
  const path = join(dir, 'live.db')
  const { db } = openCache({ path })
  const store = new SqliteCacheStore(db, silent)
  const { batches } = timeBatches(events, 1, (b) => store.applyEvents(b))
  db.close()
  rmSync(path, { force: true })
  console.log(
    `      one event per call (live delivery), ${events.length} calls: p50 ${ms(percentile(batches, 50))}, ` +
      `p99 ${ms(percentile(batches, 99))}, max ${ms(Math.max(...batches))}`,
  )
}

/** Prints the cache figures and returns the headline ones. Never fails the build: errors are printed. */
export async function benchCache(): Promise<ReadonlyArray<Headline>> {
  console.log('cache')
  const dir = mkdtempSync(join(tmpdir(), 'standby-bench-cache-'))
  try {
    const big = join(dir, 'sessions-50k.db')
    buildCache(big, 50_000)
    const cold = await coldOpen(big)
    upcomingQuery(big)
    historySearch(big)
    migrationCost(big)
    const events = eventStream({ count: EVENTS })
    const counts = new Map<string, number>()
    for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1)
    console.log(
      `  (c) applying ${EVENTS.toLocaleString('en-US')} events (${[...counts].map(([t, n]) => `${n} ${t}`).join(', ')}), ${APPLY_BLOCKS} blocks, each run on a fresh file:`,
    )
    const apply100 = await applyEvents(dir, events, 100)
    const apply1000 = await applyEvents(dir, events, 1_000)
    liveEvents(dir, events.slice(0, LIVE_EVENTS))
    const small = join(dir, 'sessions-10k.db')
    buildCache(small, 10_000)
    const open = await child('rss-open', small)
    const bare = await child('rss-bare', small)
    console.log(
      `  (d) idle process holding the store open on 10,000 sessions (${mib(statSync(small).size)} file), after GC:`,
    )
    console.log(
      `      RSS ${mib(open.rss)} (heap ${mib(open.heapUsed)}); the same process without opening the cache: RSS ${mib(bare.rss)} (heap ${mib(bare.heapUsed)})`,
    )
    return [
      ...blockHeadlines('cold open', cold),
      ...blockHeadlines('apply', apply100),
      ...blockHeadlines('apply', apply1000),
      {
        name: 'RSS with 10,000 sessions open, above the bare process',
        value: open.rss - bare.rss,
        unit: 'bytes',
      },
    ]
  } catch (error) {
    console.log(
      `  cache bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    return []
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
