/**
 * The link to one platform and the sync that follows it into the cache, made for one sign-in, and
 * the core's hold on the current one: started, listened to, and stopped before the next.
 */
import type { ConnectionState } from '../../shared/connection-state'
import type { Welcome } from '../../shared/protocol'
import { connectionStatus, type StatusInputs } from './connection/connection-status'
import { keptRetryKeys } from './connection/kept-retry-keys'
import { PlatformLink } from './connection/platform-link'
import type { PlatformClock } from './platform-clock/platform-clock'
import type { StoredSignIn } from './ports/secrets'
import type { StandbyCoreDeps } from './standby-core-deps'
import type { CacheUpdate } from './sync/cache-push'
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
  runOutToldUntil?: () => number | null,
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
    platformTime: platformClock,
    expertId: signIn.expertId,
    requestOfInvite: (inviteId) => requestOfInvite(deps, inviteId),
    keptRetryKeys: keptRetryKeys(deps.cache, signIn, platformClock, deps.log),
    namesFound: deps.namesFound,
  })
  const sync = new SyncEngine(link, deps.cache, {
    clock: deps.clock,
    platformTime: platformClock.deadlines,
    notifier: deps.notifier,
    log: deps.log,
    platformUrl: signIn.platformUrl,
    random: deps.random,
    runOutToldUntil,
  })
  return { link, sync }
}

/** The request the cached invite is for; null when the cache does not hold it or cannot be read. */
function requestOfInvite(deps: StandbyCoreDeps, inviteId: string): string | null {
  try {
    return deps.cache.invite(inviteId)?.request.id ?? null
  } catch (error) {
    deps.log.warn('Could not read the invite an accept named, to check its answer against', error)
    return null
  }
}

/** What the core hears from the current connection. */
export interface ConnectionListener {
  /** Each new welcome: once per connection, not again when a probe is answered. */
  readonly welcomed: (welcome: Welcome) => void
  /** The link's or the sync's state changed: the connection state may have. */
  readonly changed: () => void
  /** The sync applied a batch or a snapshot to the cache. */
  readonly cacheChanged: (update: CacheUpdate) => void
}

/** The current link and sync, if any, and the connection state they make. */
export class CurrentConnection {
  /** The link of the current sign-in, or undefined when signed out. */
  link: PlatformLink | undefined
  /** The sync over that link. */
  sync: SyncEngine | undefined
  private wasOnline = false
  /** Unsubscribes the current link's and sync's listeners. */
  private unfollow: Array<() => void> = []

  /** Start `made` as the current connection (after closing any other), telling `listener`. */
  open({ link, sync }: PlatformConnection, listener: ConnectionListener): void {
    // Two sign-ins racing must not leave an older link running unseen.
    this.close()
    let lastWelcome: Welcome | undefined
    this.unfollow = [
      link.states.add((state) => {
        // The same welcome is told again when a probe is answered; each connection's once.
        if (state.kind === 'connected' && state.welcome !== lastWelcome) {
          lastWelcome = state.welcome
          listener.welcomed(state.welcome)
        }
        listener.changed()
      }),
      sync.states.add((state) => {
        if (state.kind === 'live') this.wasOnline = true
        listener.changed()
      }),
      sync.changes.add((update) => listener.cacheChanged(update)),
    ]
    this.link = link
    this.sync = sync
    sync.start()
    link.start()
  }

  /** The connection as the expert sees it, from the link's and the sync's states and `inputs`. */
  status(inputs: Pick<StatusInputs, 'signedIn' | 'lastSyncedAt' | 'now'>): ConnectionState {
    const idle = { kind: 'idle' } as const
    const { link, sync, wasOnline } = this
    return connectionStatus({ link: link?.state ?? idle, sync: sync?.state ?? idle, wasOnline, ...inputs })
  }

  /** Stop the current link and sync, if any. */
  close(): void {
    // Stop listening first: a stopping link's last state must not be published as ours.
    for (const off of this.unfollow.splice(0)) off()
    this.sync?.stop()
    this.link?.stop()
    this.sync = undefined
    this.link = undefined
  }
}
