/**
 * History can be filtered by kind, outcome and client, and searched in the title, the client's
 * name and the expert's private note, page by page from indexes rather than by parsing every
 * session's JSON. The filters get columns of their own, each with a partial index in the history
 * order; the search gets `session_search`, a full-text index of words whose rowid is the session's
 * (a search word finds the words it begins, ignoring case and accents). Words rather than
 * trigrams: finding text inside a word would cost every write about half as much again. Sessions cached
 * before private notes existed say they have none, as the protocol reads an older platform.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { fillMissingJson } from './fill-missing-json'

/** Adds the filter columns and indexes and the search index, filled from the cached sessions. */
export const m0011HistoryFilters: Migration<Database.Database> = {
  version: 11,
  name: '0011-history-filters',
  up(db) {
    db.exec(`
      ${fillMissingJson('sessions', '$.privateNote', "''")}

      ALTER TABLE sessions ADD COLUMN kind TEXT;
      ALTER TABLE sessions ADD COLUMN outcome TEXT;
      ALTER TABLE sessions ADD COLUMN client_id TEXT;
      -- A row whose JSON does not parse keeps nulls: no filter finds it, as no list shows it.
      UPDATE sessions SET
        kind = json_extract(json, '$.kind'),
        outcome = coalesce(json_extract(json, '$.outcome.kind'), state),
        client_id = json_extract(json, '$.client.id')
        WHERE json_valid(json);

      CREATE INDEX sessions_history_kind ON sessions (kind, booked_start DESC, id DESC)
        WHERE state IN ('ended', 'cancelled');
      CREATE INDEX sessions_history_outcome ON sessions (outcome, booked_start DESC, id DESC)
        WHERE state IN ('ended', 'cancelled');
      CREATE INDEX sessions_history_client ON sessions (client_id, booked_start DESC, id DESC)
        WHERE state IN ('ended', 'cancelled');

      CREATE VIRTUAL TABLE session_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
      -- The same text as searchTextOf (repositories/session-search.ts): the fields one per line.
      INSERT INTO session_search (rowid, body)
        SELECT sessions.rowid, concat_ws(char(10),
            json_extract(requests.json, '$.title'),
            json_extract(sessions.json, '$.client.name'),
            json_extract(sessions.json, '$.privateNote'))
          FROM sessions JOIN requests ON requests.id = sessions.request_id
          WHERE json_valid(sessions.json) AND json_valid(requests.json);
      -- Every way a session leaves the cache (a snapshot's prune, a sign-out) takes its text along.
      CREATE TRIGGER sessions_search_delete AFTER DELETE ON sessions BEGIN
        DELETE FROM session_search WHERE rowid = old.rowid;
      END;
    `)
  },
}
