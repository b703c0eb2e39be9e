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
  /** Removes the icon from the tray. */
  destroy(): void
  /** Where the icon is, for the popover to open beside it. */
  bounds(): Rectangle
}

/** Creates the tray icon. Keep the returned object: a collected Tray vanishes from the tray. */
export function createTray(options: TrayOptions): StandbyTray {
  const { iconPath, onOpen, onQuit, onClick, log } = options
  const image = nativeImage.createFromPath(iconPath)
  if (image.isEmpty()) log.warn(`Tray icon not found at ${iconPath}`)
  const tray = new Tray(image)
  const show = (status: string): void => {
    // The status keeps changing while the app winds down; a removed icon throws on every call.
    if (tray.isDestroyed()) return
    tray.setToolTip(`Standby — ${status}`)
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(status, { onOpen, onQuit })))
  }
  // Windows and most Linux trays act on a left click (the popover); macOS shows the menu instead.
  tray.on('click', (_event, bounds) => (onClick ? onClick(bounds) : onOpen()))
  show(options.status)
  return { setStatus: show, destroy: () => tray.destroy(), bounds: () => tray.getBounds() }
}

/** The tray menu: the status line (informational, so disabled), then Open and Quit. */
export function trayMenuTemplate(
  status: string,
  actions: { readonly onOpen: () => void; readonly onQuit: () => void },
): MenuItemConstructorOptions[] {
  return [
    { id: 'status', label: status, enabled: false },
    { type: 'separator' },
    { id: 'open', label: 'Open Standby', click: () => actions.onOpen() },
    { id: 'quit', label: 'Quit Standby', click: () => actions.onQuit() },
  ]
}
