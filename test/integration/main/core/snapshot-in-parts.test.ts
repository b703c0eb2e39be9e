// A snapshot sent in parts over a slow link is not taken at one moment: the platform goes on
// meanwhile, and a later part may hold what an earlier part's cursor does not yet. Nothing about
// that is the platform's fault, and the expert must not be told it is.
import { describe, expect, it } from 'vitest'
import type { ReplayResponse, Session } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

describe('a snapshot in parts while the platform goes on', () => {
  const defer = useCleanup()

  /**
   * A platform that sends its snapshot one entity a part; once the first part, which holds an
   * invite as open, is on its way, the expert accepts it on another device and ends the session.
   * `after` answers each replay request once the snapshot's parts are all sent.
   */
  async function platformMovingOnBetweenParts(after?: (answer: () => ReplayResponse) => ReplayResponse) {
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
    const counted = { parts: 0, whole: false }
    marketplace.answerReplay = (expertId, replay) => {
      if (counted.whole && after !== undefined) return after(() => answer(expertId, replay))
      const page = answer(expertId, { ...replay, maxBytes: 1 })
      if (page.kind !== 'snapshot') return page
      if (++counted.parts === 1) {
        const { session } = command('invite.accept', { inviteId, proposedTime: null }) as { session: Session }
        command('session.end', { sessionId: session.id, outcome: { kind: 'free' } })
      }
      if (page.snapshot.next === undefined) counted.whole = true
      return page
    }
    return { platform, expert, request, counted }
  }

  function expectSettledWithoutFault(
    core: TestCore,
    platform: TestPlatform,
    requestId: string,
    expertId: string,
  ) {
    const { shown } = core.adapters.notifier
    expect(shown.filter((n) => n.kind === 'notice')).toEqual([])
    const cache = core.runtime.cache
    expect(cache.cursor()).toBe(platform.server.marketplace.events.latestId(expertId))
    expect(cache.openInvites(platform.clock.now()).map((i) => i.request.title)).toEqual(['Still open'])
    expect(cache.sessionHistory(10).map((s) => `${s.request.id} ${s.state}`)).toEqual([`${requestId} ended`])
  }

  it('an invite accepted and its session ended elsewhere between two parts: the session is in History, the invite is not shown, and no fault is told', async () => {
    const { platform, expert, request, counted } = await platformMovingOnBetweenParts()
    const core = await startCoreFor(platform.server.url, expert)
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()

    expect(counted.parts).toBeGreaterThan(2)
    const { shown } = core.adapters.notifier
    expect(shown.flatMap((n) => (n.kind === 'invite' ? [n.title] : []))).toEqual([
      expect.stringContaining('Still open'),
    ])
    expectSettledWithoutFault(core, platform, request.id, expert.id)
  })

  it('Standby stopped right after such a snapshot, before the replay after it: after the restart no fault is told either', async () => {
    let replayAfter: () => void = () => {}
    const reached = new Promise<void>((resolve) => (replayAfter = resolve))
    let cut = true
    const { platform, expert, request } = await platformMovingOnBetweenParts((answer) => {
      if (!cut) return answer()
      replayAfter()
      throw new Error('Standby is stopped before this page reaches it')
    })
    const core = await startCoreFor(platform.server.url, expert)
    await reached
    const cursorAtStop = core.runtime.cache.cursor()
    core.close()
    expect(cursorAtStop).toBeLessThan(platform.server.marketplace.events.latestId(expert.id))

    cut = false
    const restarted = await startCoreFor(platform.server.url, expert, { dir: core.dir })
    defer(() => restarted.close(true))
    await restarted.waitForState((s) => s.status === 'online')
    await restarted.runtime.core.settled()
    expectSettledWithoutFault(restarted, platform, request.id, expert.id)
  })
})
