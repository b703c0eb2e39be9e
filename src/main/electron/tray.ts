/** The tray icon and its menu: the app's face while the window is hidden. */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type Rectangle } from 'electron'
import { type Logger } from '../node/log'

/** What the tray shows and what its menu items do. */
export interface TrayOptions {
  readonly iconPath: string
  readonly status: string
  readonly onOpen: () => void
  readonly onQuit: () => void
  /** A click on the icon itself, with where it is on screen; defaults to opening the window. */
  readonly onClick?: (bounds: Rectangle) => void
  readonly log: Logger
}

/** The tray as the rest of the app sees it. */
export interface StandbyTray {
  /** Replaces the status line at the top of the menu and in the tooltip. */
  setStatus(text: string): void
  /** Shows "Restart to update" in the menu while `onRestart` is given; null takes it away. */
  setUpdateAction(onRestart: (() => void) | null): void
  /** Removes the icon from the tray. */
  destroy(): void
}

/** Creates the tray icon. Keep the returned object: a collected Tray vanishes from the tray. */
export function createTray(options: TrayOptions): StandbyTray {
  const { iconPath, onOpen, onQuit, onClick, log } = options
  const image = nativeImage.createFromPath(iconPath)
  if (image.isEmpty()) log.warn(`Tray icon not found at ${iconPath}`)
  const tray = new Tray(image)
  let status = options.status
  let onRestart: (() => void) | null = null
  const show = (): void => {
    // The status keeps changing while the app winds down; a removed icon throws on every call.
    if (tray.isDestroyed()) return
    tray.setToolTip(`Standby — ${status}`)
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(status, { onOpen, onQuit, onRestart })))
  }
  // Windows and most Linux trays act on a left click (the popover); macOS shows the menu instead.
  tray.on('click', (_event, bounds) => (onClick ? onClick(bounds) : onOpen()))
  show()
  return {
    setStatus(text) {
      status = text
      show()
    },
    setUpdateAction(action) {
      onRestart = action
      show()
    },
    destroy: () => tray.destroy(),
  }
}

/**
 * The tray menu: the status line (informational, so disabled), then Open, "Restart to update"
 * while an update is ready and no session holds it, and Quit.
 */
export function trayMenuTemplate(
  status: string,
  actions: {
    readonly onOpen: () => void
    readonly onQuit: () => void
    readonly onRestart?: (() => void) | null
  },
): MenuItemConstructorOptions[] {
  const { onRestart } = actions
  return [
    { id: 'status', label: status, enabled: false },
    { type: 'separator' },
    { id: 'open', label: 'Open Standby', click: () => actions.onOpen() },
    ...(onRestart ? [{ id: 'restart-to-update', label: 'Restart to update', click: () => onRestart() }] : []),
    { id: 'quit', label: 'Quit Standby', click: () => actions.onQuit() },
  ]
}
