/**
 * Release information is a tree: electron-builder writes no YAML anchors. A feed that reaches one
 * list or map twice through aliases (a "billion laughs") stays small as js-yaml parses it, but
 * electron-updater turns parts of it into text before anything else is checked (it parses the
 * staging percentage, it logs the file addresses), and a feed of a few hundred bytes becomes text
 * of gigabytes, holding the main process, invites and all, for as long. Such a feed is refused
 * before electron-updater reads it.
 */
import type { AppUpdater, UpdateInfo } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import { FEED_UNUSABLE } from './update-feed-guards'
import { RELEASE_FIX } from './update-error-words'

/** Why a feed whose parts repeat through aliases is refused. */
export const FEED_ALIASED = `${FEED_UNUSABLE} repeats parts of itself through YAML aliases, which release information never does, so nothing in it was used${RELEASE_FIX}`

/** electron-updater's first look at the release information it parsed (a private method since v4). */
interface FirstLook {
  isUpdateAvailable?: (info: UpdateInfo) => Promise<boolean>
}

/** Refuse, before electron-updater acts on it, release information whose lists or maps repeat. */
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
    if (reachesAnyPartTwice(info)) throw new Error(FEED_ALIASED)
    return firstLook.call(updater, info)
  }
}

/** Whether a list or map is reached twice in `value`; each is visited once, so a bomb is not walked out. */
export function reachesAnyPartTwice(value: unknown): boolean {
  const seen = new Set<object>()
  const toVisit: unknown[] = [value]
  while (toVisit.length > 0) {
    const part = toVisit.pop()
    if (typeof part !== 'object' || part === null) continue
    if (seen.has(part)) return true
    seen.add(part)
    // One at a time: a list of half a million items, which a feed of 1 MiB can hold, is more
    // arguments than one call takes.
    for (const child of Object.values(part)) toVisit.push(child)
  }
  return false
}
