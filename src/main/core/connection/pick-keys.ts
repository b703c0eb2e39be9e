/**
 * The idempotency keys this device's availability picks went out under. The platform names the
 * key in the event each pick made, so a pick waiting to be sent again tells this device's own
 * earlier choice from another device's (availability-overtaken.ts). They are kept in the cache
 * beside the retry keys (kept-retry-keys.ts): a pick sent just before Standby quit or crashed
 * makes its event after the restart too, and taken for another device's choice it would stop a
 * newer pick made here from being sent again, and tell the expert they chose on another device.
 */
import { MOST_PICK_KEYS, PICKED_HERE } from '../../../shared/pick-key-rows'
import type { KeptRetryKeys } from './retry-keys'

export { MOST_PICK_KEYS }

/** What the cache keeps a pick's key under: apart from any command's retry key. */
function keptAs(key: string): string {
  return `${PICKED_HERE}${key}`
}

/** The keys of availability picks sent from this device, this run's and those kept from before. */
export interface PickKeys {
  /** Remember that a pick went out under `key`. */
  add(key: string): void
  /** Whether a pick from this device went out under `key`. */
  has(key: string): boolean
}

/**
 * Pick keys kept in memory and in `kept`; past the bound, the oldest of this run are forgotten in
 * both. Those of an earlier run stay until the cache's bound on picks lets the oldest of them go.
 */
export function pickKeys(kept: KeptRetryKeys | undefined): PickKeys {
  const sent = new Set<string>()
  return {
    add(key) {
      sent.delete(key)
      sent.add(key)
      // Not kept (a full disk): still known for this run, as before there was a cache to keep it in.
      kept?.keep(keptAs(key), key)
      if (sent.size <= MOST_PICK_KEYS) return
      const oldest = sent.values().next().value!
      sent.delete(oldest)
      kept?.forget(keptAs(oldest))
    },
    has: (key) => sent.has(key) || kept?.find(keptAs(key)) === key,
  }
}
