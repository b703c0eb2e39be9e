/**
 * Invites gained the time they stop being takeable (rules/invite-open.ts: the expiry, or a
 * scheduled invite's last proposed time if sooner), so the open list and count compare it with
 * the platform's time without reading each invite's JSON. Cached rows get it from their JSON; a
 * row whose JSON does not parse keeps none and is never listed as open (its reads skip it anyway).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'

/** Adds `invites.closes_at`, filled for every cached invite, and the indexes the reads around each applied batch use. */
export const m0013InviteClosesAt: Migration<Database.Database> = {
  version: 13,
  name: '0013-invite-closes-at',
  up(db) {
    // The rule restated in SQL once, for the rows cached before it: from here on the repository
    // writes the column from rules/invite-open.ts.
    db.exec(`
      ALTER TABLE invites ADD COLUMN closes_at INTEGER;
      UPDATE invites SET closes_at = (
        SELECT CASE
          WHEN requests.kind = 'scheduled' AND json_array_length(requests.json, '$.proposedTimes') > 0
            THEN min(
              json_extract(invites.json, '$.expiresAt'),
              (SELECT max(value) FROM json_each(requests.json, '$.proposedTimes'))
            )
          ELSE json_extract(invites.json, '$.expiresAt')
        END
        FROM requests WHERE requests.id = invites.request_id AND json_valid(requests.json)
      )
      WHERE json_valid(invites.json);
      -- The open count and the next closing are read around every applied batch: an index seek
      -- and an index-only count, not a read of every open invite's row each time.
      CREATE INDEX invites_open_by_close ON invites (closes_at) WHERE state = 'open';
      -- And the invites still to show: the few new ones, not every open one.
      CREATE INDEX invites_unnotified ON invites (sent_at DESC, id DESC)
        WHERE state = 'open' AND notified_at IS NULL;
    `)
  },
}
