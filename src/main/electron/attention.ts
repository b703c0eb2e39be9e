/**
 * Drawing the expert's eye to the app when a notification could not: the Dock icon bounces on
 * macOS, the window's taskbar button flashes on Windows and Linux (where the desktop supports it).
 */
import { app, type BrowserWindow } from 'electron'

/** Ask the OS to draw attention to Standby until the expert looks at it. */
export function drawAttention(
  window: BrowserWindow | undefined,
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform === 'darwin') {
    app.dock?.bounce('critical')
    return
  }
  // The expert is looking at it already: a flash would only stay on (below) with nothing to stop it.
  if (window === undefined || window.isDestroyed() || window.isFocused()) return
  window.flashFrame(true)
  // Windows stops flashing once the window is in front, but Linux keeps the urgency hint until the
  // app takes it away: stopped when the expert comes to the window, with one listener however
  // many times attention was asked for meanwhile.
  if (flashing.has(window)) return
  flashing.add(window)
  window.once('focus', () => {
    flashing.delete(window)
    if (!window.isDestroyed()) window.flashFrame(false)
  })
}

/** Windows whose taskbar button flashes until they are focused. */
const flashing = new WeakSet<BrowserWindow>()
