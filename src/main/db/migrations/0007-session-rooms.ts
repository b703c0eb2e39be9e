/**
 * Sessions gained a room (the platform's page where the expert meets the client). A session
 * cached before has none: it says so with an explicit null, as the protocol reads a platform
 * that sends no room, so every cached row has the shape the app's types promise. The platform's
 * next update of the session brings its room.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { fillMissingJson } from './fill-missing-json'

/** Writes `"roomUrl": null` into every cached session that has no room yet. */
export const m0007SessionRooms: Migration<Database.Database> = {
  version: 7,
  name: '0007-session-rooms',
  up(db) {
    db.exec(`
      ${fillMissingJson('sessions', '$.roomUrl')}
    `)
  },
}
