/**
 * How many of one page's calls the app works on at once, on either carrier. A page reads
 * everything at (re)connect with a handful of calls; only a page that sends without waiting for
 * its answers (a bug, or a compromised renderer) reaches the bound. The browser shell then stops
 * reading that page's socket; Electron's IPC cannot be paused, so there a call past the bound is
 * refused with an answer the page can show.
 */
export const MOST_CALLS_IN_FLIGHT = 64

/** Counts each caller's calls between arrival and answer. */
export interface CallsInFlight<K> {
  /** Counts a call of `caller` and returns the function that ends it, or undefined past the bound. */
  begin(caller: K): (() => void) | undefined
  /** How many calls of `caller` wait for their answers. */
  count(caller: K): number
}

/** Counts of calls in flight, at most `limit` per caller; a caller with none holds no entry. */
export function callsInFlight<K>(limit: number = MOST_CALLS_IN_FLIGHT): CallsInFlight<K> {
  const counts = new Map<K, number>()
  const count = (caller: K): number => counts.get(caller) ?? 0
  return {
    count,
    begin(caller) {
      const before = count(caller)
      if (before >= limit) return undefined
      counts.set(caller, before + 1)
      let ended = false
      return () => {
        if (ended) return
        ended = true
        const left = count(caller) - 1
        if (left > 0) counts.set(caller, left)
        else counts.delete(caller)
      }
    },
  }
}
