/**
 * What becomes of the live events held while catching up (held-live-events.ts) once the replay
 * reached the platform's newest event: those after the cursor are applied in order, and when the
 * replay ended short of them they are kept for the next one, for a few tries only. A replay lagging
 * what was pushed catches up within a few tries, and one that never does says the events are not in
 * the stream (a huge id, another history). Held for ever, they would keep the core from going live,
 * every new event waiting for the next retry.
 */
import type { StreamEntry } from '../ports/cache-store'

/** Replays in a row that may end short of live events held past a gap before those are dropped. */
export const MOST_REPLAYS_SHORT_OF_LIVE = 3

/** Of the live events `taken` from holding, those the cache at `cursor` lacks, in stream order. */
export function heldToApply(taken: ReadonlyArray<StreamEntry>, cursor: number): StreamEntry[] {
  return taken.filter((e) => e.id > cursor).sort((a, b) => a.id - b.id)
}

/**
 * After a replay ended short of the live events held: ask again after the wait (the error the
 * catch-up fails with), or give them up (the warning to log).
 */
export type ShortOfLiveStep =
  { readonly kind: 'again'; readonly error: Error } | { readonly kind: 'drop'; readonly warning: string }

/** The replays in a row of one connection that ended short of the live events held. */
export class ReplaysShortOfLive {
  private inARow = 0

  /** A replay reached the events held (or none were held, or they were dropped, or a new connection). */
  reset(): void {
    this.inARow = 0
  }

  /**
   * A replay ended at `latestId`, short of the events held from `firstHeld` on. Asked again, since
   * at once it would say the same; dropped after the last try: a real event among them comes with
   * the replay the next gap or connection asks for.
   */
  endedShort(firstHeld: number | undefined, latestId: number): ShortOfLiveStep {
    const held = `event ${firstHeld}`
    if (++this.inARow < MOST_REPLAYS_SHORT_OF_LIVE)
      return {
        kind: 'again',
        error: new Error(`the platform sent ${held} live, but its replay ends at event ${latestId}`),
      }
    return {
      kind: 'drop',
      warning: `Dropped the live events from ${held} on: ${this.inARow} replays in a row ended at event ${latestId}, short of them`,
    }
  }
}
