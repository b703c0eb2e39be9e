/**
 * Drops proposed_slots and attachments. They copied parts of each request out of its JSON, but
 * every read takes the request whole from `requests.json`, so the copies were only written: extra
 * statements on every changed request and rows to keep in step, for no reader.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Removes the request's derived tables; the requests, with everything in them, stay. */
export const m0005DropRequestChildren: Migration<Database.Database> = {
  version: 5,
  name: '0005-drop-request-children',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS proposed_slots_by_time;
      DROP TABLE proposed_slots;
      DROP TABLE attachments;
    `)
  },
}
