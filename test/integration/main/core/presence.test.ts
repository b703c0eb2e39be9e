import { describe, expect, it } from 'vitest'
import type { Expert, Session } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, startOnlineCore, type TestCore } from '../../../support/test-core'
import { stallTimer } from '../../../support/stall-timer'

type Presence = Pick<Expert, 'availability' | 'availabilityCause'>

/** Resolves once the core's cached expert has this availability and cause. */
function waitForPresence(core: TestCore, want: Presence): Promise<void> {
  const matches = (): boolean => {
    const expert = core.runtime.cache.expert()
    return expert?.availability === want.availability && expert.availabilityCause === want.availabilityCause
  }
  return new Promise((resolve, reject) => {
    if (matches()) return resolve()
    // A failsafe that fires only once the cache went unchanged for its span: a hang, not a busy machine.
    const timer = stallTimer(20_000, () => {
      off()
      const { availability, availabilityCause } = core.runtime.cache.expert() ?? {}
      reject(
        new Error(`Timed out waiting for ${JSON.stringify(want)}; last ${availability} ${availabilityCause}`),
      )
    })
    const off = core.runtime.core.cacheChanged.add(() => {
      if (!matches()) return timer.progress()
      timer.stop()
      off()
      resolve()
    })
  })
}

describe('presence across two devices of one expert', () => {
  const defer = useCleanup()

  async function twoDevices() {
    const { platform, expert, core: laptop } = await startOnlineCore(defer)
    const desktop = await startCoreFor(platform.server.url, expert)
    defer(() => desktop.close(true))
    await desktop.waitForState((s) => s.status === 'online')
    return { platform, expert, laptop, desktop }
  }

  it('a screen lock on one device sets away on every device, and its unlock brings the expert back', async () => {
    const { laptop, desktop } = await twoDevices()
    laptop.adapters.power.lock()
    const away = { availability: 'away', availabilityCause: 'screen_locked' } as const
    await Promise.all([waitForPresence(laptop, away), waitForPresence(desktop, away)])
    laptop.adapters.power.unlock()
    const back = { availability: 'online', availabilityCause: 'chosen' } as const
    await Promise.all([waitForPresence(laptop, back), waitForPresence(desktop, back)])
  })

  it('an away chosen on one device is not undone by the other device’s unlock', async () => {
    const { laptop, desktop } = await twoDevices()
    laptop.adapters.power.lock()
    await waitForPresence(desktop, { availability: 'away', availabilityCause: 'screen_locked' })
    const chose = await desktop.runtime.api['availability.set']({ availability: 'away', onlineUntil: null })
    expect(chose.ok).toBe(true)
    await waitForPresence(laptop, { availability: 'away', availabilityCause: 'chosen' })
    laptop.adapters.power.unlock()
    // A round trip through the platform: anything the unlock sent has been answered by then.
    expect(
      (await laptop.runtime.core.command('availability.auto', { change: 'back', idleMinutes: null })).ok,
    ).toBe(true)
    expect(laptop.runtime.cache.expert()).toMatchObject({ availability: 'away', availabilityCause: 'chosen' })
  })

  it('busy on both devices during a live session, through a restart, and back to online when it ends', async () => {
    const { platform, expert, laptop, desktop } = await twoDevices()
    platform.inviteDirectly(expert.id, 'Flaky test')
    await laptop.waitForNotifications(1)
    const inviteId = laptop.runtime.cache.openInvites(laptop.runtime.core.platformClock.now())[0]?.id ?? ''
    const accepted = await laptop.runtime.api['invites.accept']({ inviteId, proposedTime: null })
    if (!accepted.ok) throw new Error(accepted.error.message)
    const session: Session = accepted.result.session
    const busy = { availability: 'busy', availabilityCause: 'session' } as const
    await Promise.all([waitForPresence(laptop, busy), waitForPresence(desktop, busy)])

    laptop.close()
    const restarted = await startCoreFor(platform.server.url, expert, { dir: laptop.dir })
    defer(() => restarted.close(true))
    await restarted.waitForState((s) => s.status === 'online')
    expect(restarted.runtime.cache.expert()).toMatchObject(busy)

    const ended = await restarted.runtime.api['sessions.end']({
      sessionId: session.id,
      outcome: { kind: 'free' },
    })
    expect(ended.ok).toBe(true)
    const online = { availability: 'online', availabilityCause: 'chosen' } as const
    await Promise.all([waitForPresence(restarted, online), waitForPresence(desktop, online)])
  })
})
