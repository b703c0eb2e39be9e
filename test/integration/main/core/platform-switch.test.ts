// Signing in to another platform with the same expert id: the old platform's invites, sessions
// and rooms are not this platform's, so they are not shown, joined or reminded of while the new
// platform's replay has yet to notice the different history; after a restart too, when the cache
// alone remembers which platform filled it.
import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../../../server/src/auth'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, startOnlineCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

describe('switching platforms as the same expert id', () => {
  const defer = useCleanup()

  /** A second platform that knows the same expert id, as ada@other.test with password "right". */
  async function anotherPlatformWith(expertId: string) {
    const other = await startTestPlatform()
    defer(() => other.close())
    other.server.marketplace.createExpert({
      id: expertId,
      name: 'Ada',
      email: 'ada@other.test',
      passwordHash: await hashPassword('right'),
      timeZone: 'Europe/London',
    })
    return other
  }

  it('empties the cache at once, and fills it from the new platform only', async () => {
    const { platform: old, expert, core } = await startOnlineCore(defer)
    old.inviteDirectly(expert.id, 'On the old platform')
    await core.waitForNotifications(1)
    const other = await anotherPlatformWith(expert.id)
    const replaced: string[] = []
    core.runtime.core.cacheChanged.add((update) => replaced.push(update.kind))

    const outcome = await core.runtime.core.signIn(other.server.url, 'ada@other.test', 'right')
    expect(outcome).toMatchObject({ ok: true })
    // Before the new platform has answered: nothing of the old one's is left to show.
    expect(core.runtime.cache.expert()).toBeNull()
    expect(core.runtime.cache.cursor()).toBe(0)
    expect(replaced).toContain('replaced')

    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([])
    expect(core.runtime.cache.expert()).toMatchObject({ id: expert.id, email: 'ada@other.test' })
  })

  it('empties the cache after a restart that forgot the sign-in, before anything of the old platform is shown', async () => {
    // Both runs keep the platform's time, so the restart, which has not heard a platform yet, reads
    // the invite as open by its own clock (TestCoreOptions.clock says why).
    const clock = new ManualClock(TEST_START)
    const { platform: old, expert, core, platformUrl } = await startOnlineCore(defer, { appClock: clock })
    old.inviteDirectly(expert.id, 'On the old platform')
    await core.waitForNotifications(1)
    await core.runtime.core.settled()
    core.close()
    // As after a refused token: the stored sign-in is forgotten, the cache kept for reading offline.
    const restarted = await startCoreFor(platformUrl, expert, { dir: core.dir, signedOut: true, clock })
    defer(() => restarted.close())
    const { core: standby, cache } = restarted.runtime
    expect(standby.connection.status).toBe('signed_out')
    expect(cache.openInvites(standby.platformClock.now()).map((i) => i.request.title)).toEqual([
      'On the old platform',
    ])
    const other = await anotherPlatformWith(expert.id)
    const replaced: string[] = []
    standby.cacheChanged.add((update) => replaced.push(update.kind))

    const outcome = await standby.signIn(other.server.url, 'ada@other.test', 'right')
    expect(outcome).toMatchObject({ ok: true })
    // Before the new platform has answered: nothing of the old one's is left to show.
    expect(cache.expert()).toBeNull()
    expect(cache.cursor()).toBe(0)
    expect(cache.openInvites(standby.platformClock.now())).toEqual([])
    expect(replaced).toContain('replaced')

    await restarted.waitForState((s) => s.status === 'online')
    await standby.settled()
    expect(cache.openInvites(standby.platformClock.now())).toEqual([])
    expect(cache.expert()).toMatchObject({ id: expert.id, email: 'ada@other.test' })
  })
})
