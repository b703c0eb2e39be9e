/**
 * A platform that was down while an invite's time ran out closes it as it starts, on its own
 * clock, without waiting for the first tick of its timed rules.
 */
import { afterEach, expect, it } from 'vitest'
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
