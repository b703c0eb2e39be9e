/**
 * One scheduled session booked an hour ahead for client Sam on a reference platform with a manual
 * clock, and a core following it on its own manual clock in step: the world of the core tests that
 * act on a booked session (reminders, their actions, the client's changes).
 */
import { ManualClock } from '../../src/shared/clock'
import { bookScheduled } from './booking'
import { startCoreFor, type TestCore } from './test-core'
import { startTestPlatform, TEST_START, type TestPlatform } from './test-platform'

const MINUTE = 60_000

/** What a test acts on: the platform, the core, the session and its booked start. */
export interface BookedWorld {
  readonly platform: TestPlatform
  readonly core: TestCore
  readonly sessionId: string
  readonly bookedStart: number
  /**
   * Close the core, run `meanwhile` (what the platform does while the app is closed), and start it
   * again on the same data directory, once it is online and settled.
   */
  restart(meanwhile?: () => void): Promise<TestCore>
  /** Move both clocks on by `ms`. */
  pass(ms: number): void
}

/** Start the world; `defer` closes what it started when the test ends. */
export async function bookedWorld(
  defer: (cleanup: () => Promise<void> | void) => void,
  title: string,
): Promise<BookedWorld> {
  const platform = await startTestPlatform({ clock: new ManualClock(TEST_START) })
  defer(() => platform.close())
  const expert = platform.addExpert()
  const bookedStart = platform.clock.now() + 60 * MINUTE
  bookScheduled(platform, {
    expertId: expert.id,
    clientId: platform.addClient('Sam'),
    title,
    start: bookedStart,
  })
  const local = new ManualClock(TEST_START)
  const start = (dir?: string): Promise<TestCore> =>
    startCoreFor(platform.server.url, expert, { clock: local, dir }).then(async (core) => {
      defer(() => core.close(true))
      await core.waitForState((s) => s.status === 'online')
      await core.runtime.core.settled()
      return core
    })
  const core = await start()
  const sessionId = core.runtime.cache.upcomingSessions(platform.clock.now(), 10)[0]?.id ?? ''
  return {
    platform,
    core,
    sessionId,
    bookedStart,
    restart: async (meanwhile) => {
      core.close()
      meanwhile?.()
      return start(core.dir)
    },
    pass(ms) {
      local.advance(ms)
      platform.clock.advance(ms)
    },
  }
}
