/**
 * Sets the tray's state from the connection, the cache's open invites and the notifier's health,
 * writing times with the host's formatters, kept until the time zone changes (kept-host-formats.ts).
 */
import type { ConnectionState } from '../../../shared/connection-state'
import { localTimeNear } from '../../../shared/day-time-options'
import { KeptHostFormats } from '../kept-host-formats'
import type { PlatformClock } from '../platform-clock/platform-clock'
import type { StandbyCoreDeps } from '../standby-core-deps'
import { trayStatus } from './tray-status'

/** What the tray's state is read from and set on. */
export type TrayPublisherDeps = Pick<StandbyCoreDeps, 'cache' | 'notifier' | 'tray' | 'formatTime'>

/** Keeps the tray showing what is so now, each time it is asked to. */
export class TrayPublisher {
  /** The tray's time formatters, built again only when the zone changes. */
  private readonly hostFormats = new KeptHostFormats()

  constructor(
    private readonly deps: TrayPublisherDeps,
    private readonly platformClock: PlatformClock,
  ) {}

  /** Show `connection` on the tray, with the open invites and the notifier's health as they are now. */
  publish(connection: ConnectionState): void {
    const openInvites = this.deps.cache.openInviteCount(this.platformClock.deadlines.now())
    const health = this.deps.notifier.health?.() ?? { status: 'ok' }
    // A last sync days ago reads with its day, as the window's connection banner writes it.
    const now = this.platformClock.now()
    const time = this.deps.formatTime ?? ((t: number) => localTimeNear(t, now, this.hostFormats.formats))
    this.deps.tray.set(trayStatus(connection, openInvites, health, time))
  }

  /** The computer's time zone changed: times are written in the new one from the next publish. */
  zoneChanged(): void {
    this.hostFormats.forget()
    this.deps.tray.zoneChanged?.()
  }
}
