// A snapshot sent in parts over a slow link is not taken at one moment: the platform goes on
// meanwhile, and a later part may hold what an earlier part's cursor does not yet. Nothing about
// that is the platform's fault, and the expert must not be told it is.
import { describe, expect, it } from 'vitest'
import type { Session } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

describe('a snapshot in parts while the platform goes on', () => {
  const defer = useCleanup()

  it('an invite accepted and its session ended elsewhere between two parts: the session is in History, the invite is not shown, and no fault is told', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const { request } = platform.inviteDirectly(expert.id, 'Accepted on the website meanwhile')
    const inviteId = platform.server.marketplace.db
      .prepare('SELECT id FROM invites WHERE request_id = ?')
      .pluck()
      .get(request.id) as string
    platform.inviteDirectly(expert.id, 'Still open')
    const { marketplace } = platform.server
    const command = (name: string, payload: Record<string, unknown>): unknown => {
      const ack = marketplace.execute(expert.id, { name, idempotencyKey: name, payload })
      if (!ack.ok) throw new Error(ack.error.message)
      return ack.result
    }
    const answer = marketplace.answerReplay.bind(marketplace)
    let parts = 0
    // One entity a part, as a link slow enough makes them. Once the first part, which holds the
    // invite as open, is on its way, the expert accepts it on another device and ends the session.
    marketplace.answerReplay = (expertId, replay) => {
      const page = answer(expertId, { ...replay, maxBytes: 1 })
      if (page.kind === 'snapshot' && ++parts === 1) {
        const { session } = command('invite.accept', { inviteId, proposedTime: null }) as { session: Session }
        command('session.end', { sessionId: session.id, outcome: { kind: 'free' } })
      }
      return page
    }
    const core = await startCoreFor(platform.server.url, expert)
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()

    expect(parts).toBeGreaterThan(2)
    const { shown } = core.adapters.notifier
    expect(shown.filter((n) => n.kind === 'notice')).toEqual([])
    expect(shown.flatMap((n) => (n.kind === 'invite' ? [n.title] : []))).toEqual([
      expect.stringContaining('Still open'),
    ])
    const cache = core.runtime.cache
    expect(cache.cursor()).toBe(marketplace.events.latestId(expert.id))
    expect(cache.openInvites(platform.clock.now()).map((i) => i.request.title)).toEqual(['Still open'])
    expect(cache.sessionHistory(10).map((s) => `${s.request.id} ${s.state}`)).toEqual([`${request.id} ended`])
  })
})
