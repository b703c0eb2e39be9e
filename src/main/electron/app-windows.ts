/**
 * The app's two windows, the main window and the tray's popover, as the composition root holds
 * them: either may be closed for good and is made anew when next wanted, the main window carries
 * the invite badge, and "show the window" is one action for the tray, the Dock and a second launch.
 */
import { screen, type BrowserWindow, type WebContents } from 'electron'
import type { Logger } from '../core/ports/logger'
import { windowSlot, type WindowSlot } from '../node/window-slot'
import { isGone, type AppWindowOptions } from './app-window'
import { createInviteBadge, type InviteBadge } from './invite-badge'
import { placeOffScreenWindow, placeWindow, type SavedWindowPlace } from '../core/window-placement'
import { MAIN_WINDOW_MIN_SIZE, POPOVER_SIZE } from '../../shared/window-sizes'
import { bringToFront, createMainWindow, keepOnAScreen, workAreas, type ShowHow } from './main-window'
import { createPopover, type Popover } from './popover-window'

/** The windows, the badge on the main one, and what the rest of the app asks of them. */
export interface AppWindows {
  readonly badge: InviteBadge
  readonly mainWindow: WindowSlot<BrowserWindow>
  readonly popover: WindowSlot<Popover>
  /** The pages of the windows alive now. */
  readonly livePages: () => ReadonlyArray<WebContents>
  /** Brings the main window to the front (made anew if closed), focused, the popover put away. */
  readonly showWindow: () => void
  /**
   * The same for a standby:// link: the window does not take the keyboard, and a popover the
   * expert is using stays theirs (only one a link showed is put away).
   */
  readonly showWindowForLink: () => void
}

/** The app's windows, none built yet; `overlayPath` is the badge's taskbar image on Windows. */
export function createAppWindows(options: {
  readonly windowOptions: AppWindowOptions
  readonly overlayPath: string
  readonly isQuitting: () => boolean
  readonly onClosedToTray: () => void
  /** Where the full window was last closed (null: never), and where to keep it as it closes. */
  readonly windowPlace: {
    readonly saved: () => SavedWindowPlace | null
    readonly keep: (place: SavedWindowPlace) => void
  }
  readonly log: Logger
}): AppWindows {
  const { windowOptions, isQuitting, log } = options
  const badge = createInviteBadge({
    overlayPath: options.overlayPath,
    window: () => mainWindow.current(),
    log,
  })
  // Either window may be closed for good (the main window by its close button, the popover by
  // Alt+F4 or Cmd+W): each is made anew when next wanted, and nothing holds on to a destroyed one.
  const mainWindow = windowSlot(() => {
    const window = createMainWindow({
      ...windowOptions,
      isQuitting,
      onClosedToTray: () => options.onClosedToTray(),
      place: placeWindow(options.windowPlace.saved(), workAreas(), MAIN_WINDOW_MIN_SIZE),
      onPlaceToKeep: options.windowPlace.keep,
    })
    badge.applyTo(window)
    return window
  }, isGone)
  const popover = windowSlot(() => createPopover(windowOptions))
  const livePages = (): ReadonlyArray<WebContents> =>
    [mainWindow.current(), popover.current()?.window].flatMap((live) => (live ? [live.webContents] : []))
  const show = (how: ShowHow): void => {
    // A quit is closing the windows: opening one now would only be torn down again.
    if (isQuitting()) return
    if (how.takeFocus) popover.current()?.hide()
    else popover.current()?.hideIfUntouched()
    bringToFront(mainWindow.get(), how)
  }
  // A screen taken away (or made smaller) under a window the OS or window manager leaves where it
  // was: the window on screen comes back onto one; the popover, placed beside the tray, goes away
  // until its next opening places it again.
  const afterScreensChanged = (): void => {
    const main = mainWindow.current()
    if (main !== undefined && main.isVisible() && !main.isMinimized()) keepOnAScreen(main)
    const shown = popover.current()?.window
    if (shown === undefined || !shown.isVisible()) return
    if (placeOffScreenWindow(shown.getBounds(), workAreas(), POPOVER_SIZE) !== null) popover.current()?.hide()
  }
  screen.on('display-removed', afterScreensChanged)
  screen.on('display-metrics-changed', afterScreensChanged)
  return {
    badge,
    mainWindow,
    popover,
    livePages,
    showWindow: () => show({ takeFocus: true }),
    showWindowForLink: () => show({ takeFocus: false }),
  }
}
