/**
 * The cache's folder, made when it is missing. A file where that folder (or a folder above it)
 * should be is told as such: mkdir's own error reads as a folder that cannot be written, and sends
 * the expert to check permissions that are not at fault.
 */
import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { CacheUnavailableError } from './open-checked'

/** Make the folder of the cache at `path`; throws CacheUnavailableError naming a file in the way. */
export function makeCacheFolder(path: string): void {
  const folder = dirname(path)
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
  } catch (error) {
    const inTheWay = notAFolderAbove(folder)
    if (inTheWay === null) throw error
    // No cause: its code (EEXIST, ENOTDIR) would have the start's dialog speak of permissions.
    throw new CacheUnavailableError(
      `Standby cannot open its offline cache at ${path}: ${inTheWay} is a file, where a folder ` +
        'should be. Move or rename that file, then start Standby again; it was left as it is.',
    )
  }
}

/** The nearest of `folder` and the folders above it that is there but is no folder; null when none. */
function notAFolderAbove(folder: string): string | null {
  for (let at = folder; ; at = dirname(at)) {
    let isFolder: boolean | undefined
    try {
      isFolder = statSync(at).isDirectory()
    } catch {
      isFolder = undefined // Missing (or a link to nothing): look further up.
    }
    if (isFolder === false) return at
    if (isFolder === true || dirname(at) === at) return null
  }
}
