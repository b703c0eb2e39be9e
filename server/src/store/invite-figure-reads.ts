/**
 * The reads behind an expert's response figures: the invites in the expert's kept stream (found
 * through `expert_events`), and those a compaction folded out of it (past-invites.ts), whose totals
 * and times are read by key and by range instead of walking the expert's whole history.
 */
import type Database from 'better-sqlite3'
import type { InviteTimes } from '../marketplace/response-stats'

/** Reads the figures of every invite an expert was sent. */
export class InviteFigureReads {
  private readonly averageMs: Database.Statement<[string, string], number | null>
  private readonly sentSince: Database.Statement<[string, number, string, number], InviteTimes>

  constructor(
    db: Database.Database,
    /** Writes the stream lookups held back from a fan-out (ExpertEventLookup), which these reads join. */
    private readonly beforeReads: () => void = () => {},
  ) {
    // The exact sum of both parts divided by their count, as AVG over every invite would give it.
    // A wall clock set back between an invite and its answer must not make the mean negative,
    // which no app would accept.
    this.averageMs = db
      .prepare<[string, string], number | null>(
        `WITH parts AS (
           SELECT COUNT(*) AS answered, IFNULL(SUM(MAX(0, answered_at - invites.sent_at)), 0) AS response_ms
             FROM expert_events AS e JOIN invites ON invites.id = e.invite_id
             WHERE e.expert_id = ? AND answered_at IS NOT NULL
           UNION ALL
           SELECT answered, response_ms FROM expert_response_totals WHERE expert_id = ?),
         answers AS (SELECT SUM(answered) AS answered, SUM(response_ms) AS response_ms FROM parts)
         SELECT CASE WHEN answered > 0 THEN CAST(ROUND(CAST(response_ms AS REAL) / answered) AS INTEGER) END
           FROM answers`,
      )
      .pluck()
    this.sentSince = db.prepare(
      `SELECT invites.sent_at AS sentAt, answered_at AS answeredAt, invites.state FROM expert_events AS e
         JOIN invites ON invites.id = e.invite_id WHERE e.expert_id = ? AND invites.sent_at >= ?
       UNION ALL
       SELECT sent_at, answered_at, state FROM expert_past_invites WHERE expert_id = ? AND sent_at >= ?`,
    )
  }

  /** The expert's mean time from invite to answer over every answered invite, null before the first. */
  averageResponseMs(expertId: string): number | null {
    this.beforeReads()
    return this.averageMs.get(expertId, expertId) ?? null
  }

  /** The times of the expert's invites sent at `since` or later. */
  sentSinceTimes(expertId: string, since: number): InviteTimes[] {
    this.beforeReads()
    return this.sentSince.all(expertId, since, expertId, since)
  }
}
