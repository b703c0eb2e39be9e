/**
 * Where a focus request puts the expert (a press on a notification, a pick in the tray menu, a
 * standby:// link): the popover on an invite, the main window on a session, a thread or a notice.
 * A link's request never takes the keyboard from the app the expert is typing in: any web page can
 * open a link, at a moment it picks, and a key meant for that app must not act in Standby.
 */
import type { BrowserWindow, Rectangle } from 'electron'
import type { FocusRequest } from '../core/notification-actions'
import type { WindowSlot } from '../node/window-slot'
import type { AppWindows } from './app-windows'
import { drawAttention } from './attention'
import type { Popover } from './popover-window'

/** What following the requests needs from the composition root. */
export interface FocusRequestWindows extends Pick<AppWindows, 'showWindow' | 'showWindowForLink'> {
  readonly popover: Pick<WindowSlot<Pick<Popover, 'open' | 'isDestroyed'>>, 'get'>
  readonly mainWindow: Pick<WindowSlot<BrowserWindow>, 'current'>
  /** Where the tray icon is, for the popover to open beside it. */
  readonly trayBounds: () => Rectangle
  readonly isQuitting: () => boolean
}

/** Shows what `request` names; the page hears which invite or session through 'focus.requested'. */
export function followFocusRequests(windows: FocusRequestWindows): (request: FocusRequest) => void {
  return (request) => {
    if (windows.isQuitting()) return
    // The page hears which invite or session through the 'focus.requested' push, or asks for it
    // once it loads ('focus.take').
    const fromLink = request.kind !== 'window' && request.link === true
    if (request.kind !== 'invite' || request.thread === true)
      return fromLink ? windows.showWindowForLink() : windows.showWindow()
    windows.popover.get().open(windows.trayBounds(), { takeFocus: !fromLink })
    if (request.attention) drawAttention(windows.mainWindow.current())
  }
}
