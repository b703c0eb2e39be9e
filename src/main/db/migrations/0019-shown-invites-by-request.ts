/**
 * A shown invite's mark names the request the invite was for. A platform whose ids are not unique
 * for ever (one restored from a backup issues again the ids it issued after it; another numbers
 * its invites) can send a new invite, for another request, under the id of one shown long ago
 * whose row is gone: a mark by id alone passed it over, and the expert never heard of it. Marks
 * made before keep the request of the invite still cached under their id, else none (''): a mark
 * of no known request answers for any, so nothing shown before is shown again.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Keys `shown_invites` by invite and request (`request_id`, '' when the mark predates it). */
export const m0019ShownInvitesByRequest: Migration<Database.Database> = {
  version: 19,
  name: '0019-shown-invites-by-request',
  up(db) {
    db.exec(`
      CREATE TABLE shown_invites_by_request (
        id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (id, request_id)
      ) WITHOUT ROWID;
      INSERT INTO shown_invites_by_request (id, request_id, at)
        SELECT id, coalesce((SELECT request_id FROM invites WHERE invites.id = shown_invites.id), ''), at
        FROM shown_invites;
      DROP TABLE shown_invites;
      ALTER TABLE shown_invites_by_request RENAME TO shown_invites;
    `)
  },
}
