/**
 * Every cache file is opened as one Standby cannot vouch for: another program, a hand or a disk may
 * have written its schema, and SQLite runs what a schema names (a CHECK, a view, a trigger, an
 * index's expression) when a read, a write or a check reaches it. With `trusted_schema` off, SQLite
 * refuses in a schema the functions and virtual tables not marked safe for one (fts5's and rtree's
 * helpers, and whatever an extension adds), so a hostile schema can call none of them; a schema that
 * names one reads as malformed, which the open takes for damage. The cache's own schema needs none.
 */
import type Database from 'better-sqlite3'

/** Turn `trusted_schema` off on `db`, before anything reads its schema. */
export function distrustSchema(db: Database.Database): Database.Database {
  db.exec('PRAGMA trusted_schema = OFF;')
  return db
}
