/**
 * Sessions gained a rate and what they earned, the expert a rate and an earnings summary. What
 * was cached before has none: it says so with explicit nulls, as the protocol reads a platform
 * that sends no money, so every cached row has the shape the app's types promise. The money rides
 * in the stored JSON, since nothing the cache reads by column needs it; the platform's next
 * update of a session or the expert brings the amounts.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { fillMissingJson } from './fill-missing-json'

/** Writes `"rate": null` and `"earnings": null` wherever the cached JSON has none yet. */
export const m0008SessionMoney: Migration<Database.Database> = {
  version: 8,
  name: '0008-session-money',
  up(db) {
    db.exec(`
      ${fillMissingJson('sessions', '$.rate')}
      ${fillMissingJson('sessions', '$.earnings')}
      ${fillMissingJson('expert', '$.rate')}
      ${fillMissingJson('expert', '$.stats.earnings')}
    `)
  },
}
