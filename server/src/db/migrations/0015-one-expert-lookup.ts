/**
 * An expert's invites are found through their stream's lookup: each `invite.created` row of
 * `expert_events` names its invite, and `expert_invites` goes. A fan-out's lookup write, after
 * its sends, then touches one per-expert B-tree instead of two, which was most of what the
 * platform wrote per fan-out. An invite whose event is no longer kept keeps its lookup row under a
 * negative id, outside the stream (`id > 0`), so an expert's figures still count it.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/** Where the ids of invites kept without their event start, below any the prune moves there. */
const KEPT_INVITE_IDS_FROM = 1_000_000_000

/**
 * Rebuilds `expert_events` with `invite_id`, taken from each kept `invite.created` event; adds a
 * row under a negative id for each invite whose event was pruned; drops `expert_invites` and the
 * trigger that kept its state (readers take the state from `invites`).
 */
export const m0015OneExpertLookup: Migration<Database.Database> = {
  version: 15,
  name: '0015-one-expert-lookup',
  up(db) {
    db.exec(`
      CREATE TABLE expert_stream (
        expert_id TEXT NOT NULL,
        id INTEGER NOT NULL,
        seq INTEGER,
        invite_id TEXT,
        PRIMARY KEY (expert_id, id)
      ) WITHOUT ROWID;
      -- A stored text that does not read (damaged on disk) names no invite, rather than stop the
      -- platform from starting: its invite keeps a row of its own, below, as a pruned one does.
      INSERT INTO expert_stream (expert_id, id, seq, invite_id)
        SELECT x.expert_id, x.id, x.seq,
               CASE WHEN e.type = 'invite.created' AND json_valid(e.payload)
                 THEN json_extract(e.payload, '$.payload.invite.id') END
          FROM expert_events AS x JOIN events AS e ON e.seq = x.seq;
      INSERT INTO expert_stream (expert_id, id, seq, invite_id)
        SELECT expert_id,
               -(${KEPT_INVITE_IDS_FROM} + ROW_NUMBER() OVER (PARTITION BY expert_id ORDER BY sent_at, invite_id)),
               NULL, invite_id
          FROM expert_invites
          WHERE invite_id NOT IN (SELECT invite_id FROM expert_stream WHERE invite_id IS NOT NULL);
      DROP TRIGGER expert_invites_follow_state;
      DROP TABLE expert_invites;
      DROP TABLE expert_events;
      ALTER TABLE expert_stream RENAME TO expert_events;
    `)
  },
}
