/**
 * Money: each expert has a rate per quarter hour with its currency, and each session keeps the
 * terms it was booked on (that rate and the cancellation fee), so a later change of rate or fee
 * never rewrites what a past session earned. Experts and sessions stored before get the
 * platform's defaults of the time, the same for both, so a stored session's terms are its
 * expert's rate.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `experts.rate_*` and `sessions.rate_*`, `sessions.cancellation_fee_minor`. */
export const m0007Money: Migration<Database.Database> = {
  version: 7,
  name: '0007-money',
  up(db) {
    db.exec(`
      ALTER TABLE experts ADD COLUMN rate_minor INTEGER NOT NULL DEFAULT 2500 CHECK (rate_minor >= 0);
      ALTER TABLE experts ADD COLUMN rate_currency TEXT NOT NULL DEFAULT 'USD';
      ALTER TABLE sessions ADD COLUMN rate_minor INTEGER NOT NULL DEFAULT 2500 CHECK (rate_minor >= 0);
      ALTER TABLE sessions ADD COLUMN rate_currency TEXT NOT NULL DEFAULT 'USD';
      ALTER TABLE sessions ADD COLUMN cancellation_fee_minor INTEGER NOT NULL DEFAULT 1000
        CHECK (cancellation_fee_minor >= 0);
    `)
  },
}
