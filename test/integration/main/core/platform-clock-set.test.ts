import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

const MINUTE = 60_000

/** A wake: the link probes the connection, and the platform answers on it. */
async function wake(core: TestCore): Promise<void> {
  const seen: string[] = []
  const off = core.runtime.core.states.add((s) => seen.push(s.status))
  core.adapters.power.resume()
  await core.waitForState((s) => s.status === 'online' && seen.includes('checking'))
  off()
}

describe('a platform whose own clock is set back while Standby is connected', () => {
  const defer = useCleanup()

  it('is followed from the probes after a wake: platform time is the platform’s again', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const core = await startCoreFor(platform.server.url, expert, { clock: new ManualClock(TEST_START) })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const clock = core.runtime.core.platformClock
    expect(clock.now()).toBe(platform.clock.now())

    platform.clock.step(-10 * MINUTE)
    // One answer at odds with the estimate moves nothing; the second that agrees with it does.
    await wake(core)
    await wake(core)
    expect(clock.now()).toBe(platform.clock.now())
  })
})
