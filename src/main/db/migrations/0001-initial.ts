/**
 * The first cache schema: the signed-in expert, requests with their proposed slots and attachment
 * metadata, invites, sessions, messages and the sync state. Each entity keeps its protocol JSON,
 * so a read returns what the platform sent; the other columns exist for the queries. An invite's
 * or a session's JSON leaves out its request, which is stored once in `requests` and joined back
 * on read: every session would otherwise carry a second copy of the largest part of its row.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Creates every table the offline cache needs to show invites, sessions and threads. */
export const m0001Initial: Migration<Database.Database> = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(`
      -- One row: whose cache this is. Another expert signing in clears everything.
      CREATE TABLE expert (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        id TEXT NOT NULL,
        json TEXT NOT NULL
      );

      -- One row: the id of the last applied event, and when the cache last caught up.
      CREATE TABLE sync_state (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        cursor INTEGER NOT NULL CHECK (cursor >= 0),
        last_synced_at INTEGER
      );
      INSERT INTO sync_state (slot, cursor, last_synced_at) VALUES (1, 0, NULL);

      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('instant', 'scheduled')),
        created_at INTEGER NOT NULL,
        json TEXT NOT NULL
      );

      -- The times a client proposed for a scheduled request, to find open slots by time.
      CREATE TABLE proposed_slots (
        request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        PRIMARY KEY (request_id, at)
      ) WITHOUT ROWID;
      CREATE INDEX proposed_slots_by_time ON proposed_slots (at);

      -- What a client attached; the bytes stay on the platform.
      CREATE TABLE attachments (
        request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        mime_type TEXT NOT NULL,
        url TEXT NOT NULL,
        PRIMARY KEY (request_id, position)
      ) WITHOUT ROWID;

      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES requests (id),
        state TEXT NOT NULL
          CHECK (state IN ('open', 'accepted', 'declined', 'taken', 'expired', 'withdrawn')),
        sent_at INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX invites_by_request ON invites (request_id);
      CREATE INDEX invites_open ON invites (sent_at DESC, id DESC) WHERE state = 'open';
      CREATE INDEX invites_missed ON invites (sent_at DESC, id DESC)
        WHERE state IN ('declined', 'taken', 'expired', 'withdrawn');

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES requests (id),
        state TEXT NOT NULL CHECK (state IN ('booked', 'live', 'ended', 'cancelled')),
        booked_start INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX sessions_by_request ON sessions (request_id);
      CREATE INDEX sessions_upcoming ON sessions (booked_start, id) WHERE state IN ('booked', 'live');
      CREATE INDEX sessions_history ON sessions (booked_start DESC, id DESC)
        WHERE state IN ('ended', 'cancelled');

      -- The pre-session thread; a message may arrive before its request is cached, so no foreign key.
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX messages_by_request ON messages (request_id, sent_at, id);
    `)
  },
}
