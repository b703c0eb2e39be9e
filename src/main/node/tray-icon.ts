/**
 * The tray's image files: one set per platform for every state of the tray icon, with their
 * sizes, and where they live in development and when packaged. scripts/make-icons.ts draws
 * exactly these files, and a test checks them.
 */
import { join } from 'node:path'
import type { TrayIconState } from '../core/tray/tray-icon-state'

/** Where the app runs from, as Electron reports it. */
export interface TrayIconLocation {
  readonly platform: NodeJS.Platform
  readonly isPackaged: boolean
  /** `process.resourcesPath`: electron-builder's extraResources land here (see electron-builder.yml). */
  readonly resourcesPath: string
  /** `app.getAppPath()`: the project root in development. */
  readonly appPath: string
}

/** One image file and the square size, in pixels, of each picture inside it. */
export interface TrayImageFile {
  readonly file: string
  readonly sizes: ReadonlyArray<number>
}

/** The sizes of a Windows .ico: the small tray and taskbar sizes up to Explorer's largest view. */
export const ICO_SIZES: ReadonlyArray<number> = [16, 20, 24, 32, 40, 48, 64, 128, 256]

/** The platform's image family: macOS template images, a Windows .ico, Linux PNGs. */
function family(platform: NodeJS.Platform): 'darwin' | 'win32' | 'linux' {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux'
}

/** The tray image file for the platform and state, the one handed to Electron. */
export function trayIconFile(platform: NodeJS.Platform, state: TrayIconState): string {
  // The "Template" suffix makes macOS tint the image for light and dark menu bars.
  if (family(platform) === 'darwin') return `tray-${state}Template.png`
  if (family(platform) === 'win32') return `tray-${state}.ico`
  return `tray-${state}.png`
}

/**
 * Every file of one state's image: nativeImage picks up the `@2x` file next to a PNG on a
 * high-density screen, and Windows picks the size it needs from inside the .ico.
 */
export function trayImageFiles(
  platform: NodeJS.Platform,
  state: TrayIconState,
): ReadonlyArray<TrayImageFile> {
  const file = trayIconFile(platform, state)
  if (family(platform) === 'win32') return [{ file, sizes: ICO_SIZES }]
  const base = family(platform) === 'darwin' ? 16 : 32
  return [
    { file, sizes: [base] },
    { file: file.replace(/\.png$/, '@2x.png'), sizes: [base * 2] },
  ]
}

/** The Windows taskbar overlay shown while invites wait (16 px at 100 %, with its @2x). */
export const OVERLAY_FILES: ReadonlyArray<TrayImageFile> = [
  { file: 'tray-overlay.png', sizes: [16] },
  { file: 'tray-overlay@2x.png', sizes: [32] },
]

/** The directory of the tray images. */
export function trayImageDir(location: TrayIconLocation): string {
  return location.isPackaged ? join(location.resourcesPath, 'icons') : join(location.appPath, 'resources')
}

/** The absolute path of the tray image for a state. */
export function trayIconPath(location: TrayIconLocation, state: TrayIconState): string {
  return join(trayImageDir(location), trayIconFile(location.platform, state))
}
