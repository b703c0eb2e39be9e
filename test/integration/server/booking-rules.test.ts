import { describe, expect, it } from 'vitest'
import type { ExpertConnection } from '../../support/expert-connection'
import { adminFetch } from '../../support/admin-api'
import { useTestPlatform, type TestPlatform } from '../../support/test-platform'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** A scheduled request sent to `expertId` alone, and the id of the expert's invite to it. */
function inviteAt(
  platform: TestPlatform,
  expertId: string,
  title: string,
  proposedTimes: number[],
  expectedDurationMinutes = 60,
): string {
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient(),
    title,
    kind: 'scheduled',
    proposedTimes,
    expectedDurationMinutes,
    direct: { expertId, via: 'dashboard' },
  })
  return platform.server.marketplace.db
    .prepare('SELECT id FROM invites WHERE request_id = ? AND expert_id = ?')
    .pluck()
    .get(request.id, expertId) as string
}

/** An expert with one session booked from `start` for an hour, titled "Tax return review". */
async function expertBookedAt(
  platform: TestPlatform,
  start: number,
): Promise<{ socket: ExpertConnection; expertId: string }> {
  const expert = platform.addExpert()
  const socket = await platform.connect(expert.token)
  const inviteId = inviteAt(platform, expert.id, 'Tax return review', [start])
  const booked = await socket.command('invite.accept', { inviteId, proposedTime: start })
  expect(booked).toMatchObject({ ok: true })
  return { socket, expertId: expert.id }
}

describe('the platform’s booking rules', () => {
  const platform = useTestPlatform()

  it.each([
    ['starts inside it', 30 * MINUTE, 60],
    ['ends inside it', -30 * MINUTE, 60],
    ['lies within it', 15 * MINUTE, 15],
    ['covers it', -15 * MINUTE, 120],
  ])('refuses a time that %s, naming the booked session and its time', async (_what, shift, minutes) => {
    const start = platform().clock.now() + 24 * HOUR
    const { socket, expertId } = await expertBookedAt(platform(), start)
    const clashing = inviteAt(platform(), expertId, 'Second opinion', [start + shift], minutes)
    const refused = await socket.command('invite.accept', { inviteId: clashing, proposedTime: start + shift })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const message = refused.ok ? '' : refused.error.message
    expect(message).toContain('“Tax return review”')
    expect(message).toContain(new Date(start).toISOString().slice(11, 16))
    // Nothing was booked, and the invite stays open for another time or a decline.
    const sessions = platform()
      .server.marketplace.db.prepare('SELECT COUNT(*) FROM sessions WHERE expert_id = ?')
      .pluck()
      .get(expertId)
    expect(sessions).toBe(1)
    const declined = await socket.command('invite.decline', { inviteId: clashing })
    expect(declined).toMatchObject({ ok: true })
  })

  it('books a time that only touches a booked session, before or after it', async () => {
    const start = platform().clock.now() + 24 * HOUR
    const { socket, expertId } = await expertBookedAt(platform(), start)
    const after = inviteAt(platform(), expertId, 'Right after', [start + HOUR], 30)
    const before = inviteAt(platform(), expertId, 'Right before', [start - 30 * MINUTE], 30)
    expect(
      await socket.command('invite.accept', { inviteId: after, proposedTime: start + HOUR }),
    ).toMatchObject({
      ok: true,
    })
    expect(
      await socket.command('invite.accept', { inviteId: before, proposedTime: start - 30 * MINUTE }),
    ).toMatchObject({ ok: true })
  })

  it('refuses a proposed time that has passed by the platform’s clock, and books a later one', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const now = platform().clock.now()
    const soon = now + 10 * MINUTE
    const later = now + 3 * HOUR
    const inviteId = inviteAt(platform(), expert.id, 'Quick review', [soon, later])
    platform().clock.advance(10 * MINUTE)
    const refused = await socket.command('invite.accept', { inviteId, proposedTime: soon })
    expect(refused).toMatchObject({ ok: false, error: { code: 'time_passed' } })
    expect(refused.ok ? '' : refused.error.message).toMatch(/already passed; book a later one/)
    expect(await socket.command('invite.accept', { inviteId, proposedTime: later })).toMatchObject({
      ok: true,
    })
  })

  it('records the reason a decline gives, none when it gives none, and refuses an unknown one', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const at = platform().clock.now() + 5 * HOUR
    const withReason = inviteAt(platform(), expert.id, 'Kubernetes upgrade', [at])
    const without = inviteAt(platform(), expert.id, 'Excel macros', [at])
    const odd = await socket.command('invite.decline', {
      inviteId: withReason,
      reason: 'too_cheap',
    } as never)
    expect(odd).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(
      await socket.command('invite.decline', { inviteId: withReason, reason: 'not_my_topic' }),
    ).toMatchObject({
      ok: true,
    })
    expect(await socket.command('invite.decline', { inviteId: without })).toMatchObject({ ok: true })

    const read = async (id: string): Promise<unknown> =>
      (await adminFetch(platform().server, 'GET', `/admin/invites/${id}`)).json()
    expect(await read(withReason)).toMatchObject({
      invite: { id: withReason, state: 'declined' },
      declineReason: 'not_my_topic',
    })
    expect(await read(without)).toMatchObject({ invite: { state: 'declined' }, declineReason: null })
    expect((await adminFetch(platform().server, 'GET', '/admin/invites/inv_missing')).status).toBe(404)
  })
})
