// The platform restarts (not restored: the same database) while something is on its way to the app:
// a replay page crossing a slow link, one part of a snapshot, the answer to a command it has done.
// The app connects again and carries on: every invite is shown once, the command is done once.
import { describe, expect, it } from 'vitest'
import type { ReplayResponse } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { awayBehindProxy } from '../../../support/away-behind-proxy'
import { invitedDirectly, pressedUntilTaken, startProxiedExpert } from '../../../support/proxied-expert'
import { startTestCore, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const PENDING = 200

/** Restarts the platform once, right after it has answered the `nth` replay request of the kind wanted. */
function restartAfterAnswer(
  platform: TestPlatform,
  nth: number,
  kind: ReplayResponse['kind'],
  shrink?: number,
): { readonly restarted: Promise<void> } {
  const { marketplace } = platform.server
  const answer = marketplace.answerReplay.bind(marketplace)
  let seen = 0
  const restarted = new Promise<void>((resolve, reject) => {
    marketplace.answerReplay = (expertId, replay) => {
      const page = answer(expertId, shrink === undefined ? replay : { ...replay, maxBytes: shrink })
      if (page.kind === kind && ++seen === nth) {
        // The answer is on its way when the platform goes down under it.
        setImmediate(() => {
          platform
            .stopServer()
            .then(() => platform.startServer())
            .then(resolve, reject)
        })
      }
      return page
    }
  })
  return { restarted }
}

/** Every invite the platform holds for `expertId` is shown once, and the cache is at its latest event. */
async function expectEachShownOnce(core: TestCore, platform: TestPlatform, expertId: string, count: number) {
  await core.waitForNotifications(count)
  await core.waitForState((s) => s.status === 'online')
  await core.runtime.core.settled()
  const invites = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
  expect(invites).toHaveLength(count)
  expect(new Set(invites).size).toBe(count)
  expect(core.runtime.cache.cursor()).toBe(platform.server.marketplace.events.latestId(expertId))
}

describe('the platform restarts mid-flight', () => {
  const defer = useCleanup()

  it('during a replay page crossing a slow link: the app catches up after the restart and shows each invite once', async () => {
    const { platform, expert, proxy, again } = await awayBehindProxy(defer)

    for (let i = 1; i <= PENDING; i++) platform.inviteDirectly(expert.id, `Pending while away ${i}`)
    proxy.trickle(40_000)
    const { restarted } = restartAfterAnswer(platform, 1, 'events')
    const core = await startTestCore(again)
    defer(() => core.close(true))
    await restarted
    await expectEachShownOnce(core, platform, expert.id, PENDING)
  })

  it('during a snapshot in parts: the new cache is built after the restart and shows each invite once', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    for (let i = 1; i <= PENDING; i++) platform.inviteDirectly(expert.id, `Open before the first start ${i}`)
    const { restarted } = restartAfterAnswer(platform, 2, 'snapshot', 4_000)
    const core = await startTestCore({
      platformUrl: platform.server.url,
      token: expert.token,
      expertId: expert.id,
    })
    defer(() => core.close(true))
    await restarted
    await expectEachShownOnce(core, platform, expert.id, PENDING)
  })

  it('between a command it has done and its answer: sent again after the restart, it is done once and the room opens once', async () => {
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, core } = world
    const invite = await invitedDirectly(world, 'Platform restarting under the join')

    proxy.stall(true, 'down')
    const { answer } = await pressedUntilTaken(world, () =>
      core.runtime.api['invites.accept']({ inviteId: invite.id, proposedTime: null }),
    )
    await platform.stopServer()
    proxy.stall(false)
    await platform.startServer()

    const told = await answer
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const sessions = platform.server.marketplace.snapshot(expert.id).sessions
    expect(sessions).toHaveLength(1)
    expect(told).toMatchObject({ ok: true, result: { session: { id: sessions[0]?.id } } })
    expect(core.adapters.browser.opened).toHaveLength(1)
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })
})
