/**
 * A session's reminder state belongs to the request it was for. A platform restored from a backup
 * (or one that issues its ids again) can hand a cached session's id to another request: that is
 * another session, and the marks of the first (a "30" fired, a snooze) would pass its reminders
 * over as already shown, or bring the first one's snooze back about it. A trigger drops them when
 * a session row's request changes, whichever path writes it (an event, a snapshot, a replay).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds the trigger `sessions_request_changed`: a session row for another request forgets its reminders and snooze. */
export const m0020RemindersFollowRequest: Migration<Database.Database> = {
  version: 20,
  name: '0020-reminders-follow-request',
  up(db) {
    db.exec(`
      CREATE TRIGGER sessions_request_changed AFTER UPDATE OF request_id ON sessions
        WHEN old.request_id <> new.request_id BEGIN
        DELETE FROM reminders WHERE session_id = new.id;
        DELETE FROM reminder_snoozes WHERE session_id = new.id;
      END;
    `)
  },
}
