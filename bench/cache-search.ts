/**
 * Cache bench (e): History's filtered and searched first page on 50,000 sessions, through the
 * store (query built, statement looked up, rows joined with their request and parsed) beside raw
 * better-sqlite3 running the same filter written by hand (the indexed columns, the full-text
 * MATCH, the same join and JSON.parse), with the query plan's lines for the two tables.
 */
import Database from 'better-sqlite3'
import { openCache } from '../src/main/db/open-cache'
import { SqliteCacheStore } from '../src/main/db/sqlite-cache-store'
import type { HistoryFilter } from '../src/shared/rules/history-filter'
import { median, ms, percentile } from './stats'

const CALLS = 300
const PAGE = 50
const silent = { info: () => {}, warn: () => {}, error: () => {} }

interface SearchCase {
  readonly name: string
  readonly filter: HistoryFilter
  /** The raw query's extra WHERE terms and their parameters. */
  readonly where: string
  readonly params: ReadonlyArray<string>
}

const FTS = `+sessions.rowid IN (SELECT rowid FROM session_search WHERE session_search MATCH ?)`
// A symbol (an emoji) is looked for as typed in each row's indexed text as the walk reaches it.
const LITERAL = `EXISTS (SELECT 1 FROM session_search_content WHERE id = sessions.rowid AND instr(c0, ?) > 0)`
const CASES: ReadonlyArray<SearchCase> = [
  {
    name: 'kind = scheduled',
    filter: { kind: 'scheduled' },
    where: 'sessions.kind = ?',
    params: ['scheduled'],
  },
  {
    name: 'outcome = cancelled',
    filter: { outcome: 'cancelled' },
    where: 'sessions.outcome = ?',
    params: ['cancelled'],
  },
  { name: 'one client', filter: { clientId: 'cli_3' }, where: 'sessions.client_id = ?', params: ['cli_3'] },
  { name: 'search "slow" (nearly every row)', filter: { query: 'slow' }, where: FTS, params: ['"slow"*'] },
  { name: 'search "4999" (a few rows)', filter: { query: '4999' }, where: FTS, params: ['"4999"*'] },
  // The dearest search there is: a symbol no row holds, looked for in every row of History.
  { name: 'search "🎊" (no row)', filter: { query: '🎊' }, where: LITERAL, params: ['🎊'] },
  {
    name: 'client + search "okafor"',
    filter: { clientId: 'cli_0', query: 'okafor' },
    where: `sessions.client_id = ? AND ${FTS}`,
    params: ['cli_0', '"okafor"*'],
  },
]

/** Prints each case's first-page time through the store and raw, and the plan's sessions line. */
export function historySearch(path: string): void {
  const { db } = openCache({ path, integrityCheck: 'none' })
  const store = new SqliteCacheStore(db, silent)
  const raw = new Database(path, { readonly: true })
  console.log(`  (e) History's filtered first page (${PAGE} rows) on 50,000 sessions, ${CALLS} calls each:`)
  for (const c of CASES) {
    const sql = `SELECT '{"request":' || requests.json || ',' || substr(sessions.json, 2) AS json
      FROM sessions JOIN requests ON requests.id = sessions.request_id
      WHERE state IN ('ended', 'cancelled') AND (booked_start, sessions.id) < (?, ?) AND ${c.where}
      ORDER BY booked_start DESC, sessions.id DESC LIMIT ?`
    const statement = raw.prepare<Array<string | number>, { json: string }>(sql)
    const args = [Number.MAX_SAFE_INTEGER, '', ...c.params, PAGE]
    const ours: number[] = []
    const bare: number[] = []
    let rows = 0
    for (let i = 0; i < CALLS; i++) {
      let start = performance.now()
      rows = store.sessionHistory(PAGE, undefined, c.filter).length
      ours.push(performance.now() - start)
      start = performance.now()
      for (const row of statement.all(...args)) JSON.parse(row.json)
      bare.push(performance.now() - start)
    }
    const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>)
      .map((row) => row.detail)
      .filter((detail) => /\b(sessions|session_search|session_search_content)\b/.test(detail))
      .join('; ')
    console.log(
      `      ${c.name}: ${rows} rows; store p50 ${ms(percentile(ours, 50))}, p95 ${ms(percentile(ours, 95))}; ` +
        `raw p50 ${ms(percentile(bare, 50))}, p95 ${ms(percentile(bare, 95))}; ` +
        `${(median(ours) / median(bare)).toFixed(1)}× raw (target ≤ 3×)`,
    )
    console.log(`        plan: ${plan}`)
  }
  raw.close()
  db.close()
}
