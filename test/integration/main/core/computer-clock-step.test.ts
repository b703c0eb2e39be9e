// The computer's clock steps while Standby is connected and nothing else is said: the app asks the
// real platform for its time once, and whether the step was a setting of the clock or a sleep
// nobody reported, platform time is the platform's after the answer.
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

const MINUTE = 60_000

describe('a step of the computer’s clock on a quiet connection', () => {
  const defer = useCleanup()

  for (const [what, slept] of [
    ['a sleep nobody reported', true],
    ['the clock set forward by hand', false],
  ] as const) {
    it(`${what}: one probe, and platform time is the platform’s`, async () => {
      const platform = await startTestPlatform()
      defer(() => platform.close())
      const expert = platform.addExpert()
      const clock = new ManualClock(TEST_START)
      const core = await startCoreFor(platform.server.url, expert, { clock })
      defer(() => core.close(true))
      await core.waitForState((s) => s.status === 'online')
      await core.runtime.core.settled()
      const seen: string[] = []
      core.runtime.core.states.add((s) => seen.push(s.status))
      // Asleep, the platform's time ran on with the wall clock; set by hand, it did not.
      clock.step(40 * MINUTE)
      if (slept) platform.clock.step(40 * MINUTE)
      core.runtime.core.platformClock.now()
      await core.waitForState((s) => s.status === 'online' && seen.includes('checking'))
      expect(core.runtime.core.platformClock.now()).toBe(platform.clock.now())
    })
  }
})
