/**
 * The count of open invites where the OS shows one: the Dock on macOS, launchers that support the
 * LauncherEntry API on Linux (`app.setBadgeCount`), and on Windows an overlay on the main
 * window's taskbar button, which exists only while the window is on screen: Windows loses an
 * overlay set before the button is made (the window is built hidden until it has painted), and
 * one on a button a hide took away, so each show draws the count again.
 */
import { app, nativeImage, type BrowserWindow, type NativeImage } from 'electron'
import type { Logger } from '../core/ports/logger'

/** Shows the open invites' count. */
export interface InviteBadge {
  /** Shows `count` (0 clears it). */
  show(count: number): void
  /** Puts the current count on a window just created each time it is shown (Windows: the overlay belongs to its button). */
  applyTo(window: BrowserWindow): void
}

/** A badge for the platform; `window` is the main window if it is alive. */
export function createInviteBadge(options: {
  readonly overlayPath: string
  readonly window: () => BrowserWindow | undefined
  readonly platform?: NodeJS.Platform
  readonly log: Logger
}): InviteBadge {
  const platform = options.platform ?? process.platform
  let count = 0
  let overlay: NativeImage | undefined
  const overlayImage = (): NativeImage => {
    if (overlay !== undefined) return overlay
    overlay = nativeImage.createFromPath(options.overlayPath)
    if (overlay.isEmpty()) options.log.warn(`Taskbar overlay not found at ${options.overlayPath}`)
    return overlay
  }
  const paint = (window: BrowserWindow | undefined): void => {
    if (window === undefined || window.isDestroyed()) return
    if (count === 0) window.setOverlayIcon(null, '')
    else window.setOverlayIcon(overlayImage(), count === 1 ? '1 open invite' : `${count} open invites`)
  }
  return {
    show(next) {
      if (next === count) return
      count = next
      if (platform === 'win32') paint(options.window())
      // A Linux dock without badges shows nothing, and Electron cannot tell (it answers true there):
      // the tray's first menu line says the count on every dock.
      else app.setBadgeCount(count)
    },
    applyTo(window) {
      if (platform === 'win32') window.on('show', () => paint(window))
    },
  }
}
