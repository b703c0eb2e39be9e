/**
 * The full app window. Closing it destroys it, since a tray app's windows cost memory for as long
 * as they exist; the app stays in the tray and builds the window again when it is next wanted.
 */
import { screen, type BrowserWindow } from 'electron'
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE } from '../../shared/window-sizes'
import {
  placeOffScreenWindow,
  type DesktopRect,
  type SavedWindowPlace,
  type WindowPlace,
} from '../core/window-placement'
import { createAppWindow, isGone, type AppWindowOptions } from './app-window'
import { drawAttention } from './attention'
import { tryPageAgain } from './page-recovery'

/** What the main window needs from the rest of the app. */
export interface MainWindowOptions extends AppWindowOptions {
  /** True once a quit has begun: then a closing window is part of it, not the expert's choice. */
  readonly isQuitting: () => boolean
  /** The expert closed the window and Standby stays in the tray (not a quit or a logout). */
  readonly onClosedToTray?: () => void
  /** Where to open; Electron's own place for a new window when absent. */
  readonly place?: WindowPlace | null
  /** Hears where the window was as it closes (for any reason) or Windows ends the session, to open there next time. */
  readonly onPlaceToKeep?: (place: SavedWindowPlace) => void
}

/** Windows that have painted their first frame, or whose page was given up on, and so may be shown. */
const painted = new WeakSet<BrowserWindow>()

/**
 * How the window comes forward: focused for the expert's own act (the tray, a notification, the
 * Dock), without the keyboard for a standby:// link, which any web page can open at a moment it
 * picks: a key typed into another app must not reach the page.
 */
export interface ShowHow {
  readonly takeFocus: boolean
}

/** How a window still waiting for its first frame was last asked to come forward: shown so once painted. */
const askedBeforePaint = new WeakMap<BrowserWindow, ShowHow>()

/**
 * Windows a link brought up at their normal size that the expert left maximized: maximized once
 * the expert comes to them, by their own click ('focus') or by Standby bringing them forward.
 */
const maximizeOwed = new WeakSet<BrowserWindow>()

/** Creates the main window, loads the renderer and shows it, focused, once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const place = options.place ?? null
  // Shown once painted: the first frame the expert sees is the page, never a blank window. A page
  // given up on (lost again and again before its first frame) will not paint: the window shows
  // all the same, or Open, a second launch and a link would find the same hidden window for good.
  const showFirst = (): void => {
    if (painted.has(window)) return
    painted.add(window)
    // A window already closing (a quit right after the start) is not put on screen on its way out.
    if (isGone(window) || options.isQuitting()) return
    const how = askedBeforePaint.get(window)
    // Maximizing shows the window: only now, so the first frame the expert sees is still the page.
    // It also activates a hidden one on Windows and Linux (shown maximized, as no inactive way
    // exists): a link's window comes at its normal size and is maximized once the expert is in it.
    if (place?.maximized === true && how?.takeFocus === false) maximizeOwed.add(window)
    else if (place?.maximized === true) window.maximize()
    bringToFront(window, how)
  }
  const window = createAppWindow(
    options,
    {
      ...MAIN_WINDOW_SIZE,
      ...place?.bounds,
      minWidth: MAIN_WINDOW_MIN_SIZE.width,
      minHeight: MAIN_WINDOW_MIN_SIZE.height,
      title: 'Standby',
      show: false,
      autoHideMenuBar: true,
    },
    undefined,
    showFirst,
  )
  window.once('ready-to-show', showFirst)
  // Its normal bounds, so a maximized window comes back maximized and, unmaximized, to the size
  // the expert gave it. Full screen is kept as maximized: a tray app's window opening full screen
  // would cover everything it was opened beside.
  const keepPlace = (): void => {
    if (window.isDestroyed()) return
    // Whole pixels: a display scaled by a fraction could report a part of one.
    const { x, y, width, height } = window.getNormalBounds()
    options.onPlaceToKeep?.({
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
      maximized: window.isMaximized() || window.isFullScreen() || maximizeOwed.has(window),
    })
  }
  // Electron tells 'focus' a moment after the window took it (a posted task), and not at all once
  // it closed: the expert who clicked into it sees it grow then.
  window.on('focus', () => {
    if (isGone(window) || !maximizeOwed.delete(window)) return
    window.maximize()
  })
  window.on('close', keepPlace)
  // Restored by the expert at the taskbar or Dock, or back to its normal size from maximized or full
  // screen (its normal place kept where the screen was), it would come back where an unplugged screen was.
  const backToNormal = (): void => keepOnAScreen(window)
  window.on('restore', backToNormal)
  window.on('unmaximize', backToNormal)
  window.on('leave-full-screen', backToNormal)
  // A Windows logout or shutdown ends the process after this with no 'close': the place is kept
  // now. Should a window still close on its way out, that is no choice of the expert's to remark on.
  let sessionEnding = false
  window.on('session-end', () => {
    sessionEnding = true
    keepPlace()
  })
  window.on('closed', () => {
    if (!options.isQuitting() && !sessionEnding) options.onClosedToTray?.()
  })
  return window
}

/** What moving a window back onto a screen uses of it. */
type PlacedWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isMaximized' | 'isFullScreen' | 'getNormalBounds' | 'setBounds'
>

/** What bringing a window forward uses of it. */
type FrontWindow = PlacedWindow &
  Pick<BrowserWindow, 'isMinimized' | 'isFocused' | 'restore' | 'show' | 'showInactive' | 'moveTop' | 'focus'>

/**
 * Moves the window onto a screen attached now when its title bar is on none (the screen it was on
 * was unplugged or undocked, and the OS or window manager left it there), as a saved place off
 * every screen opens. A maximized or full-screen window fills a screen the OS gives it: left alone
 * until it is back to its normal size.
 */
export function keepOnAScreen(window: PlacedWindow): void {
  if (window.isDestroyed() || window.isMaximized() || window.isFullScreen()) return
  const to = placeOffScreenWindow(window.getNormalBounds(), workAreas(), MAIN_WINDOW_MIN_SIZE)
  if (to !== null) window.setBounds(to)
}

/**
 * Shows the window on top of others, un-minimizing it if needed, focused unless `how` says not. A
 * window still loading shows itself once painted, focused if any ask was the expert's; a closing
 * one stays as it is.
 */
export function bringToFront(window: FrontWindow, how: ShowHow = { takeFocus: true }): void {
  const electronWindow = window as BrowserWindow
  if (isGone(electronWindow)) return
  // Shown empty once its page was given up on: loaded again now the expert asks for it.
  tryPageAgain(electronWindow.webContents)
  if (!painted.has(electronWindow)) {
    // The keyboard the expert asked for (a start, Open, a press) is not taken back by a link
    // that comes while the window loads: they are looking at Standby, not typing elsewhere.
    if (askedBeforePaint.get(electronWindow)?.takeFocus !== true) askedBeforePaint.set(electronWindow, how)
    return
  }
  if (!how.takeFocus) return showWithoutFocus(window)
  if (window.isMinimized()) window.restore()
  // Paid before it is shown, not at the 'focus' Electron tells later: the expert asked for the
  // window and would see it come up at its normal size, then grow.
  if (maximizeOwed.delete(electronWindow)) electronWindow.maximize()
  // Where the expert will look for it: a window left on a screen taken away would come up unseen.
  keepOnAScreen(window)
  window.show()
  window.focus()
}

/**
 * On top of the other windows without the keyboard. A window the expert is in already stays as it
 * is. A minimized one stays minimized and asks for attention (the taskbar button flashes, the Dock
 * bounces): restoring it would activate it (Windows' SW_RESTORE, macOS's deminiaturize), so the
 * expert brings it up with a click of their own.
 */
function showWithoutFocus(window: FrontWindow): void {
  if (window.isFocused()) return
  if (window.isMinimized()) return drawAttention(window as BrowserWindow)
  keepOnAScreen(window)
  window.showInactive()
  // Shown already, showInactive leaves it where it is in the stack (behind the browser on Windows).
  window.moveTop()
}

/** The work areas of the screens attached now, the primary one first. */
export function workAreas(): DesktopRect[] {
  const primary = screen.getPrimaryDisplay()
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map(
    (display) => display.workArea,
  )
}
