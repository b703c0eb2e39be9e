/**
 * A bound on the idempotency answers one expert can make the platform keep. Keys are the client's
 * choice, so a client sending command after command under fresh keys (a loop, a stolen token)
 * would otherwise grow the table for the whole window. Past the bound the expert's oldest answers
 * are forgotten, except a decision's success: an accepted or declined invite, billing started, a
 * session ended or cancelled. Each can succeed only once per invite or session the platform made,
 * so they cannot be multiplied by the client, and their retry must still get the same answer
 * (run again, an accept would be refused as taken). A forgotten key's retry runs the command again.
 */
import type Database from 'better-sqlite3'
import type { CommandName } from '../../../src/shared/protocol'

const DECISIONS: ReadonlyArray<CommandName> = [
  'invite.accept',
  'invite.decline',
  'session.startBilling',
  'session.end',
  'session.cancel',
]

/** Forget each expert's oldest answers beyond `maxPerExpert`, decisions' successes kept. */
export function boundIdempotencyKeys(db: Database.Database, maxPerExpert: number): void {
  const crowded = db
    .prepare<[number], { expert_id: string; n: number }>(
      'SELECT expert_id, COUNT(*) AS n FROM command_results GROUP BY expert_id HAVING n > ?',
    )
    .all(maxPerExpert)
  if (crowded.length === 0) return
  const decisions = DECISIONS.map(() => '?').join(', ')
  const forget = db.prepare<[string, string, ...string[], number]>(
    `DELETE FROM command_results WHERE expert_id = ? AND idempotency_key IN (
       SELECT idempotency_key FROM command_results
       WHERE expert_id = ? AND NOT (command IN (${decisions}) AND ack LIKE '{"ok":true%')
       ORDER BY created_at LIMIT ?)`,
  )
  db.transaction(() => {
    for (const { expert_id: id, n } of crowded) forget.run(id, id, ...DECISIONS, n - maxPerExpert)
  })()
}
