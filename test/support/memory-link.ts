/**
 * A PlatformLink to a platform the test plays by hand (memoryTransport), on a manual clock, with
 * the fixture expert and no jitter: what most of the link's unit tests start from.
 */
import { PlatformLink } from '../../src/main/core/connection/platform-link'
import { createPowerHook } from '../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../src/shared/clock'
import { FIXTURE_NOW } from './fixtures'
import { memoryTransport } from './memory-transport'
import { recordingLog } from './recording-log'

/** The link's address in these tests. */
export const MEMORY_LINK_URL = 'http://127.0.0.1:4455'

/** A link not started yet, the connections it makes, its clock and its log. */
export function memoryLink() {
  const { transport, connections } = memoryTransport()
  const clock = new ManualClock(FIXTURE_NOW)
  const log = recordingLog()
  const link = new PlatformLink(MEMORY_LINK_URL, 'token-1', {
    transport,
    clock,
    linkClock: clock,
    power: createPowerHook(),
    log,
    random: () => 0.5,
    expertId: 'exp_ada',
  })
  return { link, connections, clock, log }
}
