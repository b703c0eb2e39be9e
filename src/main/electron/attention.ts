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
  if (window !== undefined && !window.isDestroyed()) window.flashFrame(true)
}
