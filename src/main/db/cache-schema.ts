/**
 * The cache's schema as its migrations leave it at the newest version, and the check that a file
 * at that version holds it. A file edited by hand or by another program can carry the right
 * version with a table or column missing, added or changed: every read and write of it would then
 * fail at some later moment, on every start, instead of the file being moved aside at open. Reading
 * the file's schema costs a few small pragmas; running the migrations on an empty database to
 * compare would cost the open many times more, so the expected schema is written out here and a
 * test keeps it equal to what the migrations make.
 */
import type Database from 'better-sqlite3'
import { CACHE_STATEMENTS } from './cache-statements'

/** Each table (with its columns), index and trigger (with its statement) of the newest cache, sorted by name. */
export const CACHE_SCHEMA: ReadonlyArray<string> = [
  'table expert (slot INTEGER PK1, id TEXT NOT NULL, json TEXT NOT NULL)',
  'table invites (id TEXT PK1, request_id TEXT NOT NULL, state TEXT NOT NULL, sent_at INTEGER NOT NULL, json TEXT NOT NULL, notified_at INTEGER, closes_at INTEGER)',
  'index invites_by_request on invites: CREATE INDEX invites_by_request ON invites (request_id)',
  "index invites_missed on invites: CREATE INDEX invites_missed ON invites (sent_at DESC, id DESC) WHERE state IN ('declined', 'taken', 'expired', 'withdrawn')",
  "index invites_open on invites: CREATE INDEX invites_open ON invites (sent_at DESC, id DESC) WHERE state = 'open'",
  "index invites_open_by_close on invites: CREATE INDEX invites_open_by_close ON invites (closes_at) WHERE state = 'open'",
  "index invites_unnotified on invites: CREATE INDEX invites_unnotified ON invites (sent_at DESC, id DESC) WHERE state = 'open' AND notified_at IS NULL",
  'table message_state (message_id TEXT NOT NULL PK1, read_at INTEGER, notified_at INTEGER)',
  'table messages (id TEXT PK1, request_id TEXT NOT NULL, sent_at INTEGER NOT NULL, json TEXT NOT NULL, from_client INTEGER NOT NULL)',
  'index messages_by_request on messages: CREATE INDEX messages_by_request ON messages (request_id, sent_at, id)',
  'index messages_from_client on messages: CREATE INDEX messages_from_client ON messages (request_id) WHERE from_client = 1',
  'table reminder_snoozes (session_id TEXT NOT NULL PK1, booked_start INTEGER NOT NULL, at INTEGER NOT NULL)',
  'table reminders (session_id TEXT NOT NULL PK1, booked_start INTEGER NOT NULL PK2, alert TEXT NOT NULL PK3, outcome TEXT NOT NULL, at INTEGER NOT NULL)',
  'table requests (id TEXT PK1, kind TEXT NOT NULL, created_at INTEGER NOT NULL, json TEXT NOT NULL)',
  'table retry_keys (scope TEXT NOT NULL PK1, command TEXT NOT NULL PK2, key TEXT NOT NULL, kept_at INTEGER NOT NULL)',
  'table session_search (body, session_search, rank)',
  'table session_search_config (k NOT NULL PK1, v)',
  'table session_search_content (id INTEGER PK1, c0)',
  'table session_search_data (id INTEGER PK1, block BLOB)',
  'table session_search_docsize (id INTEGER PK1, sz BLOB)',
  'table session_search_idx (segid NOT NULL PK1, term NOT NULL PK2, pgno)',
  'table sessions (id TEXT PK1, request_id TEXT NOT NULL, state TEXT NOT NULL, booked_start INTEGER NOT NULL, json TEXT NOT NULL, kind TEXT, outcome TEXT, client_id TEXT)',
  'index sessions_by_request on sessions: CREATE INDEX sessions_by_request ON sessions (request_id)',
  "index sessions_history on sessions: CREATE INDEX sessions_history ON sessions (booked_start DESC, id DESC) WHERE state IN ('ended', 'cancelled')",
  "index sessions_history_client on sessions: CREATE INDEX sessions_history_client ON sessions (client_id, booked_start DESC, id DESC) WHERE state IN ('ended', 'cancelled')",
  "index sessions_history_kind on sessions: CREATE INDEX sessions_history_kind ON sessions (kind, booked_start DESC, id DESC) WHERE state IN ('ended', 'cancelled')",
  "index sessions_history_outcome on sessions: CREATE INDEX sessions_history_outcome ON sessions (outcome, booked_start DESC, id DESC) WHERE state IN ('ended', 'cancelled')",
  'trigger sessions_request_changed on sessions: CREATE TRIGGER sessions_request_changed AFTER UPDATE OF request_id ON sessions WHEN old.request_id <> new.request_id BEGIN DELETE FROM reminders WHERE session_id = new.id; DELETE FROM reminder_snoozes WHERE session_id = new.id; END',
  'trigger sessions_search_delete on sessions: CREATE TRIGGER sessions_search_delete AFTER DELETE ON sessions BEGIN DELETE FROM session_search WHERE rowid = old.rowid; END',
  "index sessions_upcoming on sessions: CREATE INDEX sessions_upcoming ON sessions (booked_start, id) WHERE state IN ('booked', 'live')",
  'table shown_invites (id TEXT NOT NULL PK1, request_id TEXT NOT NULL PK2, at INTEGER NOT NULL)',
  'table snoozes_awaiting_time (session_id TEXT NOT NULL PK1, booked_start INTEGER NOT NULL, request_id TEXT NOT NULL, at INTEGER NOT NULL)',
  'table standing_warnings (key TEXT NOT NULL PK1, at INTEGER NOT NULL)',
  'table sync_state (slot INTEGER PK1, cursor INTEGER NOT NULL, last_synced_at INTEGER, cursor_digest TEXT, clock_offset_ms INTEGER, clock_measured_at INTEGER, platform_url TEXT, parts_through INTEGER, left_out INTEGER, clock_pace_per_ms REAL, clock_pace_gap_ms INTEGER)',
]

/**
 * The rows of sqlite_master the schema checks compare: every table, index and trigger but SQLite's
 * own, which are its tables (sqlite_sequence, sqlite_stat1…) and the indexes it makes for a key,
 * which have no statement. An index or trigger of such a name that has one was written in by an
 * edit, and SQLite loads and runs it all the same (a trigger deleting the shown marks, a unique
 * index refusing the writes), so it is compared like any other.
 */
const COMPARED = `type IN ('table', 'index', 'trigger')
  AND NOT (name LIKE 'sqlite\\_%' ESCAPE '\\' AND (type = 'table' OR sql IS NULL))`

/**
 * One line per table (with its columns), index and trigger (with its statement, spaces folded) of
 * `db`, sorted by name; SQLite's own left out. An index or trigger is Standby's own statement,
 * kept as written whatever SQLite version made it; a table is read by its columns instead, as
 * SQLite itself rewrites a table's statement (a column added, a table renamed) and the search
 * index's tables are SQLite's.
 */
export function schemaOf(db: Database.Database): string[] {
  // One statement for the whole schema: one per table cost the open more than the rest of it.
  return (db.prepare(SCHEMA_LINES).pluck().all() as string[]).map((line) => line.replace(/\s+/g, ' ').trim())
}

const SCHEMA_LINES = `SELECT CASE m.type WHEN 'table' THEN 'table ' || m.name || ' (' || (
    SELECT group_concat(c.name || iif(c.type <> '', ' ' || c.type, '') || iif(c."notnull", ' NOT NULL', '')
      || iif(c.pk > 0, ' PK' || c.pk, ''), ', ') FROM pragma_table_xinfo(m.name) AS c) || ')'
    ELSE m.type || ' ' || m.name || ' on ' || m.tbl_name || ': ' || m.sql END
  FROM sqlite_master AS m
  WHERE ${COMPARED} ORDER BY m.name`

/** What of the newest schema `db` lacks or holds otherwise, as a few lines for the log; null when all of it is there. */
export function schemaDifference(db: Database.Database): string | null {
  const found = schemaOf(db)
  const have = new Set(found)
  // A table of another name is left alone: nothing reads or writes it. One of ours must match
  // exactly, and nothing else may hang on it: a trigger runs inside the cache's own writes (one
  // that deletes the marks of what was shown would show it all again; one that fails them, stop
  // every sync), and an index (a unique one) can refuse them. So must each of our indexes and our
  // trigger, statement and all, for the same reasons.
  const ours = new Set(CACHE_SCHEMA.map(nameOf))
  const wrong = [
    ...CACHE_SCHEMA.filter((line) => !have.has(line)).map((line) => `${nameOf(line)} missing or changed`),
    ...found
      .filter((line) => ours.has(nameOf(line)) && !CACHE_SCHEMA.includes(line))
      .map((line) => `${line} found instead`),
    ...found
      .filter((line) => !ours.has(nameOf(line)) && ours.has(`table ${tableOf(line)}`))
      .map((line) => `${line.split(':')[0]} is not Standby's`),
  ]
  return wrong.length === 0 ? null : wrong.slice(0, 3).join('; ')
}

/** "index x on y: CREATE …" or "trigger x on y: CREATE …" → "y"; null for a table. */
function tableOf(line: string): string | null {
  return /^(?:index|trigger) \S+ on (?<table>[^:]+):/.exec(line)?.groups?.['table'] ?? null
}

/** "table x (…)" or "index x on y" → "table x". */
function nameOf(line: string): string {
  return line.split(' ', 2).join(' ')
}

/** The tables every version of the cache has held, from its first migration on. */
export const TABLES_OF_EVERY_VERSION: ReadonlyArray<string> = [
  'expert',
  'sync_state',
  'requests',
  'invites',
  'sessions',
  'messages',
]

/**
 * Which of the tables every version of the cache holds `db` lacks; read before anything is written,
 * so a file at a version the cache also has but made by another program (many number their schema
 * with user_version too) is moved aside as it was found, not migrated step by step as if it were the
 * cache until a step failed, each one committed into it.
 */
export function missingBaseTables(db: Database.Database, tables?: ReadonlySet<string>): string[] {
  const found =
    tables ??
    new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[])
  return TABLES_OF_EVERY_VERSION.filter((name) => !found.has(name))
}

/**
 * Put back the one row of `sync_state` (cursor 0: never synced) when an edit removed it: every
 * write of the cursor updates that row, so without it none would stick and each sync would start
 * from nothing again. Read first, so a cache that has the row (every one Standby wrote) is not
 * written at open; true when it was.
 */
export function restoreSyncRow(db: Database.Database): boolean {
  if (db.prepare('SELECT 1 FROM sync_state WHERE slot = 1').get() !== undefined) return false
  db.prepare('INSERT INTO sync_state (slot, cursor) VALUES (1, 0)').run()
  return true
}

/** What one read of `db`'s stored statements tells: whether they are the newest cache's, and its tables. */
export interface StoredStatements {
  /** Every statement is CACHE_STATEMENTS' own, so schemaDifference would find nothing. */
  readonly newest: boolean
  readonly tables: ReadonlySet<string>
}

/**
 * Read `db`'s statements as stored, without the columns of each table that schemaOf reads, which
 * cost a start more than the rest of the open. Statements equal to the newest cache's make the
 * tables, columns, indexes and triggers that schemaDifference asks for, and nothing else.
 */
export function storedStatements(db: Database.Database): StoredStatements {
  const rows = db.prepare(STORED_STATEMENTS).raw().all() as Array<[string, string, string | null]>
  return {
    newest:
      rows.length === CACHE_STATEMENTS.length && rows.every(([, , line], i) => line === CACHE_STATEMENTS[i]),
    tables: new Set(rows.filter(([type]) => type === 'table').map(([, name]) => name)),
  }
}

const STORED_STATEMENTS = `SELECT type, name, type || ' ' || name || ' on ' || tbl_name || ': ' || sql FROM sqlite_master
  WHERE ${COMPARED} ORDER BY name`

/**
 * Whether `db` is at schema `version` and its statements are exactly the newest cache's, told by one
 * read of the version and of the statements, each prefixed with its length so that no other set of
 * statements reads the same. False when anything differs or the read fails (a schema SQLite cannot
 * read, as a newer Standby's may be): the open then reads the version and the schema as before, and
 * finds what is wrong. A lock another program holds is thrown, as the version's read would meet it
 * too, after the same wait.
 */
export function isNewestAsStored(db: Database.Database, version: number): boolean {
  let found: unknown[]
  try {
    found = db.prepare(VERSION_AND_STATEMENTS).raw().get() as unknown[]
  } catch (error) {
    if (/^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code))) throw error
    return false
  }
  return found[0] === version && found[1] === (newestStatements ??= lengthPrefixed(CACHE_STATEMENTS))
}

let newestStatements: string | undefined

/** The lines as VERSION_AND_STATEMENTS joins them: each its length in characters, a colon and itself. */
function lengthPrefixed(lines: ReadonlyArray<string>): string {
  return lines.map((line) => `${[...line].length}:${line}`).join('')
}

// A statement SQLite holds none of (NULL) joins as '!', which no length starts with.
const VERSION_AND_STATEMENTS = `SELECT (SELECT user_version FROM pragma_user_version),
  group_concat(ifnull(length(line) || ':' || line, '!'), '' ORDER BY name) FROM (
    SELECT name, type || ' ' || name || ' on ' || tbl_name || ': ' || sql AS line FROM sqlite_master
    WHERE ${COMPARED})`
