/**
 * The newest cache's schema as SQLite stores it: each table's, index's and trigger's statement as
 * the migrations wrote it, sorted by name (SQLite's own left out). A file whose statements are
 * these, byte for byte, holds the newest schema, so the open skips reading each table's columns;
 * any other file (one migrated by an older SQLite, which words a changed table otherwise, or one
 * edited) gets the full comparison of cache-schema.ts. A test keeps it equal to what the
 * migrations make.
 */

/** "type name on table: statement" for each object of the newest cache, sorted by name. */
export const CACHE_STATEMENTS: ReadonlyArray<string> = [
  'table expert on expert: CREATE TABLE expert (\n        slot INTEGER PRIMARY KEY CHECK (slot = 1),\n        id TEXT NOT NULL,\n        json TEXT NOT NULL\n      )',
  "table invites on invites: CREATE TABLE invites (\n        id TEXT PRIMARY KEY,\n        request_id TEXT NOT NULL REFERENCES requests (id),\n        state TEXT NOT NULL\n          CHECK (state IN ('open', 'accepted', 'declined', 'taken', 'expired', 'withdrawn')),\n        sent_at INTEGER NOT NULL,\n        json TEXT NOT NULL\n      , notified_at INTEGER, closes_at INTEGER)",
  'index invites_by_request on invites: CREATE INDEX invites_by_request ON invites (request_id)',
  "index invites_missed on invites: CREATE INDEX invites_missed ON invites (sent_at DESC, id DESC)\n        WHERE state IN ('declined', 'taken', 'expired', 'withdrawn')",
  "index invites_open on invites: CREATE INDEX invites_open ON invites (sent_at DESC, id DESC) WHERE state = 'open'",
  "index invites_open_by_close on invites: CREATE INDEX invites_open_by_close ON invites (closes_at) WHERE state = 'open'",
  "index invites_unnotified on invites: CREATE INDEX invites_unnotified ON invites (sent_at DESC, id DESC)\n        WHERE state = 'open' AND notified_at IS NULL",
  'table message_state on message_state: CREATE TABLE message_state (\n        message_id TEXT PRIMARY KEY,\n        read_at INTEGER,\n        notified_at INTEGER\n      ) WITHOUT ROWID',
  'table messages on messages: CREATE TABLE messages (\n        id TEXT PRIMARY KEY,\n        request_id TEXT NOT NULL,\n        sent_at INTEGER NOT NULL,\n        json TEXT NOT NULL\n      , from_client INTEGER NOT NULL DEFAULT 0)',
  'index messages_by_request on messages: CREATE INDEX messages_by_request ON messages (request_id, sent_at, id)',
  'index messages_from_client on messages: CREATE INDEX messages_from_client ON messages (request_id) WHERE from_client = 1',
  'table reminder_snoozes on reminder_snoozes: CREATE TABLE reminder_snoozes (\n        session_id TEXT PRIMARY KEY,\n        booked_start INTEGER NOT NULL,\n        at INTEGER NOT NULL\n      ) WITHOUT ROWID',
  "table reminders on reminders: CREATE TABLE \"reminders\" (\n        session_id TEXT NOT NULL,\n        booked_start INTEGER NOT NULL,\n        alert TEXT NOT NULL CHECK (length(alert) BETWEEN 1 AND 32),\n        outcome TEXT NOT NULL CHECK (outcome IN ('fired', 'skipped')),\n        at INTEGER NOT NULL,\n        PRIMARY KEY (session_id, booked_start, alert)\n      ) WITHOUT ROWID",
  "table requests on requests: CREATE TABLE requests (\n        id TEXT PRIMARY KEY,\n        kind TEXT NOT NULL CHECK (kind IN ('instant', 'scheduled')),\n        created_at INTEGER NOT NULL,\n        json TEXT NOT NULL\n      )",
  'table retry_keys on retry_keys: CREATE TABLE retry_keys (\n        scope TEXT NOT NULL,\n        command TEXT NOT NULL,\n        key TEXT NOT NULL,\n        kept_at INTEGER NOT NULL,\n        PRIMARY KEY (scope, command)\n      ) WITHOUT ROWID',
  "table session_search on session_search: CREATE VIRTUAL TABLE session_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
  "table session_search_config on session_search_config: CREATE TABLE 'session_search_config'(k PRIMARY KEY, v) WITHOUT ROWID",
  "table session_search_content on session_search_content: CREATE TABLE 'session_search_content'(id INTEGER PRIMARY KEY, c0)",
  "table session_search_data on session_search_data: CREATE TABLE 'session_search_data'(id INTEGER PRIMARY KEY, block BLOB)",
  "table session_search_docsize on session_search_docsize: CREATE TABLE 'session_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB)",
  "table session_search_idx on session_search_idx: CREATE TABLE 'session_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID",
  "table sessions on sessions: CREATE TABLE sessions (\n        id TEXT PRIMARY KEY,\n        request_id TEXT NOT NULL REFERENCES requests (id),\n        state TEXT NOT NULL CHECK (state IN ('booked', 'live', 'ended', 'cancelled')),\n        booked_start INTEGER NOT NULL,\n        json TEXT NOT NULL\n      , kind TEXT, outcome TEXT, client_id TEXT)",
  'index sessions_by_request on sessions: CREATE INDEX sessions_by_request ON sessions (request_id)',
  "index sessions_history on sessions: CREATE INDEX sessions_history ON sessions (booked_start DESC, id DESC)\n        WHERE state IN ('ended', 'cancelled')",
  "index sessions_history_client on sessions: CREATE INDEX sessions_history_client ON sessions (client_id, booked_start DESC, id DESC)\n        WHERE state IN ('ended', 'cancelled')",
  "index sessions_history_kind on sessions: CREATE INDEX sessions_history_kind ON sessions (kind, booked_start DESC, id DESC)\n        WHERE state IN ('ended', 'cancelled')",
  "index sessions_history_outcome on sessions: CREATE INDEX sessions_history_outcome ON sessions (outcome, booked_start DESC, id DESC)\n        WHERE state IN ('ended', 'cancelled')",
  'trigger sessions_request_changed on sessions: CREATE TRIGGER sessions_request_changed AFTER UPDATE OF request_id ON sessions\n        WHEN old.request_id <> new.request_id BEGIN\n        DELETE FROM reminders WHERE session_id = new.id;\n        DELETE FROM reminder_snoozes WHERE session_id = new.id;\n      END',
  'trigger sessions_search_delete on sessions: CREATE TRIGGER sessions_search_delete AFTER DELETE ON sessions BEGIN\n        DELETE FROM session_search WHERE rowid = old.rowid;\n      END',
  "index sessions_upcoming on sessions: CREATE INDEX sessions_upcoming ON sessions (booked_start, id) WHERE state IN ('booked', 'live')",
  'table shown_invites on shown_invites: CREATE TABLE "shown_invites" (\n        id TEXT NOT NULL,\n        request_id TEXT NOT NULL,\n        at INTEGER NOT NULL,\n        PRIMARY KEY (id, request_id)\n      ) WITHOUT ROWID',
  'table snoozes_awaiting_time on snoozes_awaiting_time: CREATE TABLE snoozes_awaiting_time (\n        session_id TEXT PRIMARY KEY,\n        booked_start INTEGER NOT NULL,\n        request_id TEXT NOT NULL,\n        at INTEGER NOT NULL\n      ) WITHOUT ROWID',
  'table standing_warnings on standing_warnings: CREATE TABLE standing_warnings (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID',
  'table sync_state on sync_state: CREATE TABLE sync_state (\n        slot INTEGER PRIMARY KEY CHECK (slot = 1),\n        cursor INTEGER NOT NULL CHECK (cursor >= 0),\n        last_synced_at INTEGER\n      , cursor_digest TEXT, clock_offset_ms INTEGER, clock_measured_at INTEGER, platform_url TEXT, parts_through INTEGER, left_out INTEGER, clock_pace_per_ms REAL, clock_pace_gap_ms INTEGER)',
]
