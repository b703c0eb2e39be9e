/**
 * The text the platform sends and stores for each event: exactly JSON.stringify's for the event, its
 * digest the last key, and the digest chained over the text without it, so a database written by an
 * earlier platform still continues the same chain.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src/shared/sqlite/migrate'
import { platformMigrations } from '../../../server/src/db/migrations'
import { chainDigest } from '../../../server/src/event-digest'
import { EventLog } from '../../../server/src/event-log'
import { ManualClock } from '../../../src/shared/clock'
import type { PlatformEvent, PlatformEventType } from '../../../src/shared/protocol'

const AWKWARD = 'Zoë "quoted" \\ back\nline\t\u0001 \u2028 \ud800 </script> 🚀'

describe("an event's text", () => {
  it("is JSON.stringify's, sent and stored, for every type mixed in one change and strings needing escapes", () => {
    const db = new Database(':memory:')
    migrate(db, platformMigrations, { what: 'test database', remedy: '' })
    db.pragma('foreign_keys = OFF')
    const log = new EventLog(db, new ManualClock(Date.UTC(2026, 11, 1, 12)))
    const sent: Array<{ event: PlatformEvent; json: string }> = []
    log.subscribeSender((_expertId, event, json) => sent.push({ event, json }))
    const types: PlatformEventType[] = [
      'invite.created',
      'invite.closed',
      'invite.closed',
      'session.updated',
      'message.created',
      'invite.created',
      'expert.updated',
    ]
    log.transact(() =>
      log.appendAll(
        types.map((type) => ({ expertId: 'e1', type, payload: { note: AWKWARD, type } as never })),
      ),
    )

    expect(sent.map((s) => s.event.type)).toEqual(types)
    const rows = db
      .prepare<[], { payload: string }>("SELECT payload FROM events WHERE expert_id = 'e1' ORDER BY id")
      .all()
    let previous: string | undefined
    for (const [i, { event, json }] of sent.entries()) {
      const { digest, ...unsigned } = event
      expect(Object.keys(event)).toEqual(['id', 'type', 'at', 'payload', 'digest'])
      expect(json).toBe(JSON.stringify(event))
      expect(rows[i]?.payload).toBe(json)
      if (previous !== undefined) expect(digest).toBe(chainDigest(previous, JSON.stringify(unsigned)))
      previous = digest
    }
  })
})
