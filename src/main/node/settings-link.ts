/**
 * A settings file that is a link to another file: a symbolic link (to another app's config, or a
 * file kept in a dotfiles folder) or a name among others of one file (a hard link). conf writes
 * through a symbolic link (its atomic write resolves the link and replaces the file it points to,
 * and its fallbacks write in place, also into a file with other names), so saving a setting would
 * write over that other file. At start such a file is replaced by one of Standby's own holding the
 * same bytes: the other file is left as it was, and the expert is told once.
 */
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from '../core/ports/logger'
import { describeValue } from '../../shared/describe-untrusted'
import { errorCode, writeFileAtomicallySync } from './atomic-file'
import { errorMessage } from '../../shared/error-message'

/** What the settings path is a link to: a symbolic link's target, or a file with other names. */
export type SettingsLink = { readonly kind: 'symbolic'; readonly target: string } | { readonly kind: 'hard' }

/** What became of a link at the settings path, in the words told to the expert. */
export type LinkOutcome =
  /** Replaced by a file of Standby's own: told once, at this start. */
  | { readonly separated: string }
  /** Could not be replaced: the settings are not written this run, and the expert is told why. */
  | { readonly notKept: string }

/** The link at `path`, or null for a file of its own (or nothing, or what cannot be looked at). */
export function settingsLinkAt(path: string): SettingsLink | null {
  try {
    const stats = lstatSync(path)
    if (stats.isSymbolicLink()) return { kind: 'symbolic', target: readlinkSync(path) }
    return stats.isFile() && stats.nlink > 1 ? { kind: 'hard' } : null
  } catch {
    return null
  }
}

/**
 * Puts a file of Standby's own holding `bytes` (what was read through the link) at `path` in place
 * of the link, through a file beside it, so the link is there or the new file is, never neither.
 */
export function separateSettings(
  path: string,
  bytes: Uint8Array,
  link: SettingsLink,
  log: Logger,
): LinkOutcome {
  const other = otherFile(link)
  try {
    writeFileAtomicallySync(path, bytes)
  } catch (error) {
    log.error(`The settings file ${path} is ${other}, and could not be replaced by a file of its own`, error)
    return {
      notKept:
        `Standby's settings file is ${other}, and saving a setting would change that file too; Standby ` +
        `could not put a file of its own in its place (${errorCode(error) ?? errorMessage(error)}), so it ` +
        'uses the default settings and a change lasts only until it quits. Check that you can write in ' +
        `${dirname(path)}, then start Standby again.`,
    }
  }
  log.warn(
    `The settings file ${path} was ${other}; replaced it by a file of its own holding the same settings`,
  )
  return {
    separated:
      `Standby's settings file was ${other}, so saving a setting would have changed that file too. ` +
      'Standby now keeps its settings in a file of its own, starting from the same settings, and leaves the other file as it was.',
  }
}

/**
 * Removes a symbolic link at `path` whose target is missing: writing through it would create that
 * file wherever the link points. Nothing was read from it, so nothing is lost.
 */
export function removeDanglingLink(path: string, link: SettingsLink, log: Logger): void {
  if (link.kind !== 'symbolic') return
  try {
    unlinkSync(path)
    log.warn(`The settings file ${path} was ${otherFile(link)}, where there is no file; removed the link`)
  } catch (error) {
    log.warn(`The settings file ${path} is a link to no file and could not be removed (${errorCode(error)})`)
  }
}

/** The other file, as a sentence names it. */
function otherFile(link: SettingsLink): string {
  return link.kind === 'symbolic'
    ? `a link to ${describeValue(link.target)}`
    : 'a hard link, another name of a file that has other names'
}
