/**
 * Schema migrations for any SQLite database (the platform's and the app's cache): one step per
 * file, numbered by `PRAGMA user_version`, those of one run applied in one transaction, and a database
 * newer than the code refused. The driver is described structurally, so this file imports none.
 */

/** The part of a better-sqlite3 Database that migrations need. */
export interface MigratableDatabase {
  pragma(source: string, options: { simple: true }): unknown
  pragma(source: string): unknown
  exec(source: string): unknown
  transaction<F extends () => void>(fn: F): () => void
}

/** One schema step. `version` is the user_version after it runs. */
export interface Migration<D extends MigratableDatabase = MigratableDatabase> {
  readonly version: number
  readonly name: string
  /** Runs the step; `note` takes a line for the log, when the step leaves something as it was. */
  up(db: D, note: (line: string) => void): void
}

/** Thrown when the file was written by newer code; `what` names the database for the message. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
    what: string,
    remedy: string,
  ) {
    super(`The ${what} is at schema version ${found}, newer than this version's ${supported}. ${remedy}`)
    this.name = 'DatabaseTooNewError'
  }
}

/** Bring `db` up to `upTo` (default: the newest migration); returns the version it ends at. */
export function migrate<D extends MigratableDatabase>(
  db: D,
  migrations: ReadonlyArray<Migration<D>>,
  options: { what: string; remedy: string; upTo?: number; note?: (line: string) => void },
): number {
  const note = options.note ?? (() => {})
  const target = options.upTo ?? migrations.length
  migrations.forEach((m, index) => {
    if (m.version !== index + 1)
      throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${index + 1}`)
  })
  const current = refuseWhatCannotMigrate(db, migrations.length, options)
  // All steps in one transaction: a step that fails (a disk that fills half-way) leaves the file at
  // the version it was found at, as an older Standby still reads it, never at one in between.
  db.transaction(() => {
    for (const m of migrations.slice(current, target)) {
      m.up(db, note)
      db.pragma(`user_version = ${m.version}`)
    }
  })()
  return Math.max(current, target)
}

/**
 * Throw when `db` is not a file these `count` migrations may touch: one of a newer version, at a
 * version no version writes, or another program's. Returns its version otherwise. Run before
 * anything that writes the file (a journal mode is written into its header), so a file refused is
 * left exactly as it was found.
 */
export function refuseWhatCannotMigrate(
  db: MigratableDatabase,
  count: number,
  options: { what: string; remedy: string },
): number {
  const current = Number(db.pragma('user_version', { simple: true }))
  if (current > count) throw new DatabaseTooNewError(current, count, options.what, options.remedy)
  // A negative version would slice the steps from the end and run the newest on any schema.
  if (!Number.isInteger(current) || current < 0)
    throw new Error(`The ${options.what} is at schema version ${current}, which no version writes.`)
  // Every step commits with its version, so tables at version 0 were made by another program:
  // migrating would write this schema into that program's file.
  const foreign = current === 0 ? tablesIn(db) : []
  if (foreign.length > 0) {
    throw new Error(
      `The ${options.what} holds tables no version of it made (${foreign.join(', ')}): it is another program's file.`,
    )
  }
  return current
}

/** The names of the main schema's tables, SQLite's own left out; a few at most, for a message. */
function tablesIn(db: MigratableDatabase): string[] {
  const rows = db.pragma('table_list') as ReadonlyArray<{ schema: string; name: string }>
  const names = rows.filter((row) => row.schema === 'main' && !row.name.startsWith('sqlite_'))
  return names.slice(0, 5).map((row) => row.name)
}
