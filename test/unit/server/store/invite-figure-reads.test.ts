import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { migrate } from '../../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../../server/src/db/migrations'
import { InviteFigureReads } from '../../../../server/src/store/invite-figure-reads'
import { PastInvites } from '../../../../server/src/past-invites'

/** The query plan of each statement `make` prepares, one line each. */
function plansOf(make: (db: Database.Database) => void): string[] {
  const db = new Database(':memory:')
  migrate(db, platformMigrations, { what: 'test database', remedy: '' })
  const prepare = vi.spyOn(db, 'prepare')
  let made: string[]
  try {
    make(db)
    made = prepare.mock.calls.map(([sql]) => sql)
  } finally {
    prepare.mockRestore()
  }
  return made.map((sql) => {
    const params = sql
      .split('?')
      .slice(1)
      .map(() => 0)
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
    return rows.map((row) => row.detail).join('; ')
  })
}

/** A walk over a whole table: every expert's lookup rows, folded invites or invites. */
const WHOLE_TABLE = /SCAN (expert_events|expert_past_invites|expert_response_totals|invites|e|x|i)\b/

describe('the reads and writes of an expert’s folded invites', () => {
  // The folded invites are every invite a platform ever pruned: a read or a compaction that walked
  // them would slow down with the platform's age, as the lookup walk they replaced did.
  it('seek through keys: the figures read the expert’s rows and window, a compaction the rows it cuts', () => {
    const plans = [...plansOf((db) => new InviteFigureReads(db)), ...plansOf((db) => new PastInvites(db))]
    expect(plans).toHaveLength(5)
    expect(plans.join('\n')).toMatch(
      /SEARCH expert_past_invites USING PRIMARY KEY \(expert_id=\? AND sent_at>\?\)/,
    )
    for (const plan of plans) expect(plan).not.toMatch(WHOLE_TABLE)
  })
})
