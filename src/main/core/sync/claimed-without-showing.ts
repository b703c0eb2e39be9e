/**
 * The check that an event the platform sends is not one the cache's cursor already claims though
 * the platform never showed it had it (stream-reach.ts): when it is, the cursor cannot be right,
 * so the engine rebuilds from a snapshot, now and after a restart too.
 */
import type { StreamEntry } from '../ports/cache-store'
import type { ApplyTargets } from './apply-targets'
import { rebuildAfterRestartToo } from './whole-snapshot'

/** Whether any of `events` is one the cursor claims though the platform never showed it (stream-reach.ts). */
export function claimedWithoutShowing(
  targets: Pick<ApplyTargets, 'cache' | 'reach' | 'log'>,
  events: ReadonlyArray<StreamEntry>,
): boolean {
  const cursor = targets.cache.cursor()
  const claimed = targets.reach.claimed(events, cursor, targets.cache.cursorDigest())
  if (claimed !== undefined) rebuildAfterRestartToo(targets.cache, targets.log)
  if (claimed?.first === true) {
    targets.log.warn(
      `The platform sent event ${claimed.entry.id}, though the cache's position (event ${cursor}) says it has it: that position cannot be right, so Standby rebuilds from a fresh copy instead of passing events over`,
    )
  }
  return claimed !== undefined
}
