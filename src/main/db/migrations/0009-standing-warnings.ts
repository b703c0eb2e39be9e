/**
 * Sessions gained a client's review and a chargeback, and the app warns the expert when their
 * standing is at risk. Which warnings were given is kept here, so a restart, a replay or a
 * reconnect never gives one twice. A session cached before says it has neither, and the cached
 * expert no review figures, with explicit nulls, as the protocol reads a platform that sends none;
 * the platform's next update brings them.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds `standing_warnings`; writes `"review": null, "chargeback": null` into cached sessions and `"reviews": null` into the expert's stats. */
export const m0009StandingWarnings: Migration<Database.Database> = {
  version: 9,
  name: '0009-standing-warnings',
  up(db) {
    db.exec(`
      CREATE TABLE standing_warnings (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
      UPDATE sessions SET json = json_set(json, '$.review', json('null'))
        WHERE json_valid(json) AND json_type(json, '$.review') IS NULL;
      UPDATE sessions SET json = json_set(json, '$.chargeback', json('null'))
        WHERE json_valid(json) AND json_type(json, '$.chargeback') IS NULL;
      UPDATE expert SET json = json_set(json, '$.stats.reviews', json('null'))
        WHERE json_valid(json) AND json_type(json, '$.stats') = 'object'
          AND json_type(json, '$.stats.reviews') IS NULL;
    `)
  },
}
