/**
 * The application menu. Electron's default one has View > Reload and Toggle Developer Tools, with
 * their shortcuts: a packaged app gets a menu of its own without them. Development builds keep
 * Electron's default, developer tools and all.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'

/**
 * A packaged app's menu: on macOS the app menu (About, Hide, Quit…), File (Close), Edit (copy and
 * paste in text fields go through its shortcuts there) and Window; elsewhere none, where Chromium handles the
 * editing shortcuts itself and a menu bar would only show over the window.
 */
export function packagedMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null
  return [{ role: 'appMenu' }, { role: 'fileMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]
}

/** Sets the app's menu: its own in a packaged build, Electron's default (with developer tools) otherwise. */
export function setAppMenu(isPackaged: boolean, platform: NodeJS.Platform = process.platform): void {
  if (!isPackaged) return
  const template = packagedMenuTemplate(platform)
  Menu.setApplicationMenu(template === null ? null : Menu.buildFromTemplate(template))
}
