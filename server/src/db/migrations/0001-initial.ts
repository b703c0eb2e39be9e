/** The first platform schema: accounts, requests, invites, sessions, messages and the event log. */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Creates every table the reference platform needs. */
export const m0001Initial: Migration<Database.Database> = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE experts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        availability TEXT NOT NULL CHECK (availability IN ('online','away','busy','offline')),
        online_until INTEGER,
        tags TEXT NOT NULL,
        rating REAL,
        last_invited_at INTEGER NOT NULL DEFAULT 0
      );
      -- No index on (availability, last_invited_at): every fan-out rewrites last_invited_at of
      -- each invited expert, and that index cost more there than it saved matching (npm run bench).
      CREATE TABLE expert_tags (
        tag TEXT NOT NULL,
        expert_id TEXT NOT NULL REFERENCES experts(id),
        PRIMARY KEY (tag, expert_id)
      ) WITHOUT ROWID;
      CREATE TABLE tokens (
        token_hash TEXT PRIMARY KEY,
        expert_id TEXT NOT NULL REFERENCES experts(id),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        time_zone TEXT NOT NULL
      );
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients(id),
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        attachments TEXT NOT NULL,
        tags TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('instant','scheduled')),
        proposed_times TEXT NOT NULL,
        expected_duration_minutes INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open','booked','withdrawn','expired')),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES requests(id),
        expert_id TEXT NOT NULL REFERENCES experts(id),
        reason TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        state TEXT NOT NULL,
        answered_at INTEGER,
        UNIQUE (request_id, expert_id)
      );
      CREATE INDEX invites_open_by_expiry ON invites (expires_at) WHERE state = 'open';
      CREATE INDEX invites_by_expert ON invites (expert_id, state);
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE REFERENCES requests(id),
        expert_id TEXT NOT NULL REFERENCES experts(id),
        client_id TEXT NOT NULL REFERENCES clients(id),
        kind TEXT NOT NULL,
        booked_start INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('booked','live','ended','cancelled')),
        phase TEXT NOT NULL CHECK (phase IN ('context','billable')),
        expert_joined_at INTEGER,
        client_joined_at INTEGER,
        billing_started_at INTEGER,
        ended_at INTEGER,
        outcome TEXT,
        cancellation TEXT,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_active_by_start ON sessions (booked_start) WHERE state IN ('booked','live');
      CREATE INDEX sessions_by_expert ON sessions (expert_id, updated_at);
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES requests(id),
        expert_id TEXT NOT NULL REFERENCES experts(id),
        from_party TEXT NOT NULL CHECK (from_party IN ('expert','client')),
        body TEXT NOT NULL,
        sent_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_thread ON messages (request_id, expert_id, sent_at);
      -- A rowid table: event payloads are kilobytes, too large for WITHOUT ROWID to pay off.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        expert_id TEXT NOT NULL,
        id INTEGER NOT NULL,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        UNIQUE (expert_id, id)
      );
      CREATE TABLE command_results (
        expert_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        command TEXT NOT NULL,
        ack TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (expert_id, idempotency_key)
      ) WITHOUT ROWID;
    `)
  },
}
