/**
 * Schema migrations for the platform database: one file per step, numbered by `PRAGMA
 * user_version`, each applied in its own transaction, and a database newer than this server refused.
 */
import type Database from 'better-sqlite3'

/** One schema step. `version` is the user_version after it runs. */
export interface Migration {
  readonly version: number
  readonly name: string
  up(db: Database.Database): void
}

/** Bring `db` up to the newest migration; refuse a database written by a newer server. */
export function migrate(db: Database.Database, migrations: ReadonlyArray<Migration>, upTo?: number): number {
  const target = upTo ?? migrations.length
  migrations.forEach((m, index) => {
    if (m.version !== index + 1)
      throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${index + 1}`)
  })
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new Error(
      `The platform database is at schema version ${current}, newer than this server's ${migrations.length}. ` +
        'Run a newer server, or point --db at another file.',
    )
  }
  for (const m of migrations.slice(current, target)) {
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
  return Math.max(current, target)
}
