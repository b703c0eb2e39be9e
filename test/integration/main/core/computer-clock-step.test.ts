// The computer's clock steps while Standby is connected and nothing else is said: the app asks the
// real platform for its time once, and whether the step was a setting of the clock or a sleep
// nobody reported, platform time is the platform's after the answer.
import { describe, expect, it, vi } from 'vitest'
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
      const platformClock = core.runtime.core.platformClock
      const asked: string[] = []
      platformClock.measureWanted.add((why) => asked.push(why))
      const seen: string[] = []
      core.runtime.core.states.add((s) => seen.push(s.status))
      // The next answer with the platform's time, on a link that is otherwise quiet: the probe's.
      const record = platformClock.record.bind(platformClock)
      const answered = new Promise<void>((resolve) => {
        vi.spyOn(platformClock, 'record').mockImplementation((exchange) => {
          record(exchange)
          resolve()
        })
      })
      // Asleep, the platform's time ran on with the wall clock; set by hand, it did not.
      clock.step(40 * MINUTE)
      if (slept) platform.clock.step(40 * MINUTE)
      platformClock.now()
      await answered
      expect(asked).toEqual(['the computer’s clock stepped'])
      expect(platformClock.now()).toBe(platform.clock.now())
      // Nothing was amiss with the connection: the expert was not told it was being checked.
      expect(seen).not.toContain('checking')
      expect(core.runtime.core.connection.status).toBe('online')
    })
  }
})
