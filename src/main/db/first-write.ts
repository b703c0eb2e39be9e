/**
 * Something done once, just before a connection first writes. The marker of an open cache
 * (open-marker.ts) must be on disk before the run changes the file, yet a start that only reads
 * (the first page) need not create it: a file creation is the step of the open that stalled longest
 * on a busy disk (`npm run bench -- cache`, docs/benchmarks.md).
 */
import type Database from 'better-sqlite3'

/** The one pragma let through: it copies into the file only what this run wrote into the WAL. */
const CHECKPOINT = /^\s*wal_checkpoint\b/i

/**
 * Run `before` once, before the first write through `db`. Every write goes through one of four
 * doors, watched until then: a statement SQLite does not call read-only, compiled (it runs only
 * after), a transaction made (they exist to write), an `exec` and a `pragma` (their SQL is not looked
 * into: `user_version`, `optimize` and `incremental_vacuum` write). The first to open calls `before`
 * and the watch goes, so later calls cost nothing. The checkpoint's pragma is not a door: it copies
 * only what this run wrote (an open that found a WAL left behind checked the file and made the
 * marker at once), and the timer runs it every few seconds in a start that only reads. A connection
 * already closed writes nothing, so a call on it (a late write after close) makes no marker.
 */
export function beforeFirstWrite(db: Database.Database, before: () => void): void {
  const { prepare, exec, transaction, pragma } = db
  const first = (): void => {
    if (!db.open) return
    // The prototype's own methods show through again.
    for (const door of ['prepare', 'exec', 'transaction', 'pragma'] as const) Reflect.deleteProperty(db, door)
    before()
  }
  db.prepare = ((source: string) => {
    const statement = prepare.call(db, source)
    if (!statement.readonly) first()
    return statement
  }) as typeof db.prepare
  db.exec = (source: string) => {
    first()
    return exec.call(db, source)
  }
  db.transaction = ((run: (...args: unknown[]) => unknown) => {
    first()
    return transaction.call(db, run)
  }) as typeof db.transaction
  db.pragma = (source: string, options?: Database.PragmaOptions) => {
    if (!CHECKPOINT.test(source)) first()
    return pragma.call(db, source, options)
  }
}
