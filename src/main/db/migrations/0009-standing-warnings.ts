/**
 * Sessions gained a client's review and a chargeback, and the app warns the expert when their
 * standing is at risk. Which warnings were given is kept here, so a restart, a replay or a
 * reconnect never gives one twice. A session cached before says it has neither, and the cached
 * expert no review figures, with explicit nulls, as the protocol reads a platform that sends none;
 * the platform's next update brings them.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { fillMissingJson } from './fill-missing-json'

/** Adds `standing_warnings`; writes `"review": null, "chargeback": null` into cached sessions and `"reviews": null` into the expert's stats. */
export const m0009StandingWarnings: Migration<Database.Database> = {
  version: 9,
  name: '0009-standing-warnings',
  up(db) {
    db.exec(`
      CREATE TABLE standing_warnings (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
      ${fillMissingJson('sessions', '$.review')}
      ${fillMissingJson('sessions', '$.chargeback')}
      ${fillMissingJson('expert', '$.stats.reviews')}
    `)
  },
}
