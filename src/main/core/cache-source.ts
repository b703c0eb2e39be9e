/**
 * Which platform the cache was filled from, as the cache itself records it: a restart after a
 * refused token forgets the stored sign-in but keeps the cache for reading offline, so only the
 * cache can tell a later sign-in whose data it holds.
 */
import { isSamePlatform } from '../../shared/platform-url'
import type { CacheStore } from './ports/cache-store'
import type { Logger } from './ports/logger'

/**
 * Whether signing in as `expertId` on `platformUrl` must empty the cache first: it holds another
 * expert's data, or another platform's, even for the same expert id (shown meanwhile, its
 * sessions, rooms and reminders would be joined and reminded of until a replay noticed). A
 * platform not recorded (an older cache) or not readable is left to the replay's history check.
 */
export function cacheIsNotFor(
  cache: CacheStore,
  log: Logger,
  platformUrl: string,
  expertId: string,
): boolean {
  let filledFrom: string | null = null
  try {
    filledFrom = cache.filledFrom()
  } catch (error) {
    log.warn("The cache's platform could not be read; the platform's history check decides", error)
  }
  return (filledFrom !== null && !isSamePlatform(filledFrom, platformUrl)) || cache.expert()?.id !== expertId
}

/** Record that the cache is filled from `platformUrl` from now on. */
export function recordCacheSource(cache: CacheStore, log: Logger, platformUrl: string): void {
  try {
    cache.keepFilledFrom(platformUrl)
  } catch (error) {
    // Left unrecorded, a sign-in elsewhere falls back on the platform's history check.
    log.error("The cache's platform could not be recorded", error)
  }
}
