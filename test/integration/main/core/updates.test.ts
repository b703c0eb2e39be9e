/**
 * The update policy inside a running core against the reference platform: the first check waits
 * for the connection, the platform's minimum version makes an older app say "Update required",
 * and a session booked in the cache holds the restart.
 */
import { describe, expect, it } from 'vitest'
import type { UpdatePolicy } from '../../../../src/main/core/update/update-policy'
import type { UpdateState } from '../../../../src/shared/update/update-state'
import { bookScheduled } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

const MINUTE = 60_000

/** Resolves with the first state that matches (the current one included). */
function reached(updates: UpdatePolicy, match: (state: UpdateState) => boolean): Promise<UpdateState> {
  return new Promise((resolve) => {
    if (match(updates.state)) return resolve(updates.state)
    const off = updates.changes.add((state) => {
      if (!match(state)) return
      off()
      resolve(state)
    })
  })
}

describe('updates in a running core', () => {
  const defer = useCleanup()

  it('says "Update required" when the platform announces a newer minimum, and offers it once downloaded', async () => {
    const platform = await startTestPlatform({ minimumAppVersion: '1.0.0' })
    defer(() => platform.close())
    const core = await startCoreFor(platform.server.url, platform.addExpert())
    defer(() => core.close(true))
    const { updates } = core.runtime
    const first = await reached(updates, (state) => state.requiredVersion !== null && state.phase === 'error')
    expect(first.requiredVersion).toBe('1.0.0')
    expect(first.error).toMatch(
      /needs Standby 1.0.0 or newer, and the update server offers nothing newer yet/,
    )

    core.adapters.updater.control({ action: 'publish', version: '1.0.0' })
    updates.checkNow()
    const ready = await reached(updates, (state) => state.phase === 'ready')
    expect(ready.canRestart).toBe(true)
    expect(core.adapters.notifier.shown.map((n) => n.title)).toContain('Update required')
  })

  it('holds the restart for a session booked in the cache for ten minutes from now', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    bookScheduled(platform, {
      expertId: expert.id,
      clientId: platform.addClient(),
      title: 'Soon',
      start: platform.clock.now() + 10 * MINUTE,
    })
    const core = await startCoreFor(platform.server.url, expert, { clock: platform.clock })
    defer(() => core.close(true))
    const { updates } = core.runtime
    await reached(updates, (state) => state.phase === 'up_to_date')
    await core.runtime.core.settled()
    core.adapters.updater.control({ action: 'publish', version: '0.1.0' })
    updates.checkNow()
    const ready = await reached(updates, (state) => state.phase === 'ready')
    expect(ready.canRestart).toBe(false)
    expect(ready.restartHeldBecause).toMatch(/^A session is booked at /)
    expect(updates.restart().ok).toBe(false)
    expect(core.adapters.updater.installs).toEqual([])
  })
})
