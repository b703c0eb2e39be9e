/**
 * The timed rules (invite expiry, auto-cancel, "online until", lapsed proposals) when one row
 * cannot be processed (a value stored wrong): that row is skipped and logged once, and every
 * other row, and every other rule, still goes through.
 */
import { describe, expect, it } from 'vitest'
import { bookScheduled } from '../../support/booking'
import { useTestPlatform, type TestPlatform } from '../../support/test-platform'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

const sessionOf = (platform: TestPlatform, expertId: string): string =>
  platform.server.marketplace.db
    .prepare<[string], string>('SELECT id FROM sessions WHERE expert_id = ?')
    .pluck()
    .get(expertId) as string

const sessionState = (platform: TestPlatform, id: string): string =>
  platform.server.marketplace.db
    .prepare<[string], string>('SELECT state FROM sessions WHERE id = ?')
    .pluck()
    .get(id) as string

const openInvites = (platform: TestPlatform, expertId: string): number =>
  platform.server.marketplace.db
    .prepare<[string], number>(`SELECT COUNT(*) FROM invites WHERE expert_id = ? AND state = 'open'`)
    .pluck()
    .get(expertId) as number

describe('a sweep over one row it cannot process', () => {
  const platform = useTestPlatform({ marketplace: { freeCancellationHours: 0 } })

  it('still auto-cancels the other overdue sessions and expires invites, and logs the row once', () => {
    const p = platform()
    const { marketplace } = p.server
    const now = p.clock.now()
    const bad = p.addExpert()
    const good = p.addExpert()
    const client = p.addClient()
    // The damaged session starts first, so auto-cancel meets it first.
    bookScheduled(p, { expertId: bad.id, clientId: client, title: 'Damaged', start: now + HOUR })
    bookScheduled(p, { expertId: good.id, clientId: client, title: 'Sound', start: now + 2 * HOUR })
    const damaged = sessionOf(p, bad.id)
    marketplace.db.prepare(`UPDATE sessions SET outcome = '{not json' WHERE id = ?`).run(damaged)
    p.clock.advance(3 * HOUR)
    const third = p.addExpert()
    p.inviteDirectly(third.id, 'Quick question')
    p.clock.advance(10 * MINUTE)

    for (let i = 0; i < 3; i++) marketplace.sweep()

    expect(sessionState(p, sessionOf(p, good.id))).toBe('cancelled')
    expect(openInvites(p, third.id)).toBe(0)
    const skipped = p.logger.lines.filter((l) => l.includes('auto-cancel: skipped a row'))
    expect(skipped).toHaveLength(1)
    expect(skipped[0]).toContain(damaged)
  })

  it('expires every other expert’s invites when one expert’s row cannot be read', () => {
    const p = platform()
    const damaged = p.addExpert()
    const healthy = p.addExpert()
    p.inviteDirectly(damaged.id, 'To the damaged row')
    p.inviteDirectly(healthy.id, 'To the healthy row')
    p.server.marketplace.db.prepare(`UPDATE experts SET tags = '[not json' WHERE id = ?`).run(damaged.id)
    p.clock.advance(10 * MINUTE)

    p.server.marketplace.sweep()

    expect(openInvites(p, healthy.id)).toBe(0)
    expect(openInvites(p, damaged.id)).toBe(1)
  })

  it('logs a rule that fails again after it went through in between, as the new failure it is', () => {
    const p = platform()
    const { db } = p.server.marketplace
    const failed = () => p.logger.lines.filter((l) => l.includes('lapsed proposals failed')).length
    const outage = (): void => {
      db.exec('ALTER TABLE sessions RENAME TO sessions_away')
      for (let i = 0; i < 3; i++) p.server.marketplace.sweep()
      db.exec('ALTER TABLE sessions_away RENAME TO sessions')
    }
    outage()
    expect(failed()).toBe(1)
    // The rule goes through again; a later outage is another, and the operator is told of it.
    p.server.marketplace.sweep()
    outage()
    expect(failed()).toBe(2)
  })
})
