/**
 * electron-updater's download folder (its cache folder and the `pending` folder in it) made usable
 * before each download. A file where either folder should be failed every download with mkdir's
 * error (EEXIST, ENOTDIR), and an `update-info.json` holding no object (`null`) failed every one as
 * a TypeError told as a damaged release: at every check, until someone found the file. The note
 * itself is judged in update-pending-note.ts. A link where
 * the pending folder should be is moved aside too: emptying the folder, electron-updater emptied
 * the one it leads to.
 */
import { lstatSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'
import { linkTarget, statOrNothing } from '../../../shared-node/path-entry'
import { base64Sha512s, trustPendingNote } from './update-pending-note'

/** electron-updater's helper of the download folder, made by a protected method it has had since v4. */
interface DownloadHelperSource {
  getOrCreateDownloadHelper?: () => Promise<{ readonly cacheDir: string; versionInfo?: unknown }>
}

/**
 * Moves aside, named with `now`, what stands where the download folders should be, and removes a
 * note of the last download that holds no object; says each in the log. Never throws: a download
 * that still cannot start says why in its own error. Returns the download folder, when known.
 */
export async function readyDownloadFolder(
  updater: AppUpdater,
  log: Logger,
  now = Date.now(),
): Promise<string | undefined> {
  let cacheDir: string
  try {
    const helper = await (updater as unknown as DownloadHelperSource).getOrCreateDownloadHelper?.()
    if (helper === undefined) return undefined
    cacheDir = helper.cacheDir
    // electron-updater takes a download of this run for ready when its file merely exists (it
    // holds what it downloaded in memory): one cut short or written over since was ready again at
    // every check, each install refused, until Standby restarted. Forgotten, the file is judged as
    // after a restart: by the note and its sha512, and downloaded again when it does not match.
    if ('versionInfo' in helper) helper.versionInfo = null
  } catch {
    return undefined
  }
  const pending = join(cacheDir, 'pending')
  for (const folder of [cacheDir, pending]) {
    const entry = statOrNothing(folder, lstatSync)
    if (entry === undefined) continue
    // electron-updater empties the pending folder before a new version's download and after one
    // that failed: through a link, it would empty the folder the link leads to. A link to a folder
    // serves as the cache folder (moved to another disk), whose pending folder is checked next.
    const link = folder === pending && entry.isSymbolicLink()
    if (!link && statOrNothing(folder, statSync)?.isDirectory() === true) continue
    // The link itself is moved, never what it leads to.
    const aside = `${folder}.corrupt-${new Date(now).toISOString().replaceAll(':', '-')}`
    const what = link
      ? `was a link (to ${linkTarget(folder, 'somewhere unknown')}), not a folder of its own,`
      : 'was no folder,'
    try {
      renameSync(folder, aside)
      log.warn(`Updater: ${folder} ${what} where downloads go; kept ${link ? 'the link' : 'it'} as ${aside}`)
    } catch (error) {
      log.warn(
        `Updater: ${folder} ${what} where downloads go, and could not be moved: ${errorMessage(error)}`,
      )
    }
  }
  base64Sha512s(updater)
  trustPendingNote(join(pending, 'update-info.json'), updater, log)
  return cacheDir
}
