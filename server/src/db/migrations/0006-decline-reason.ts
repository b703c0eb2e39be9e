/**
 * An expert may say why they declined an invite. Invites declined before there was a reason keep
 * none, as do declines that gave none (a decline from a notification).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Adds `invites.decline_reason`, null for every invite already stored. */
export const m0006DeclineReason: Migration<Database.Database> = {
  version: 6,
  name: '0006-decline-reason',
  up(db) {
    db.exec(`
      ALTER TABLE invites ADD COLUMN decline_reason TEXT
        CHECK (decline_reason IN ('not_my_topic', 'no_time', 'unclear_request', 'other'));
    `)
  },
}
