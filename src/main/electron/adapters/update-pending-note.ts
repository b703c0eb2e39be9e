/**
 * electron-updater's note of the last download (`pending/update-info.json`), made trustworthy
 * before each download. electron-updater finds a download again after a restart only when the note
 * names the feed's sha512 as the text it writes a file's digest in (base64), so a feed written in
 * hex downloaded again after every restart; and it installs with the note's own
 * `isAdminRightsRequired` and file name, not the feed's, so a note changed on disk could have it
 * run `elevate.exe` at the quit, which the check refuses from the feed. The feed's sha512s are
 * written in base64 before electron-updater reads them; a note naming the same digest in hex is
 * written again; any other note (no object, a folder in its name, administrator rights, a digest
 * no offered file has) is removed, so the update downloads again and is verified as it arrives.
 */
import { lstatSync, rmSync, writeFileSync } from 'node:fs'
import type { AppUpdater, UpdateInfo } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'
import { readBoundedFileSync } from '../../node/bounded-file'
import { statOrNothing } from '../../../shared-node/path-entry'

/** The most a note of electron-updater's holds: a longer one is not its note, and is left to it. */
const MAX_NOTE_BYTES = 64 * 1024

/** The update the last check offered (electron-updater's, protected). */
function offeredInfo(updater: AppUpdater): UpdateInfo | undefined {
  return (updater as unknown as { updateInfoAndProvider?: { info?: UpdateInfo } | null })
    .updateInfoAndProvider?.info
}

/** The 64 bytes a sha512 text names, in hex or base64, or null. */
function digestOf(text: unknown): Buffer | null {
  if (typeof text !== 'string') return null
  if (/^[0-9a-f]{128}$/.test(text)) return Buffer.from(text, 'hex')
  if (/^[A-Za-z0-9+/]{86}==$/.test(text)) return Buffer.from(text, 'base64')
  return null
}

/** Writes every sha512 of the offered update in base64, as electron-updater writes a file's digest. */
export function base64Sha512s(updater: AppUpdater): void {
  const info = offeredInfo(updater)
  const files: unknown = info?.files
  if (!Array.isArray(files)) return
  for (const file of files as Array<{ sha512?: unknown }>) {
    const digest = digestOf(file.sha512)
    if (digest !== null) file.sha512 = digest.toString('base64')
  }
}

/** Keeps, writes again or removes the note at `note` (see above); never throws. */
export function trustPendingNote(note: string, updater: AppUpdater, log: Logger): void {
  // A link is left alone: writing the note again would write where it leads.
  if (statOrNothing(note, lstatSync)?.isFile() !== true) return
  let parsed: unknown
  try {
    // Judged as opened: a pipe put there since a look would block the main process.
    parsed = JSON.parse(readBoundedFileSync(note, MAX_NOTE_BYTES, 'refuse').toString('utf8'))
  } catch {
    // Missing, too long or unreadable: electron-updater empties the folder of it itself.
    return
  }
  const why = untrusted(parsed, offeredInfo(updater))
  if (why === null) return
  if (typeof why !== 'string') {
    try {
      writeFileSync(note, JSON.stringify(why))
    } catch (error) {
      log.warn(
        `Updater: could not write the note of the last download (${note}) again: ${errorMessage(error)}`,
      )
    }
    return
  }
  try {
    rmSync(note)
    log.warn(
      `Updater: the note of the last download (${note}) ${why}; removed it, so the update downloads again`,
    )
  } catch (error) {
    log.warn(
      `Updater: the note of the last download (${note}) ${why} and could not be removed: ${errorMessage(error)}`,
    )
  }
}

/** Why `note` cannot be trusted, the note to write instead, or null when it stands as it is. */
function untrusted(note: unknown, info: UpdateInfo | undefined): string | object | null {
  if (typeof note !== 'object' || note === null) return 'held no object'
  const { fileName, sha512, isAdminRightsRequired } = note as Record<string, unknown>
  if (
    typeof fileName !== 'string' ||
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    !/^[^/\\\u0000-\u001f\u007f]+$/.test(fileName) ||
    /^\.\.?$/.test(fileName)
  )
    return 'named no plain file name'
  if (isAdminRightsRequired !== undefined && isAdminRightsRequired !== false)
    return 'asked for administrator rights, which Standby never needs'
  if (info === undefined) return null
  const digest = digestOf(sha512)
  const file = info.files.find(
    (offered) => digest !== null && digestOf(offered.sha512)?.equals(digest) === true,
  )
  // A digest no offered file has is electron-updater's to drop (an older download): it empties the folder.
  if (file === undefined || file.sha512 === sha512) return null
  return { fileName, sha512: file.sha512, isAdminRightsRequired: false }
}
