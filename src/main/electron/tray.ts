/** The tray icon and its menu: the app's face while the window is hidden. */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type Rectangle } from 'electron'
import { presenceLabel } from '../../shared/labels'
import type { Expert } from '../../shared/protocol/entities'
import { type Logger } from '../node/log'

/** What the availability toggle needs of the signed-in expert. */
export type TrayPresence = Pick<Expert, 'availability' | 'availabilityCause' | 'idleMinutes'>

/** The availability the toggle switches between. */
export type ToggledAvailability = 'online' | 'away'

/** What the tray shows and what its menu items do. */
export interface TrayOptions {
  readonly iconPath: string
  readonly status: string
  readonly onOpen: () => void
  readonly onQuit: () => void
  /** A click on the icon itself, with where it is on screen; defaults to opening the window. */
  readonly onClick?: (bounds: Rectangle) => void
  /** The availability toggle was picked; without it the menu has no toggle. */
  readonly onAvailability?: (availability: ToggledAvailability) => void
  readonly log: Logger
}

/** The tray as the rest of the app sees it. */
export interface StandbyTray {
  /** Replaces the status line at the top of the menu and in the tooltip. */
  setStatus(text: string): void
  /** Shows the expert's availability and the toggle; null (signed out) hides both. */
  setPresence(presence: TrayPresence | null): void
  /** Shows "Restart to update" in the menu while `onRestart` is given; null takes it away. */
  setUpdateAction(onRestart: (() => void) | null): void
  /** Removes the icon from the tray. */
  destroy(): void
  /** Where the icon is, for the popover to open beside it. */
  bounds(): Rectangle
}

/** Creates the tray icon. Keep the returned object: a collected Tray vanishes from the tray. */
export function createTray(options: TrayOptions): StandbyTray {
  const { iconPath, onOpen, onQuit, onClick, onAvailability, log } = options
  const image = nativeImage.createFromPath(iconPath)
  if (image.isEmpty()) log.warn(`Tray icon not found at ${iconPath}`)
  const tray = new Tray(image)
  let status = options.status
  let presence: TrayPresence | null = null
  let onRestart: (() => void) | null = null
  const show = (): void => {
    // The status keeps changing while the app winds down; a removed icon throws on every call.
    if (tray.isDestroyed()) return
    tray.setToolTip(`Standby — ${status}`)
    const actions = { onOpen, onQuit, onAvailability, onRestart }
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(status, actions, presence)))
  }
  // Windows and most Linux trays act on a left click (the popover); macOS shows the menu instead.
  tray.on('click', (_event, bounds) => (onClick ? onClick(bounds) : onOpen()))
  show()
  return {
    setStatus: (text) => {
      status = text
      show()
    },
    setPresence: (next) => {
      presence = next
      show()
    },
    setUpdateAction: (action) => {
      onRestart = action
      show()
    },
    destroy: () => tray.destroy(),
    bounds: () => tray.getBounds(),
  }
}

/**
 * The tray menu: the status line (informational, so disabled); when signed in, the availability
 * with why ("Away — idle for 10 min") and a checkbox to be available for invites or away; then
 * Open, "Restart to update" while an update is ready and no session holds it, and Quit.
 */
export function trayMenuTemplate(
  status: string,
  actions: {
    readonly onOpen: () => void
    readonly onQuit: () => void
    readonly onAvailability?: (availability: ToggledAvailability) => void
    readonly onRestart?: (() => void) | null
  },
  presence: TrayPresence | null = null,
): MenuItemConstructorOptions[] {
  const { onAvailability, onRestart } = actions
  const online = presence?.availability === 'online'
  const toggle: MenuItemConstructorOptions[] =
    presence === null || onAvailability === undefined
      ? []
      : [
          { type: 'separator' },
          { id: 'presence', label: presenceLabel(presence), enabled: false },
          {
            id: 'availability',
            label: 'Available for invites',
            type: 'checkbox',
            checked: online,
            // What the menu showed decides, not the item's own flip: the menu may be stale by a push.
            click: () => onAvailability(online ? 'away' : 'online'),
          },
        ]
  return [
    { id: 'status', label: status, enabled: false },
    ...toggle,
    { type: 'separator' },
    { id: 'open', label: 'Open Standby', click: () => actions.onOpen() },
    ...(onRestart ? [{ id: 'restart-to-update', label: 'Restart to update', click: () => onRestart() }] : []),
    { id: 'quit', label: 'Quit Standby', click: () => actions.onQuit() },
  ]
}
