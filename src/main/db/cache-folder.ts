/**
 * The cache's folder, made when it is missing. A file where that folder (or a folder above it)
 * should be is told as such, and so is a link there that leads to no folder (the folder kept on a
 * disk that is not connected): mkdir's own error reads as a folder that cannot be written, or as no
 * more than its code, and sends the expert to check permissions that are not at fault.
 */
import { lstatSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { linkTarget, statOrNothing } from '../../shared-node/path-entry'
import { CacheUnavailableError } from './open-checked'

/** Make the folder of the cache at `path`; throws CacheUnavailableError naming what is in the way. */
export function makeCacheFolder(path: string): void {
  const folder = dirname(path)
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
  } catch (error) {
    const inTheWay = notAFolderAbove(folder)
    if (inTheWay === null) throw error
    // No cause: its code (EEXIST, ENOTDIR) would have the start's dialog speak of permissions.
    throw new CacheUnavailableError(
      `Standby cannot open its offline cache at ${path}: ${inTheWay}, then start Standby again; ` +
        'it was left as it is.',
    )
  }
}

/**
 * What is in the way at the nearest of `folder` and the folders above it that is there but leads
 * to no folder, and what to do about it; null when nothing is.
 */
function notAFolderAbove(folder: string): string | null {
  for (let at = folder; ; at = dirname(at)) {
    const entry = statOrNothing(at, lstatSync)
    // Missing (or not ours to look at): look further up.
    if (entry !== undefined) {
      const target = entry.isSymbolicLink() ? statOrNothing(at, statSync) : entry
      if (target?.isDirectory() === true) return null
      if (target !== undefined) return `${at} is a file, where a folder should be. Move or rename that file`
      // Created through a link to nothing, the folder would land wherever the link points, on
      // the disk under an unmounted one's mount point included.
      return (
        `${at} is a link to ${linkTarget(at, 'nothing that can be read')}, which leads to no folder (a disk or shared folder ` +
        'not connected, or a folder moved). Connect it, or move or remove that link'
      )
    }
    if (dirname(at) === at) return null
  }
}
