/**
 * Statements prepared the first time they are used. The repositories hold dozens of statements
 * and a start runs few of them, so opening the cache costs what the first screen reads rather than
 * compiling every query the app might ever run (`npm run bench -- cache`, cold open).
 */
import type Database from 'better-sqlite3'

/** A statement for `source` that SQLite compiles on its first use; the same one every use after. */
export function preparedOnUse<P extends unknown[] = unknown[], R = unknown>(
  db: Database.Database,
  source: string,
): Database.Statement<P, R> {
  let statement: Database.Statement<P, R> | undefined
  // Bound once per method, so a hot statement's run() allocates nothing per call.
  const methods = new Map<PropertyKey, unknown>()
  return new Proxy({} as Database.Statement<P, R>, {
    get(_target, key) {
      statement ??= db.prepare<P, R>(source)
      const value: unknown = Reflect.get(statement, key, statement)
      if (typeof value !== 'function') return value
      let bound = methods.get(key)
      if (bound === undefined) {
        bound = (value as (...args: unknown[]) => unknown).bind(statement)
        methods.set(key, bound)
      }
      return bound
    },
  })
}

/**
 * `db.transaction(run)` made on its first call: better-sqlite3 compiles its BEGIN, COMMIT and
 * savepoint statements the first time a database makes a transaction function.
 */
export function transactionOnUse<A extends unknown[], R>(
  db: Database.Database,
  run: (...args: A) => R,
): (...args: A) => R {
  let transaction: Database.Transaction<(...args: A) => R> | undefined
  return (...args) => (transaction ??= db.transaction(run))(...args)
}
