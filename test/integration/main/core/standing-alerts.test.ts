// The standing warnings through the whole core against the reference platform: a review that
// drops the average below the threshold and a chargeback each give one notification, and neither
// comes again when the app restarts, replays what it missed or reconnects to a restarted platform.
import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { failWrites } from '../../../support/cache-faults'
import { useCleanup } from '../../../support/cleanup'
import { endedSessionOn } from '../../../support/ended-session'
import { startCoreFor, startOnlineCore, type TestCore } from '../../../support/test-core'
import { addExpert } from '../../../support/expert-with-password'

const standing = (n: AppNotification): boolean =>
  n.kind === 'notice' && /rating dropped below|chargeback/.test(n.title)

/** Resolves once the core has caught up with the platform's latest event. */
async function caughtUp(core: TestCore, latest: number): Promise<void> {
  await core.waitForState((s) => s.status === 'online')
  while (core.runtime.cache.cursor() < latest) {
    await new Promise<void>((resolve) => {
      const off = core.runtime.core.cacheChanged.add(() => {
        off()
        resolve()
      })
    })
  }
  await core.runtime.core.settled()
}

describe('standing warnings through the core', () => {
  const defer = useCleanup()

  it('warns once for a drop below the threshold and once for a chargeback, across restart, replay and reconnect', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const marketplace = platform.server.marketplace
    const latest = () => marketplace.events.latestId(expert.id)
    const first = endedSessionOn(platform, { kind: 'charged' }, expert.id)
    marketplace.review(first.sessionId, { rating: 2, comment: 'Did not help' })
    marketplace.chargeback(first.sessionId, { reason: 'Disputed' })
    await caughtUp(core, latest())
    expect(core.adapters.notifier.shown.filter(standing).map((n) => n.title)).toEqual([
      'Your rating dropped below 4.0',
      'A chargeback was recorded',
    ])

    // Closed while the platform goes on: replayed on the next start, still below, nothing new.
    core.close()
    const second = endedSessionOn(platform, { kind: 'charged' }, expert.id)
    marketplace.review(second.sessionId, { rating: 3 })
    const restarted = await startCoreFor(platform.server.url, expert, { dir: core.dir })
    defer(() => restarted.close(true))
    await caughtUp(restarted, latest())
    expect(restarted.runtime.cache.session(second.sessionId)?.review?.rating).toBe(3)

    await platform.stopServer()
    await restarted.waitForState((s) => s.status !== 'online')
    await platform.startServer()
    await caughtUp(restarted, latest())
    expect(restarted.adapters.notifier.shown.filter(standing)).toEqual([])
  })

  it('a warning the disk could not record for one expert does not silence it for the next expert signed in', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const marketplace = platform.server.marketplace
    const disk = failWrites(core.runtime.cache, 'markStandingWarned')
    const ada = endedSessionOn(platform, { kind: 'charged' }, expert.id)
    marketplace.review(ada.sessionId, { rating: 2 })
    await caughtUp(core, marketplace.events.latestId(expert.id))

    await core.runtime.core.signOut()
    disk.free()
    const bob = await addExpert(marketplace, { name: 'Bob', email: 'bob@example.test' })
    const his = endedSessionOn(platform, { kind: 'charged' }, bob)
    marketplace.review(his.sessionId, { rating: 2 })
    const signedIn = await core.runtime.core.signIn(platform.server.url, 'bob@example.test', 'right')
    expect(signedIn).toMatchObject({ ok: true })
    await caughtUp(core, marketplace.events.latestId(bob))
    expect(core.adapters.notifier.shown.filter(standing).map((n) => n.title)).toEqual([
      'Your rating dropped below 4.0',
      'Your rating dropped below 4.0',
    ])
  })
})
