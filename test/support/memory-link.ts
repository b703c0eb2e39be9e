/**
 * A PlatformLink to a platform the test plays by hand (memoryTransport), on a manual clock, with
 * the fixture expert and no jitter: what most of the link's unit tests start from.
 */
import { defaultLinkTimings } from '../../src/main/core/connection/link-timings'
import type { LinkDeps } from '../../src/main/core/connection/link-deps'
import { PlatformLink } from '../../src/main/core/connection/platform-link'
import { PlatformClock } from '../../src/main/core/platform-clock/platform-clock'
import { createPowerHook } from '../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../src/shared/clock'
import { FIXTURE_NOW } from './fixtures'
import { memoryTransport } from './memory-transport'
import { recordingLog } from './recording-log'

/** The link's address in these tests. */
export const MEMORY_LINK_URL = 'http://127.0.0.1:4455'

/** What memoryLink makes before the link, for a test that wires more onto it. */
interface LinkParts {
  readonly clock: ManualClock
  readonly power: ReturnType<typeof createPowerHook>
  readonly log: ReturnType<typeof recordingLog>
}

/** A link not started yet, the connections it makes, its clock, power hook and log. */
export function memoryLink(extra: (parts: LinkParts) => Partial<LinkDeps> = () => ({})) {
  const { transport, connections } = memoryTransport()
  const parts = { clock: new ManualClock(FIXTURE_NOW), power: createPowerHook(), log: recordingLog() }
  const { clock, power, log } = parts
  const link = new PlatformLink(MEMORY_LINK_URL, 'token-1', {
    transport,
    clock,
    linkClock: clock,
    power,
    log,
    random: () => 0.5,
    expertId: 'exp_ada',
    ...extra(parts),
  })
  return { link, connections, ...parts }
}

/**
 * memoryLink with a PlatformClock taking the link's time answers, as the core wires them: for tests
 * of what the link asks the platform on the clock's behalf.
 */
export function memoryLinkWithPlatformClock() {
  let platformClock: PlatformClock | undefined
  const made = memoryLink(({ clock, power, log }) => {
    platformClock = new PlatformClock(clock, power, log)
    return { timings: defaultLinkTimings, timeSamples: platformClock }
  })
  return { ...made, platformClock: platformClock! }
}
