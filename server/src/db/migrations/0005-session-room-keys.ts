/**
 * Each session gets a room: the page where the expert meets the client, at a link that carries a
 * key of its own (see room/room-link.ts). Sessions booked before rooms existed get a key here.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `sessions.room_key` and draws a random key for every session already stored. */
export const m0005SessionRoomKeys: Migration<Database.Database> = {
  version: 5,
  name: '0005-session-room-keys',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN room_key TEXT NOT NULL DEFAULT '';
      UPDATE sessions SET room_key = lower(hex(randomblob(16)));
    `)
  },
}
