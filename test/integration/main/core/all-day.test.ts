/**
 * A day of a busy expert's invites against the real platform: each one arrives, is notified, gets a
 * client's message and runs out, with a sleep and a network change now and then. The core must end
 * the day holding what it held after the first invite: timers, listeners, and notifications on screen.
 */
import { afterAll, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START, type TestPlatform } from '../../../support/test-platform'

/** Lets sockets and timers make progress between steps, without waiting on time. */
const turns = async (count = 20): Promise<void> => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve))
}

let platform: TestPlatform | undefined
let core: TestCore | undefined
afterAll(async () => {
  core?.close(true)
  await platform?.close()
})

it('200 invites that run out, with wakes and network changes, leave no timer, listener or notification behind', async () => {
  const platformClock = new ManualClock(TEST_START)
  platform = await startTestPlatform({ clock: platformClock })
  const expert = platform.addExpert()
  const clock = new ManualClock(TEST_START)
  const started = await startCoreFor(platform.server.url, expert, { clock })
  core = started
  await started.waitForState((s) => s.status === 'online')
  const { runtime, adapters } = started
  const held = () => ({
    timers: clock.pendingTimers,
    listeners: [runtime.core.states, runtime.core.cacheChanged, runtime.core.threadsRead].map((l) => l.size),
    invitesOnScreen: adapters.notifier.onScreen.length,
    openInvites: runtime.cache.openInvites(runtime.core.platformClock.now()).length,
  })
  let sent = 0
  const invite = async (): Promise<void> => {
    const shown = adapters.notifier.shown.length
    const { request } = platform!.inviteDirectly(expert.id, `Question ${sent++}`)
    await started.waitForNotifications(shown + 1)
    platform!.server.marketplace.clientMessage(request.id, expert.id, 'Are you there?')
    await turns()
    // The invite's time runs out, on the platform and in the app alike.
    platformClock.advance(6 * 60_000)
    clock.advance(6 * 60_000)
    await turns()
    if (sent % 5 === 0) adapters.power.resume()
    if (sent % 7 === 0) adapters.power.networkChanged()
    await turns()
    await started.waitForState((s) => s.status === 'online')
  }
  await invite()
  const after = held()
  for (let i = 0; i < 200; i++) await invite()
  expect(held()).toEqual(after)
  expect(after).toMatchObject({ invitesOnScreen: 0, openInvites: 0 })
}, 120_000)
