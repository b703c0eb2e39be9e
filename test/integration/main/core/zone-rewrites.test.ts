// The tray writes the last sync, and the update line a failure's retry time, in the computer's time
// zone: one changed while Standby runs (a flight, the OS's settings) is taken up at the next read
// of the zone, not at the next change of the connection or the next check, which may be hours.
import { describe, expect, it } from 'vitest'
import { ZONE_CHECK_MS } from '../../../../src/main/node/host-zone'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { useHostZone } from '../../../support/host-zone'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

describe('the tray, the update line and the computer’s time zone', () => {
  const defer = useCleanup()
  const setZone = useHostZone()

  /**
   * A core in London on a platform whose runtime clock moves only when the test moves it; the
   * link's clock never moves, so no retry of the link rewrites anything meanwhile.
   */
  async function coreInLondon() {
    setZone('Europe/London')
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const clock = new ManualClock(Date.now())
    const core = await startCoreFor(platform.server.url, platform.addExpert(), {
      clock,
      linkClock: new ManualClock(0),
    })
    defer(() => core.close(true))
    return { platform, clock, core }
  }

  it('writes the last sync again in the new zone once the zone is read again', async () => {
    const { platform, clock, core } = await coreInLondon()
    await core.waitForState((s) => s.status === 'online')
    await platform.stopServer()
    await core.waitForState((s) => s.status !== 'online' && s.status !== 'checking')
    const line = () => core.adapters.tray.current?.statusLine ?? ''
    // The last sync is on the platform's clock: 09:00 UTC, 09:00 in London in winter, 18:00 in Tokyo.
    expect(new Date(platform.clock.now()).toISOString()).toMatch(/T09:00/)
    expect(line()).toMatch(/last synced 0?9[:.]00(?! PM)/)

    // All but the last moment before the zone's next reading: whatever the wait sets off (the link
    // given up for offline) rewrites the tray before the zone changes, not after.
    clock.advance(ZONE_CHECK_MS - 1)
    const before = line()
    expect(before).toMatch(/last synced 0?9[:.]00(?! PM)/)
    setZone('Asia/Tokyo')
    clock.advance(1)
    expect(line()).toMatch(/last synced (18[:.]00|0?6[:.]00 PM)/)
    expect(line().replace(/last synced .*/, '')).toBe(before.replace(/last synced .*/, ''))
  })

  it('writes a failed update’s retry time again in the new zone once the zone is read again', async () => {
    const { clock, core } = await coreInLondon()
    const { updates } = core.runtime
    // The update server cannot be reached: each check fails, and the retries back off.
    core.adapters.updater.control({ action: 'unreachable', on: true })
    const failure = (after: number | null) =>
      new Promise<void>((resolve) => {
        const done = () => updates.state.phase === 'error' && updates.state.nextCheckAt !== after
        if (done()) return resolve()
        const off = updates.changes.add(() => {
          if (!done()) return
          off()
          resolve()
        })
      })
    await core.waitForState((s) => s.status === 'online')
    await failure(null)
    // Until the next retry is further off than the zone's next reading, so none rewrites the line.
    while (updates.state.nextCheckAt! - clock.now() <= ZONE_CHECK_MS) {
      const retried = failure(updates.state.nextCheckAt)
      clock.advanceTo(updates.state.nextCheckAt!)
      await retried
    }
    const retry = updates.state.nextCheckAt!
    const written = (zone: string) =>
      new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(retry)
    expect(updates.state.error).toContain(`tries again at ${written('Europe/London')},`)

    setZone('Asia/Tokyo')
    clock.advance(ZONE_CHECK_MS)
    expect(updates.state.error).toContain(`tries again at ${written('Asia/Tokyo')},`)
  })
})
