/**
 * Whether this process runs from an AppImage, and which file that is. The AppImage runtime sets
 * APPIMAGE (the file) and APPDIR (where it mounted it) for the app it starts, and every process
 * that app starts inherits both: the deb's Standby launched from the terminal of an editor that
 * runs as an AppImage finds the editor's. So they count only when this executable is inside APPDIR.
 */
import { isAbsolute, relative } from 'node:path'

/** The AppImage file this process was started from, or undefined when it was not started from one. */
export function runningAppImage(
  env: Readonly<Record<string, string | undefined>>,
  execPath: string,
): string | undefined {
  const appImage = env['APPIMAGE']
  const appDir = env['APPDIR']
  if (appImage === undefined || appDir === undefined || !isAbsolute(appImage) || !isAbsolute(appDir))
    return undefined
  const inside = relative(appDir, execPath)
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? appImage : undefined
}
