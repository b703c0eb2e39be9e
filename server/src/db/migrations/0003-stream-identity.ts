/**
 * The stream's identity: a random epoch drawn when the database is created (or first migrated),
 * and a digest per event chained from it. Existing events get their chain here, oldest first.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../../src/shared/sqlite/migrate'
import { chainDigest } from '../../event-digest'

/** Adds `platform_meta.stream_epoch` and `events.digest`, and chains every stored event. */
export const m0003StreamIdentity: Migration<Database.Database> = {
  version: 3,
  name: '0003-stream-identity',
  up(db) {
    db.exec(`
      -- One row. A copy of the file keeps its epoch; only its chain can tell it went another way.
      CREATE TABLE platform_meta (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        stream_epoch TEXT NOT NULL
      );
      INSERT INTO platform_meta (slot, stream_epoch) VALUES (1, lower(hex(randomblob(16))));
      ALTER TABLE events ADD COLUMN digest TEXT NOT NULL DEFAULT '';
    `)
    const epoch = db.prepare<[], { stream_epoch: string }>('SELECT stream_epoch FROM platform_meta').get()
    const rows = db
      .prepare<[], { seq: number; expert_id: string; payload: string }>(
        'SELECT seq, expert_id, payload FROM events ORDER BY expert_id, id',
      )
      .iterate()
    const update = db.prepare<[string, string, number]>(
      'UPDATE events SET digest = ?, payload = ? WHERE seq = ?',
    )
    const previous = new Map<string, string>()
    for (const row of [...rows]) {
      const { digest: _old, ...event } = JSON.parse(row.payload) as Record<string, unknown>
      const json = JSON.stringify(event)
      const digest = chainDigest(previous.get(row.expert_id) ?? epoch?.stream_epoch ?? '', json)
      previous.set(row.expert_id, digest)
      update.run(digest, JSON.stringify({ ...event, digest }), row.seq)
    }
  },
}
