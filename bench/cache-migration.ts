/**
 * Cache bench (f): migration 0021 (every cached entity's text read again as the app now reads it)
 * on 50,000 sessions, as an update runs it at the first start: on the cache as built (plain ASCII
 * text, which the migration does not parse), on two whose every request and session holds text
 * past ASCII that is already clean (looked at, not written: European, and Japanese as a
 * Japanese-speaking expert's whole cache is), and on one whose every title and client
 * name holds what cleaning now drops (parsed, written and indexed again). Beside each, the raw
 * floor: reading every session's and request's JSON and JSON.parse of it.
 */
import Database from 'better-sqlite3'
import { copyFileSync, rmSync } from 'node:fs'
import { cacheMigrations } from '../src/main/db/migrations'
import { migrate } from '../src/shared/sqlite/migrate'
import { median, ms } from './stats'

const RUNS = 3
// Only migration 0021 runs: the copies are the built cache with its version set back, so a later
// migration would find its own tables already there.
const options = { what: 'Standby cache', remedy: '', upTo: 21 }

interface MigrationCase {
  readonly name: string
  /** SQL that makes a copy of the built cache hold this case's text, as version 20 would have stored it. */
  readonly text: string
}

const CASES: ReadonlyArray<MigrationCase> = [
  { name: 'as built (ASCII)', text: '' },
  {
    name: 'clean text past ASCII in every row',
    text: `UPDATE requests SET json = json_set(json, '$.title', json_extract(json, '$.title') || ' Straße ❤️');
      UPDATE sessions SET json = json_set(json, '$.client.name', 'Zoë ' || json_extract(json, '$.client.name'));`,
  },
  {
    name: 'clean Japanese text in every row',
    text: `UPDATE requests SET json = json_set(json, '$.title', '予約の相談 ' || json_extract(json, '$.title'),
        '$.description', 'ログインできません。パスワードを再設定しても同じ画面に戻ります。');
      UPDATE sessions SET json = json_set(json, '$.client.name', '山田\u3000' || json_extract(json, '$.client.name'));`,
  },
  {
    name: 'text to clean in every row',
    text: `UPDATE requests SET json = json_set(json, '$.title', json_extract(json, '$.title') || ' \u2064\u2800\u200d');
      UPDATE sessions SET json = json_set(json, '$.client.name', '\u200d\u2800' || json_extract(json, '$.client.name'));`,
  },
]

/** A copy of `big` at version 20 holding `kase`'s text, ready for migration 0021. */
function versionTwentyCopy(big: string, kase: MigrationCase): Database.Database {
  const path = `${big}.migration`
  rmSync(path, { force: true })
  copyFileSync(big, path)
  const db = new Database(path)
  db.exec(kase.text)
  db.pragma('user_version = 20')
  return db
}

/** The floor any reading again costs: every request's and session's JSON read and parsed. */
function rawRead(db: Database.Database): number {
  const start = performance.now()
  for (const table of ['requests', 'sessions'])
    for (const json of db.prepare(`SELECT json FROM ${table}`).pluck().iterate()) JSON.parse(json as string)
  return performance.now() - start
}

/** Prints migration 0021's time on `big` (a 50,000-session cache) for each case, beside the raw read. */
export function migrationCost(big: string): void {
  console.log(`  (f) migration 0021 (text read again) at the first start, ${RUNS} runs each on a fresh copy:`)
  for (const kase of CASES) {
    const times: number[] = []
    const raw: number[] = []
    let written = 0
    for (let run = 0; run < RUNS; run++) {
      const db = versionTwentyCopy(big, kase)
      raw.push(rawRead(db))
      const before = db.prepare('SELECT total_changes()').pluck().get() as number
      const start = performance.now()
      migrate(db, cacheMigrations, options)
      times.push(performance.now() - start)
      written = (db.prepare('SELECT total_changes()').pluck().get() as number) - before
      db.close()
    }
    console.log(
      `      ${kase.name}: median ${ms(median(times))} (runs ${times.map(ms).join(', ')}), ${written} rows written; raw read and parse ${ms(median(raw))}`,
    )
  }
  rmSync(`${big}.migration`, { force: true })
}
