/**
 * The core's TrayState in Electron: its status line goes into the status-line store, which the
 * tray (menu label and tooltip, see tray.ts) and the window already follow (see index.ts).
 */
import type { TrayState } from '../../core/ports/tray-state'
import type { StatusLineStore } from '../../node/status-line'

/** A TrayState that feeds `statusLine`; repeated lines reach nobody (the store drops them). */
export function trayStateOnStatusLine(statusLine: StatusLineStore): TrayState {
  return { set: (status) => statusLine.set(status.statusLine) }
}
