import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { migrate } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../server/src/db/migrations'
import { EventLog } from '../../../server/src/event-log'
import { ManualClock } from '../../../src/shared/clock'

function platformLog(): { db: Database.Database; log: EventLog } {
  const db = new Database(':memory:')
  migrate(db, platformMigrations, { what: 'test database', remedy: '' })
  db.pragma('foreign_keys = OFF')
  return { db, log: new EventLog(db, new ManualClock(0)) }
}

function appendTo(log: EventLog, expertId: string, count: number): void {
  log.transact(() => {
    for (let i = 0; i < count; i++) log.append(expertId, 'expert.updated', {} as never)
  })
}

describe('compacting the event streams', () => {
  it('keeps each expert’s newest events, and the next id follows on', () => {
    const { log } = platformLog()
    appendTo(log, 'a', 5)
    appendTo(log, 'b', 2)
    appendTo(log, 'c', 1)

    expect(log.prune(2)).toBe(3)
    for (const [expertId, oldest] of [
      ['a', 4],
      ['b', 1],
      ['c', 1],
    ] as const) {
      const page = log.replay(expertId, oldest - 1)
      expect(page.kind === 'events' && page.events[0]?.id).toBe(oldest)
    }
    expect(log.replay('a', 2).kind).toBe('out_of_range')
    expect(log.transact(() => log.append('a', 'expert.updated', {} as never)).id).toBe(6)
  })

  it('reads each stream through its key, never every row kept for the invites of every expert’s history', () => {
    const { db, log } = platformLog()
    appendTo(log, 'a', 3)
    const prepare = vi.spyOn(db, 'prepare')
    try {
      log.prune(1)
      const plans = prepare.mock.calls.map(([sql]) =>
        (
          db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
            ...sql
              .split('?')
              .slice(1)
              .map(() => 0),
          ) as Array<{
            detail: string
          }>
        )
          .map((row) => row.detail)
          .join('; '),
      )
      expect(plans.join('\n')).toMatch(/expert_events/)
      for (const plan of plans) expect(plan).not.toMatch(/SCAN (expert_events|x|newest)\b/)
    } finally {
      prepare.mockRestore()
    }
  })
})
