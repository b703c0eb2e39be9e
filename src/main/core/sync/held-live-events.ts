/**
 * The live events a core holds while it catches up, so that the replay need not bring them again.
 * Bounded by count and by size: a platform, broken or hostile, pushing thousands of the largest
 * messages while its replay is slow would otherwise fill the main process's memory. Past either
 * bound everything held is let go, and the caller replays once more: the replay brings them.
 */
import type { StreamEntry } from '../ports/cache-store'

/** The bounds: how many events, and how many characters of their JSON, are held at most. */
export interface HeldBounds {
  readonly events: number
  readonly chars: number
}

/**
 * A thousand events, and 4 Mi characters: an ordinary event is a kilobyte or two, so only a flood
 * of events near the largest a message can be reaches the second bound first.
 */
export const HELD_BOUNDS: HeldBounds = { events: 1_000, chars: 4 * 1024 * 1024 }

/** Live events held in arrival order, within `bounds`. */
export class HeldLiveEvents {
  private entries: StreamEntry[] = []
  private chars = 0

  constructor(private readonly bounds: HeldBounds = HELD_BOUNDS) {}

  /**
   * Hold `entry`. Returns false when holding it would pass a bound: everything held before was let
   * go (this one is kept, as the newest), and the caller must replay again to get them.
   */
  hold(entry: StreamEntry): boolean {
    const size = JSON.stringify(entry).length
    const fits = this.entries.length < this.bounds.events && this.chars + size <= this.bounds.chars
    if (!fits) this.clear()
    // One event alone is never over the size bound: a message that large is refused on arrival.
    this.entries.push(entry)
    this.chars += size
    return fits
  }

  /** Everything held, in arrival order; nothing is held afterwards. */
  take(): StreamEntry[] {
    const taken = this.entries
    this.clear()
    return taken
  }

  /** Let everything go. */
  clear(): void {
    this.entries = []
    this.chars = 0
  }

  /** The first event held, if any. */
  get first(): StreamEntry | undefined {
    return this.entries[0]
  }
}
