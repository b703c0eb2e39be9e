import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../server/src/db/migrations'
import { EventLog } from '../../../server/src/event-log'
import { SEND_SLICE } from '../../../server/src/send-queue'
import { ManualClock } from '../../../src/shared/clock'

function platformLog(): EventLog {
  const db = new Database(':memory:')
  migrate(db, platformMigrations, { what: 'test database', remedy: '' })
  db.pragma('foreign_keys = OFF')
  return new EventLog(db, new ManualClock(0))
}

/** One event for each of `experts`, in one transaction: a fan-out. */
function fanOut(log: EventLog, experts: readonly string[]): void {
  log.transact(() =>
    log.appendAll(experts.map((expertId) => ({ expertId, type: 'expert.updated', payload: {} as never }))),
  )
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('sending a fan-out to thousands of experts', () => {
  it('lets the platform answer other work between slices of the sends, instead of holding it for all of them', async () => {
    const log = platformLog()
    const sent: string[] = []
    log.subscribeSender((expertId) => sent.push(expertId))
    const experts = Array.from({ length: SEND_SLICE * 4 }, (_, i) => `e${i}`)

    fanOut(log, experts)
    const sentBeforeOtherWork = new Promise<number>((resolve) => setImmediate(() => resolve(sent.length)))

    expect(await sentBeforeOtherWork).toBeLessThan(experts.length)
    while (sent.length < experts.length) await nextTurn()
    expect(sent).toEqual(experts)
  })

  it('sends a small change at once, before its caller answers', () => {
    const log = platformLog()
    const sent: string[] = []
    log.subscribeSender((expertId) => sent.push(expertId))
    fanOut(log, ['a', 'b'])
    expect(sent).toEqual(['a', 'b'])
  })

  it('keeps each expert’s events in order: a later change never overtakes a fan-out still being sent', async () => {
    const log = platformLog()
    const sent: Array<{ expertId: string; id: number }> = []
    log.subscribeSender((expertId, event) => sent.push({ expertId, id: event.id }))
    const experts = Array.from({ length: SEND_SLICE * 3 }, (_, i) => `e${i}`)

    fanOut(log, experts)
    fanOut(log, [experts.at(-1)!, 'other'])
    while (sent.length < experts.length + 2) await nextTurn()

    const last = sent.filter((s) => s.expertId === experts.at(-1))
    expect(last.map((s) => s.id)).toEqual([1, 2])
    expect(sent.at(-1)).toEqual({ expertId: 'other', id: 1 })
  })
})
