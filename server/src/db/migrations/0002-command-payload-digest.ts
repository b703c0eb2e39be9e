/** Idempotency answers remember a digest of the payload they answered, so a reused key can be told apart. */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/**
 * Adds command_results.payload_digest. Rows from before it keep NULL and match on the command name
 * alone until they leave the idempotency window.
 */
export const m0002CommandPayloadDigest: Migration<Database.Database> = {
  version: 2,
  name: '0002-command-payload-digest',
  up(db) {
    db.exec('ALTER TABLE command_results ADD COLUMN payload_digest TEXT')
  },
}
