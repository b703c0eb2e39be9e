/**
 * Sessions gained the end of their free cancellation period and the expert's proposal of another
 * time. A session cached before has neither: it says so with explicit nulls, as the protocol reads
 * a platform that sends neither, so every cached row has the shape the app's types promise. The
 * platform's next update of the session brings both.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { fillMissingJson } from './fill-missing-json'

/** Writes `"freeCancellationUntil": null` and `"reschedule": null` into every cached session without them. */
export const m0010SessionChangesAhead: Migration<Database.Database> = {
  version: 10,
  name: '0010-session-changes-ahead',
  up(db) {
    db.exec(`
      ${fillMissingJson('sessions', '$.freeCancellationUntil')}
      ${fillMissingJson('sessions', '$.reschedule')}
    `)
  },
}
