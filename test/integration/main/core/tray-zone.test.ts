// The tray writes the last sync in the computer's time zone: one changed while Standby runs (a
// flight, the OS's settings) is taken up at the next read of the zone, not at the next change of
// the connection, which for a platform that stays down may be hours.
import { describe, expect, it } from 'vitest'
import { ZONE_CHECK_MS } from '../../../../src/main/node/host-zone'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { useHostZone } from '../../../support/host-zone'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

describe('the tray and the computer’s time zone', () => {
  const defer = useCleanup()
  const setZone = useHostZone()

  it('writes the last sync again in the new zone once the zone is read again', async () => {
    setZone('Europe/London')
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    // The link's clock never moves, so no retry rewrites the tray meanwhile; the runtime's moves
    // to the zone's next reading.
    const clock = new ManualClock(Date.now())
    const core = await startCoreFor(platform.server.url, expert, { clock, linkClock: new ManualClock(0) })
    defer(() => core.close(true))
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
})
