/** Statements prepared once per SQL text: commands and fan-outs are a hot path. */
import type Database from 'better-sqlite3'

/** A `prepare` that compiles each SQL text once per database. */
export function preparedOnce(db: Database.Database): Database.Database['prepare'] {
  const statements = new Map<string, Database.Statement>()
  return ((source: string) => {
    let statement = statements.get(source)
    if (statement === undefined) {
      statement = db.prepare(source)
      statements.set(source, statement)
    }
    return statement
  }) as Database.Database['prepare']
}
