/**
 * A fan-out stores its request's text once, and each expert's events and invites are found
 * through lookup tables the platform writes just after a
 * fan-out's events went out, instead of indexes SQLite updates inside the transaction: each of
 * those indexes put one page per invited expert into every fan-out's commit, before anyone had
 * the invite. The rows themselves are still committed before they are sent; what the platform did
 * not get to index before a stop is indexed when it starts (`lookups_through_seq` says how far).
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'

/**
 * Adds `expert_events` and `expert_invites`, filled from every stored event and invite;
 * `platform_meta.lookups_through_seq`; a trigger that keeps each invite's lookup in its state;
 * `requests.invite_json` and `events.request_id` (an invite's stored text leaves a slot for its
 * request's, null for every event stored before). Rebuilds `events` without its (expert_id, id)
 * index and drops `invites_by_expert`.
 */
export const m0012ExpertLookups: Migration<Database.Database> = {
  version: 12,
  name: '0012-expert-lookups',
  up(db) {
    db.exec(`
      CREATE TABLE events_stored (
        seq INTEGER PRIMARY KEY,
        expert_id TEXT NOT NULL,
        id INTEGER NOT NULL,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        digest TEXT NOT NULL DEFAULT '',
        request_id TEXT
      );
      ALTER TABLE requests ADD COLUMN invite_json TEXT;
      INSERT INTO events_stored (seq, expert_id, id, type, at, payload, digest)
        SELECT seq, expert_id, id, type, at, payload, digest FROM events;
      DROP TABLE events;
      ALTER TABLE events_stored RENAME TO events;
      -- Each expert's stream in id order; the unique key is what keeps an id from being used twice.
      CREATE TABLE expert_events (
        expert_id TEXT NOT NULL,
        id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (expert_id, id)
      ) WITHOUT ROWID;
      INSERT INTO expert_events (expert_id, id, seq) SELECT expert_id, id, seq FROM events;
      ALTER TABLE platform_meta ADD COLUMN lookups_through_seq INTEGER NOT NULL DEFAULT 0;
      UPDATE platform_meta SET lookups_through_seq = (SELECT IFNULL(MAX(seq), 0) FROM events);

      CREATE TABLE expert_invites (
        expert_id TEXT NOT NULL,
        state TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        invite_id TEXT NOT NULL,
        PRIMARY KEY (expert_id, state, sent_at, invite_id)
      ) WITHOUT ROWID;
      INSERT INTO expert_invites (expert_id, state, sent_at, invite_id)
        SELECT expert_id, state, sent_at, id FROM invites;
      -- An invite's state changes in the transaction that answers, closes or expires it, and its
      -- lookup row (once written) follows in the same transaction.
      CREATE TRIGGER expert_invites_follow_state AFTER UPDATE OF state ON invites
        WHEN OLD.state IS NOT NEW.state
      BEGIN
        UPDATE expert_invites SET state = NEW.state
          WHERE expert_id = NEW.expert_id AND state = OLD.state AND sent_at = NEW.sent_at
            AND invite_id = NEW.id;
      END;
      DROP INDEX invites_by_expert;
    `)
  },
}
