/**
 * Clients review a session once it ended (a rating of 1 to 5 stars and a comment), and the
 * platform records chargebacks against sessions. Each is kept once per session: the primary key
 * refuses a second one in the same transaction that checks for it.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `reviews` and `chargebacks`, one row per session at most, read by expert, newest first. */
export const m0008ReviewsAndChargebacks: Migration<Database.Database> = {
  version: 8,
  name: '0008-reviews-and-chargebacks',
  up(db) {
    db.exec(`
      CREATE TABLE reviews (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id),
        expert_id TEXT NOT NULL REFERENCES experts(id),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment TEXT NOT NULL,
        reviewed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX reviews_by_expert ON reviews (expert_id, reviewed_at);
      CREATE TABLE chargebacks (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id),
        expert_id TEXT NOT NULL REFERENCES experts(id),
        reason TEXT NOT NULL,
        recorded_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX chargebacks_by_expert ON chargebacks (expert_id, recorded_at);
    `)
  },
}
