/**
 * Release information is a tree: electron-builder writes no YAML anchors. A feed that reaches one
 * list or map twice through aliases (a "billion laughs") stays small as js-yaml parses it, but
 * electron-updater turns parts of it into text before anything else is checked (it parses the
 * staging percentage, it logs the file addresses), and a feed of a few hundred bytes becomes text
 * of gigabytes, holding the main process, invites and all, for as long. Aliases of one long value
 * (a file address) grow the same way, by their count times its length. A feed that reaches a list
 * or map twice, or whose text written out exceeds what a feed is read to, is refused before
 * electron-updater reads it.
 */
import type { AppUpdater, UpdateInfo } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import { FEED_UNUSABLE, MAX_FEED_BYTES } from './update-feed-guards'
import { RELEASE_FIX } from './update-error-words'

/** Why a feed whose parts repeat through aliases is refused. */
export const FEED_ALIASED = `${FEED_UNUSABLE} repeats parts of itself through YAML aliases, which release information never does, so nothing in it was used${RELEASE_FIX}`

/** electron-updater's first look at the release information it parsed (a private method since v4). */
interface FirstLook {
  isUpdateAvailable?: (info: UpdateInfo) => Promise<boolean>
}

/** Refuse, before electron-updater acts on it, release information that aliases make larger than sent. */
export function refuseAliasedFeeds(updater: AppUpdater, log: Logger): void {
  const target = updater as unknown as FirstLook
  const firstLook = target.isUpdateAvailable
  if (typeof firstLook !== 'function') {
    log.warn(
      'Updater: this version of electron-updater cannot refuse release information that repeats itself.',
    )
    return
  }
  target.isUpdateAvailable = async (info) => {
    if (expandsThroughAliases(info)) throw new Error(FEED_ALIASED)
    return firstLook.call(updater, info)
  }
}

/**
 * Whether `value`, written out without aliases, reaches a list or map twice or holds more text than
 * a feed is read to: aliases of one long value (a file address) make text as large as their count
 * times its length. Each list and map is visited once, so a bomb is not walked out.
 */
export function expandsThroughAliases(value: unknown): boolean {
  const seen = new Set<object>()
  const toVisit: unknown[] = [value]
  let text = 0
  while (toVisit.length > 0) {
    const part = toVisit.pop()
    if (typeof part === 'string') text += part.length
    if (text > MAX_FEED_BYTES) return true
    if (typeof part !== 'object' || part === null) continue
    if (seen.has(part)) return true
    seen.add(part)
    // A list's indexes are not text the feed sent; a map's keys are.
    if (!Array.isArray(part)) for (const key of Object.keys(part)) text += key.length
    // One at a time: a list as long as a feed within its byte bound can hold is more arguments
    // than one call takes.
    for (const child of Object.values(part)) toVisit.push(child)
  }
  return text > MAX_FEED_BYTES
}
