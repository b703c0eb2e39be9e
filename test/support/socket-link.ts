/**
 * A PlatformLink over the app's real socket.io transport to a platform a test started on
 * 127.0.0.1, on a manual clock, with no power events, the fixture expert and a recording log:
 * what the transport's integration tests start from. Not started; the caller stops it.
 */
import { PlatformLink } from '../../src/main/core/connection/platform-link'
import type { LinkDeps } from '../../src/main/core/connection/link-deps'
import { socketIoTransport } from '../../src/main/node/socket-io-transport'
import { ManualClock } from '../../src/shared/clock'
import { FIXTURE_NOW } from './fixtures'
import { noPower } from './no-power'
import { recordingLog } from './recording-log'

/** A link to `platformUrl`, its clock and its log; `deps` replaces any of its parts. */
export function socketLink(platformUrl: string, deps: Partial<LinkDeps> = {}) {
  const clock = new ManualClock(FIXTURE_NOW)
  const log = recordingLog()
  const link = new PlatformLink(platformUrl, 't', {
    transport: socketIoTransport,
    clock,
    power: noPower,
    log,
    expertId: 'exp_ada',
    ...deps,
  })
  return { link, clock, log }
}
