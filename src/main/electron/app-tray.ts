/**
 * The tray as the composition root wires it: the icon and its menu acting on the windows and the
 * runtime, the core's status drawn on it and on the invite badge, and "Restart to update" offered
 * while an update can install.
 */
import { app } from 'electron'
import { systemClock } from '../../shared/clock'
import type { Logger } from '../core/ports/logger'
import type { Shutdown } from '../core/startup/shutdown'
import {
  createTrayFeed,
  STARTING_TRAY_STATUS,
  STARTING_TRAY_VIEW,
  type TrayFeed,
} from '../core/tray/tray-feed'
import type { Runtime } from '../node/runtime/start-runtime'
import { trayIconPath, type TrayIconLocation } from '../node/tray-icon'
import type { AppWindows } from './app-windows'
import { createTray, type StandbyTray } from './tray'

/** What the tray needs from the composition root. */
export interface AppTrayOptions {
  readonly images: TrayIconLocation
  readonly windows: Pick<AppWindows, 'badge' | 'popover' | 'showWindow'>
  readonly isQuitting: () => boolean
  /** The runtime once it has started; until then a picked invite opens the popover on all of them. */
  readonly runtime: () => Runtime | undefined
  readonly shutdown: Shutdown
  readonly log: Logger
}

/** The tray and its feed, and what wires them to the runtime once it has started. */
export interface AppTray {
  readonly tray: StandbyTray
  readonly trayFeed: TrayFeed
  /** The tray follows the cache, the platform clock and the threads read, from now on. */
  follow(runtime: Runtime): void
  /** The menu offers "Restart to update" whenever the update policy says a restart may install. */
  offerUpdates(runtime: Runtime): void
}

/** Makes the tray icon and its feed; both are taken down at the quit. */
export function createAppTray(options: AppTrayOptions): AppTray {
  const { windows, isQuitting, shutdown, log } = options
  const { popover, showWindow } = windows
  /** Opens the popover on an open invite (its main button focused), or on all of them (null). */
  const showInvite = (inviteId: string | null): void => {
    if (isQuitting()) return
    const actions = options.runtime()?.notificationActions
    // One way to open the popover on an invite: the same focus request a notification makes.
    if (inviteId !== null && actions !== undefined) {
      actions.focusRequests.emit({ kind: 'invite', inviteId, attention: false })
      return
    }
    popover.get().open(tray.bounds())
  }
  const tray = createTray({
    iconPath: (state) => trayIconPath(options.images, state),
    view: STARTING_TRAY_VIEW,
    onOpen: showWindow,
    onQuit: () => app.quit(),
    // A quit is closing the windows: a popover built now would only be torn down again.
    onClick: (bounds) => {
      if (!isQuitting()) popover.get().toggle(bounds)
    },
    onShowInvite: showInvite,
    onAvailability: (availability) => void options.runtime()?.setAvailabilityFromTray(availability),
    log,
  })
  // Windows keeps an icon its app did not remove until the pointer passes over it: after a restart
  // to update, beside the new one.
  shutdown.add('the tray icon', () => tray.destroy())
  // The tray follows the core's status at once, and the cache and platform clock once they exist.
  const trayFeed = createTrayFeed({
    initial: STARTING_TRAY_STATUS,
    clock: systemClock,
    show: (view) => {
      tray.show(view)
      windows.badge.show(view.badgeCount)
    },
    log,
  })
  shutdown.add('the tray status', () => trayFeed.stop())
  return {
    tray,
    trayFeed,
    follow(runtime) {
      trayFeed.follow(runtime.cache, runtime.core.platformClock)
      runtime.core.cacheChanged.add(() => trayFeed.changed())
      runtime.core.threadsRead.add(() => trayFeed.changed())
      runtime.core.platformClock.changes.add(() => trayFeed.refresh())
    },
    offerUpdates(runtime) {
      const restartToUpdate = (): void => {
        const outcome = runtime.updates.restart()
        if (!outcome.ok) log.info(`Restart to update waits: ${outcome.message}`)
      }
      const offerRestart = (): void =>
        tray.setUpdateAction(runtime.updates.state.canRestart ? restartToUpdate : null)
      runtime.updates.changes.add(offerRestart)
      offerRestart()
    },
  }
}
