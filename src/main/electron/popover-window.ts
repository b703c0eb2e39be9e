/**
 * The tray popover: a small frameless window with "what needs me now", opened by clicking the
 * tray icon and hidden again when it loses focus. Same renderer, same preload and the same
 * lockdown as the main window; the page shows its compact view for the ?view=popover address.
 */
import { screen, type BrowserWindow, type Rectangle } from 'electron'
import { steadyNow, systemClock, type TimerHandle } from '../../shared/clock'
import { POPOVER_SIZE } from '../../shared/window-sizes'
import { createAppWindow, isGone, type AppWindowOptions } from './app-window'
import { contextMenuShowingOver, whenContextMenuCloses } from './context-menu'
import { tryPageAgain } from './page-recovery'

/**
 * How soon after the popover lost focus a click on the tray icon counts as the click that took
 * the focus: the OS tells the blur before the click, and the click then meant "close".
 */
export const BLUR_CLICK_MS = 300

/**
 * How long a popover asked to open waits for its page's first frame before it shows anyway: a
 * page that never paints (its renderer lost, reloading) must not leave the click with nothing.
 */
export const PAINT_WAIT_MS = 1_000

/** Chromium's net error for a load that was aborted (a new navigation took its place): no failure. */
const ERR_ABORTED = -3

/** What the popover needs from the rest of the app (its clock also times the blur before a tray click). */
export type PopoverOptions = AppWindowOptions

/** The popover as the rest of the app sees it. */
export interface Popover {
  readonly window: BrowserWindow
  /** True once the popover was closed for good (destroyed, or its close under way); a new one must then be created. */
  isDestroyed(): boolean
  /** Show it next to the tray icon, or hide it if it is showing. */
  toggle(trayBounds: Rectangle): void
  /**
   * Show it next to the tray icon and focus it (an invite picked in the tray menu, a notification);
   * with `takeFocus` false (a standby:// link) it shows without taking the keyboard from the app the
   * expert is typing in, so a key meant for that app cannot press anything in it.
   */
  open(trayBounds: Rectangle, how?: { readonly takeFocus: boolean }): void
  /** Put it away, and drop an open still waiting for its page (the full window is coming forward). */
  hide(): void
  /**
   * Put it away if a link showed it and the expert has not clicked into it since: never focused,
   * it hears no blur, and would stay on top of the expert's apps.
   */
  hideIfUntouched(): void
}

/** Creates the (hidden) popover window and loads its page. */
export function createPopover(options: PopoverOptions): Popover {
  const window = createAppWindow(
    options,
    {
      ...POPOVER_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'Standby',
    },
    'popover',
  )
  // A popover belongs to the moment: clicking elsewhere or Esc puts it away. Closing it for good
  // (Cmd+W, Alt+F4) destroys it; the window slot in index.ts builds a new one when next wanted.
  const clock = options.clock ?? systemClock
  const elapsed = (): number => steadyNow(clock)
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY
  const hideByBlur = (): void => {
    hiddenByBlurAt = elapsed()
    window.hide()
  }
  // Electron tells 'blur' a moment after the focus left (a posted task): one that comes once the
  // popover has the focus again (a press opened it meanwhile) is out of date.
  window.on('blur', () => {
    if (window.isVisible() && !window.isFocused() && !contextMenuShowingOver(window)) hideByBlur()
  })
  // A right-click menu may take the focus while it shows; once it is gone, the popover goes away
  // only if the expert left it (clicked elsewhere to dismiss the menu).
  whenContextMenuCloses(window, () => {
    if (!isGone(window) && window.isVisible() && !window.isFocused()) hideByBlur()
  })
  window.webContents.on('before-input-event', (event, input) => {
    if (input.type !== 'keyDown' || input.key !== 'Escape') return
    event.preventDefault()
    window.hide()
  })
  // Shown by a link without the focus; cleared once the expert clicks into it (then blur hides it).
  let untouched = false
  window.on('focus', () => {
    untouched = false
  })
  const show = (trayBounds: Rectangle, takeFocus: boolean): void => {
    const { workArea } = screen.getDisplayMatching(trayBounds)
    window.setPosition(...popoverPosition(trayBounds, POPOVER_SIZE, workArea))
    // One the expert is using already stays theirs: a link does not make it the page's to put away.
    untouched = !takeFocus && !(window.isVisible() && window.isFocused())
    if (!takeFocus) return window.showInactive()
    window.show()
    window.focus()
  }
  // A popover built anew (after Cmd+W) is asked to open before its page painted: shown at once it
  // would flash an empty frame, so the open waits for the first frame, or PAINT_WAIT_MS at most.
  // So does one whose page is lost (its renderer gone, its load failed) until it has loaded again
  // (page-recovery.ts reloads it, or tryPageAgain as it opens, once the page was given up on).
  // A failed load commits Chromium's error page, whose 'did-finish-load' follows: only a page
  // committed since ('did-navigate', never told of an error page) has loaded again.
  let firstFrame = false
  let lost = false
  let committed = false
  const loseThePage = (): void => {
    lost = true
    committed = false
  }
  let waiting: { bounds: Rectangle; takeFocus: boolean; readonly giveUp: TimerHandle } | null = null
  const showWaiting = (): void => {
    if (waiting === null) return
    const { bounds, takeFocus, giveUp } = waiting
    waiting = null
    giveUp.cancel()
    if (!isGone(window)) show(bounds, takeFocus)
  }
  window.once('ready-to-show', () => {
    firstFrame = true
    if (!lost) showWaiting()
  })
  const contents = window.webContents
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') loseThePage()
  })
  contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
    if (isMainFrame && errorCode !== ERR_ABORTED) loseThePage()
  })
  contents.on('did-navigate', () => {
    committed = true
  })
  contents.on('did-finish-load', () => {
    if (!lost || !committed) return
    lost = false
    if (firstFrame) showWaiting()
  })
  const dropWaiting = (): void => {
    waiting?.giveUp.cancel()
    waiting = null
  }
  window.once('closed', dropWaiting)
  const open: Popover['open'] = (trayBounds, how) => {
    const takeFocus = how?.takeFocus ?? true
    // Tried again, the page is lost until it loads: a frozen one's renderer ends only later.
    if (!isGone(window) && tryPageAgain(contents)) loseThePage()
    const painted = firstFrame && !lost
    if (painted) return show(trayBounds, takeFocus)
    // The latest ask gives the place; the focus the expert asked for (a tray click, a press) is not
    // taken back by a link that comes meanwhile. The wait is not started again.
    if (waiting !== null)
      Object.assign(waiting, { bounds: trayBounds, takeFocus: waiting.takeFocus || takeFocus })
    else waiting = { bounds: trayBounds, takeFocus, giveUp: clock.setTimeout(showWaiting, PAINT_WAIT_MS) }
  }
  return {
    window,
    // Closing counts as gone: a popover shown while it closes would vanish under the click.
    isDestroyed: () => isGone(window),
    toggle(trayBounds) {
      if (window.isVisible()) window.hide()
      // A second click while the popover still waits for its page means "never mind".
      else if (waiting !== null) dropWaiting()
      // A click on the icon to close the popover first takes its focus away, which hid it already.
      else if (elapsed() - hiddenByBlurAt >= BLUR_CLICK_MS) open(trayBounds)
    },
    open,
    hide() {
      dropWaiting()
      if (!isGone(window)) window.hide()
    },
    hideIfUntouched() {
      if (waiting?.takeFocus === false) dropWaiting()
      // The window says whether the expert is in it now: Electron tells its 'focus' a moment
      // after the click (a posted task), and a platform event may come first.
      if (untouched && !isGone(window) && !window.isFocused()) window.hide()
    },
  }
}

/**
 * Where the popover goes: centred under a tray icon at the top of the screen (macOS, most Linux
 * panels), above one at the bottom (Windows), and always inside the work area.
 */
export function popoverPosition(
  tray: Rectangle,
  size: { readonly width: number; readonly height: number },
  workArea: Rectangle,
): [number, number] {
  const gap = 4
  const trayAtTop = tray.y + tray.height / 2 < workArea.y + workArea.height / 2
  const x = Math.round(tray.x + tray.width / 2 - size.width / 2)
  const y = trayAtTop ? tray.y + tray.height + gap : tray.y - size.height - gap
  const clampedX = Math.min(Math.max(x, workArea.x + gap), workArea.x + workArea.width - size.width - gap)
  const clampedY = Math.min(Math.max(y, workArea.y + gap), workArea.y + workArea.height - size.height - gap)
  return [clampedX, clampedY]
}
