/**
 * Threads gained unread counts and message notifications. What the expert has read and what was
 * shown lives beside the messages, keyed by message id, so a snapshot that rewrites the messages
 * keeps it. A message knows whether the client wrote it without its JSON being read. Sessions
 * gained a closing note: one cached before has none, said with an explicit null as in 0007.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { fillMissingJson } from './fill-missing-json'

/** Adds `message_state` and `messages.from_client`, and `"closingNote": null` to every cached session. */
export const m0012MessageState: Migration<Database.Database> = {
  version: 12,
  name: '0012-message-state',
  up(db) {
    db.exec(`
      CREATE TABLE message_state (
        message_id TEXT PRIMARY KEY,
        read_at INTEGER,
        notified_at INTEGER
      ) WITHOUT ROWID;
      ALTER TABLE messages ADD COLUMN from_client INTEGER NOT NULL DEFAULT 0;
      UPDATE messages SET from_client = 1 WHERE json_valid(json) AND json_extract(json, '$.from') = 'client';
      CREATE INDEX messages_from_client ON messages (request_id) WHERE from_client = 1;
      ${fillMissingJson('sessions', '$.closingNote')}
    `)
  },
}
