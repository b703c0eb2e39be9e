/**
 * An invite whose event was pruned no longer keeps a row in its expert's lookup once it is closed:
 * its answer is final, so it is folded into figures of its own. `expert_response_totals` holds
 * each expert's count and sum of answer times, for the all-time mean; `expert_past_invites` holds
 * each folded invite's times by when it was sent, so the recent figures read only their window.
 * Readers of the lookup then walk the live stream (and the few invites still open when they were
 * pruned) instead of every invite of the expert's history.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/**
 * Creates the two tables and folds into them every closed invite kept under a negative id; drops
 * those rows, and those of invites the platform has no row for (no figure counted them).
 */
export const m0016ResponseTotals: Migration<Database.Database> = {
  version: 16,
  name: '0016-response-totals',
  up(db) {
    db.exec(`
      CREATE TABLE expert_response_totals (
        expert_id TEXT PRIMARY KEY,
        answered INTEGER NOT NULL,
        response_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE expert_past_invites (
        expert_id TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        invite_id TEXT NOT NULL,
        answered_at INTEGER,
        state TEXT NOT NULL,
        PRIMARY KEY (expert_id, sent_at, invite_id)
      ) WITHOUT ROWID;
      INSERT INTO expert_past_invites (expert_id, sent_at, invite_id, answered_at, state)
        SELECT x.expert_id, i.sent_at, i.id, i.answered_at, i.state
          FROM expert_events AS x JOIN invites AS i ON i.id = x.invite_id
          WHERE x.id < 0 AND i.state <> 'open';
      -- A wall clock set back between an invite and its answer counts as an instant answer, as
      -- the mean always took it.
      INSERT INTO expert_response_totals (expert_id, answered, response_ms)
        SELECT x.expert_id, COUNT(*), SUM(MAX(0, i.answered_at - i.sent_at))
          FROM expert_events AS x JOIN invites AS i ON i.id = x.invite_id
          WHERE x.id < 0 AND i.state <> 'open' AND i.answered_at IS NOT NULL
          GROUP BY x.expert_id;
      DELETE FROM expert_events WHERE id < 0 AND NOT EXISTS
        (SELECT 1 FROM invites WHERE invites.id = expert_events.invite_id AND invites.state = 'open');
    `)
  },
}
