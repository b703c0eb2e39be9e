/** The link to one platform and the sync that follows it into the cache, made for one sign-in. */
import { PlatformLink } from './connection/platform-link'
import type { PlatformClock } from './platform-clock/platform-clock'
import type { StoredSignIn } from './ports/secrets'
import type { StandbyCoreDeps } from './standby-core-deps'
import { SyncEngine } from './sync/sync-engine'

/** A link and its sync, not started. */
export interface PlatformConnection {
  readonly link: PlatformLink
  readonly sync: SyncEngine
}

/** The link to `signIn`'s platform, its times measuring `platformClock`, and the sync over it. */
export function platformConnection(
  deps: StandbyCoreDeps,
  signIn: StoredSignIn,
  platformClock: PlatformClock,
): PlatformConnection {
  const link = new PlatformLink(signIn.platformUrl, signIn.token, {
    transport: deps.transport,
    clock: deps.clock,
    power: deps.power,
    log: deps.log,
    random: deps.random,
    timings: deps.timings,
    linkClock: deps.linkClock,
    timeSamples: platformClock,
    expertId: signIn.expertId,
  })
  const sync = new SyncEngine(link, deps.cache, {
    clock: deps.clock,
    platformTime: platformClock.deadlines,
    notifier: deps.notifier,
    log: deps.log,
    platformUrl: signIn.platformUrl,
    random: deps.random,
  })
  return { link, sync }
}
