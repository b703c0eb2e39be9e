/**
 * Folds the invites a compaction takes out of their expert's stream into the expert's figures
 * (`expert_response_totals` and `expert_past_invites`, migration 0016-response-totals). A closed
 * invite's answer is final, so its figures are written once, at the compaction, and the fan-out and
 * the answers write nothing more. An invite still open keeps its lookup row, under a negative id,
 * until a compaction finds it closed: until then the snapshot and the figures find it there.
 */
import type Database from 'better-sqlite3'

/** The lookup rows of one expert's invites up to an id, negative ones included, whose invite is closed. */
const CLOSED_THROUGH = `FROM expert_events AS x JOIN invites AS i ON i.id = x.invite_id
  WHERE x.expert_id = ? AND x.id <= ? AND i.state <> 'open'`

/** Writes the figures of invites leaving their expert's lookup. */
export class PastInvites {
  private readonly keepTimes: Database.Statement<[string, number]>
  private readonly addTotals: Database.Statement<[string, number]>
  private readonly dropRows: Database.Statement<[string, number]>

  constructor(db: Database.Database) {
    this.keepTimes = db.prepare(
      `INSERT INTO expert_past_invites (expert_id, sent_at, invite_id, answered_at, state)
         SELECT x.expert_id, i.sent_at, i.id, i.answered_at, i.state ${CLOSED_THROUGH}`,
    )
    // A wall clock set back between an invite and its answer counts as an instant answer, as the
    // mean takes it for the invites still in the stream.
    this.addTotals = db.prepare(
      `INSERT INTO expert_response_totals (expert_id, answered, response_ms)
         SELECT x.expert_id, COUNT(*), SUM(MAX(0, i.answered_at - i.sent_at))
           ${CLOSED_THROUGH} AND i.answered_at IS NOT NULL GROUP BY x.expert_id
         ON CONFLICT (expert_id) DO UPDATE SET
           answered = answered + excluded.answered, response_ms = response_ms + excluded.response_ms`,
    )
    // An invite the platform has no row for was counted by no figure: its row goes too.
    this.dropRows = db.prepare(
      `DELETE FROM expert_events WHERE expert_id = ? AND id <= ? AND invite_id IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM invites WHERE invites.id = expert_events.invite_id AND invites.state = 'open')`,
    )
  }

  /**
   * Fold the closed invites of an expert's lookup rows through `throughId` (and every row kept
   * under a negative id) into the expert's figures, and drop those rows. Must run inside a
   * transaction, after the events of those rows were deleted (they are found through the rows).
   */
  fold(expertId: string, throughId: number): void {
    this.keepTimes.run(expertId, throughId)
    this.addTotals.run(expertId, throughId)
    this.dropRows.run(expertId, throughId)
  }
}
