/**
 * `db.transaction(work).immediate()` without its cost per call: better-sqlite3 builds four wrapper
 * functions and defines their properties each time `transaction` is called, and the platform opens
 * a transaction for every change, the writes after each fan-out's sends and its held lookups.
 */
import type Database from 'better-sqlite3'

type Runner = (work: () => unknown) => unknown

/** One wrapper per database, built on its first transaction. */
const runners = new WeakMap<Database.Database, Runner>()

/**
 * Run `work` in a transaction begun IMMEDIATE (a savepoint when one is open already), committed if
 * it returns and rolled back if it throws, as `db.transaction(work).immediate()` does.
 */
export function inImmediateTransaction<T>(db: Database.Database, work: () => T): T {
  let run = runners.get(db)
  if (run === undefined) {
    run = db.transaction((each: () => unknown) => each()).immediate
    runners.set(db, run)
  }
  return run(work) as T
}
