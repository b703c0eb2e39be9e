/**
 * Retry keys kept in the cache, per platform and expert, so a command sent again after Standby
 * restarted goes under its first key (retry-keys.ts). A cache that cannot be read finds nothing: the
 * command still goes, under a fresh key, as before there was a cache to keep it in; a key it cannot
 * write is held in the run's memory and written at the next chance (retry-keys.ts).
 */
import type { Clock } from '../../../shared/clock'
import { platformIdentity } from '../../../shared/platform-url'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { KeptRetryKeys } from './retry-keys'

/** The retry keys the cache keeps for `expertId` on `platformUrl`, timed by `clock`. */
export function keptRetryKeys(
  cache: Pick<CacheStore, 'retryKey' | 'keepRetryKey' | 'forgetRetryKey'>,
  { platformUrl, expertId }: { readonly platformUrl: string; readonly expertId: string },
  clock: Pick<Clock, 'now'>,
  log: Logger,
): KeptRetryKeys {
  // The platform keys its answers by expert: another expert, or the same id on another platform,
  // must never find these; the same platform spelt another way must ("host." is "host").
  const scope = JSON.stringify([platformIdentity(platformUrl), expertId])
  const careful = <T>(what: string, otherwise: T, run: () => T): T => {
    try {
      return run()
    } catch (error) {
      log.warn(
        `Could not ${what} in the cache; a command sent again after a restart may be done twice, so check the platform first`,
        error,
      )
      return otherwise
    }
  }
  return {
    find: (command) => careful('read a command’s retry key', null, () => cache.retryKey(scope, command)),
    keep: (command, key) =>
      careful('keep a command’s retry key', false, () => {
        cache.keepRetryKey(scope, command, key, clock.now())
        return true
      }),
    forget: (command) =>
      careful('forget a command’s retry key', undefined, () => cache.forgetRetryKey(scope, command)),
  }
}
