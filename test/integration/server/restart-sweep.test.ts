/**
 * A platform that was down while an invite's time ran out closes it as it starts, on its own
 * clock, without waiting for the first tick of its timed rules; a session whose join window it
 * was down for is cancelled with nobody owing a fee.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../src/shared/protocol'
import { bookScheduled } from '../../support/booking'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'

let platform: TestPlatform | undefined
afterEach(() => platform?.close())

it('closes an invite that expired while the platform was down as soon as it starts again', async () => {
  platform = await startTestPlatform()
  const expert = platform.addExpert()
  const { request } = platform.inviteDirectly(expert.id, 'Expires during the downtime')
  const invite = platform.server.marketplace.db
    .prepare<[string], { id: string; expires_at: number }>(
      'SELECT id, expires_at FROM invites WHERE request_id = ?',
    )
    .get(request.id)
  if (invite === undefined) throw new Error('no invite row')

  await platform.stopServer()
  platform.clock.advanceTo(invite.expires_at)
  await platform.startServer()

  // The clock has not moved since the start: only a sweep at start can have closed it.
  const state = platform.server.marketplace.db
    .prepare<[string], string>('SELECT state FROM invites WHERE id = ?')
    .pluck()
    .get(invite.id)
  expect(state).toBe('expired')
  const page = platform.server.marketplace.events.replay(expert.id, 0)
  if (page.kind !== 'events') throw new Error(page.kind)
  expect(page.events.map((e) => e.type).slice(0, 2)).toEqual(['invite.created', 'invite.closed'])
})

describe('a platform down during a session’s join window', () => {
  const MINUTE = 60_000

  /** The session booked for a request, as the platform keeps it. */
  function sessionOf(p: TestPlatform, requestId: string): Session {
    const id = p.server.marketplace.db
      .prepare<[string], string>('SELECT id FROM sessions WHERE request_id = ?')
      .pluck()
      .get(requestId)
    if (id === undefined) throw new Error(`no session for ${requestId}`)
    return p.server.marketplace.store.session(id)
  }

  it('finds nobody owes a fee for a time no one could join, while a window the platform was up for charges as usual', async () => {
    platform = await startTestPlatform()
    const p = platform
    const expert = p.addExpert()
    const clientId = p.addClient('Sam')
    const start = p.clock.now() + 60 * MINUTE
    const duringOutage = bookScheduled(p, { expertId: expert.id, clientId, title: 'Down', start })
    const later = bookScheduled(p, {
      expertId: expert.id,
      clientId,
      title: 'Up',
      start: start + 120 * MINUTE,
    })

    // The client joins each session; the expert never does.
    p.clock.advanceTo(start - 5 * MINUTE)
    p.server.marketplace.clientJoin(sessionOf(p, duringOutage).id)
    await p.stopServer()
    p.clock.advanceTo(start + 15 * MINUTE)
    await p.startServer()
    expect(sessionOf(p, duringOutage)).toMatchObject({
      state: 'cancelled',
      cancellation: { reason: 'expert_absent', feeAssessedTo: null },
    })

    p.clock.advanceTo(start + 115 * MINUTE)
    p.server.marketplace.clientJoin(sessionOf(p, later).id)
    p.clock.advanceTo(start + 131 * MINUTE)
    expect(sessionOf(p, later)).toMatchObject({
      state: 'cancelled',
      cancellation: { reason: 'expert_absent', feeAssessedTo: 'expert' },
    })
  })
})
