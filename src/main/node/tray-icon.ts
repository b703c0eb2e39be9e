/** Which tray image each platform gets, and where the images live in dev and when packaged. */
import { join } from 'node:path'

/** Where the app runs from, as Electron reports it. */
export interface TrayIconLocation {
  readonly platform: NodeJS.Platform
  readonly isPackaged: boolean
  /** `process.resourcesPath`: electron-builder's extraResources land here (see electron-builder.yml). */
  readonly resourcesPath: string
  /** `app.getAppPath()`: the project root in development. */
  readonly appPath: string
}

/** The tray image file for the platform: a macOS template image, a Windows .ico, a Linux PNG. */
export function trayIconFile(platform: NodeJS.Platform): string {
  // The "Template" suffix makes macOS tint the image for light and dark menu bars, and
  // nativeImage picks up trayTemplate@2x.png next to it on Retina screens.
  if (platform === 'darwin') return 'trayTemplate.png'
  if (platform === 'win32') return 'tray.ico'
  return 'tray.png'
}

/** The absolute path of the tray image. */
export function trayIconPath(location: TrayIconLocation): string {
  const dir = location.isPackaged
    ? join(location.resourcesPath, 'icons')
    : join(location.appPath, 'resources')
  return join(dir, trayIconFile(location.platform))
}
