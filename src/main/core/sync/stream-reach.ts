/**
 * How far the platform has shown its stream on this connection, and how far the cache's cursor is
 * vouched for. A snapshot's cursor is the platform's word alone: one far past every event it has
 * told of (2^53-1, a slip of its database) would pass every real event after it over as a
 * duplicate, so invites would be lost without a word until the next connection. A snapshot that
 * far ahead is refused; one a little ahead is applied (a platform may push an event a moment after
 * the snapshot that holds it), but the events after the last one the platform has shown are only
 * taken for duplicates once it shows them: a live event in between is one the cursor wrongly
 * claims, and the cache is rebuilt rather than the event dropped. So is one far under the cursor,
 * which no honest platform sends, whatever its welcome claimed.
 */
import type { StreamEntry } from '../ports/cache-store'

/**
 * How far apart an honest platform's snapshot and live events may be: how far past the newest
 * event it has shown a snapshot's cursor may be, and how far under the cursor a live event may
 * come as a duplicate. A platform pushes each event soon after it is written (the reference one
 * sends a large fan-out a slice per turn, so a snapshot or replay can overtake a queued event by a
 * few), so neither happens far; this leaves room for one that pushes a burst late, and none for a
 * cursor no stream of one expert reaches.
 */
export const MOST_EVENTS_OUT_OF_STEP = 1_000

/** What the platform has shown of its stream on one connection. */
export class StreamReach {
  /** The newest id the platform has shown: the welcome's, then each live event that follows on. */
  private head = 0
  /** The cursor is known to be on the platform's stream up to here. */
  private vouched = 0
  /** The next replay asks for a snapshot; kept across connections until a replay asks for it. */
  private rebuildDue = false
  /** A replay asked for the rebuild, and no snapshot has been applied since. */
  private rebuildAsked = false

  /** A new connection, whose welcome names `latestEventId`, with the cache at `cursor`. */
  connected(latestEventId: number, cursor: number): void {
    this.head = latestEventId
    this.vouched = Math.min(cursor, latestEventId)
  }

  /**
   * A live event arrived. Only one that follows on from the newest shown moves it: an id far
   * ahead of the stream (a platform's slip) must not make a snapshot claiming it look honest.
   */
  heard(entry: StreamEntry): void {
    if (entry.id === this.head + 1) this.head = entry.id
  }

  /** Events were applied in order up to `cursor`: the platform's own events vouch for it. */
  applied(cursor: number): void {
    this.vouched = Math.max(this.vouched, cursor)
    this.head = Math.max(this.head, cursor)
  }

  /** Why a snapshot at `cursor` cannot be right, for the log and the expert; null when it can. */
  snapshotProblem(cursor: number): string | null {
    if (cursor <= this.head + MOST_EVENTS_OUT_OF_STEP) return null
    return `the platform sent a copy of your data marked as of event ${cursor}, far past event ${this.head}, the newest it has told of, so Standby kept what it had`
  }

  /** A snapshot at `cursor` was applied: vouched for only as far as the platform has shown. */
  snapshotApplied(cursor: number): void {
    this.vouched = Math.min(cursor, this.head)
    this.rebuildAsked = false
  }

  /**
   * Whether `entry`, at or below `cursor` (with `cursorDigest`), is no duplicate to drop but a sign
   * the cursor is wrong: one the cursor claims though the platform never showed it, one far under
   * the cursor (a welcome as far off as the snapshot vouches for nothing), or the event at the
   * cursor with another digest than the one the cache followed (another history).
   */
  unvouched(entry: StreamEntry, cursor: number, cursorDigest: string | null): boolean {
    if (entry.id > cursor) return false
    if (entry.id === cursor && entry.digest !== undefined && cursorDigest !== null)
      return entry.digest !== cursorDigest
    return entry.id > this.vouched || cursor - entry.id > MOST_EVENTS_OUT_OF_STEP
  }

  /**
   * The first of `events` unvouched at `cursor` (as above), which makes the next replay rebuild
   * from a snapshot: dropped as a duplicate, it could lose an invite, and so could every event
   * after it. `first` when no rebuild was due yet, so the log says it once.
   */
  claimed(
    events: ReadonlyArray<StreamEntry>,
    cursor: number,
    cursorDigest: string | null,
  ): { readonly entry: StreamEntry; readonly first: boolean } | undefined {
    const entry = events.find((e) => this.unvouched(e, cursor, cursorDigest))
    if (entry === undefined) return undefined
    const first = !this.rebuildDue
    this.rebuildDue = true
    return { entry, first }
  }

  /** Whether the next replay asks for a snapshot; asking clears it, as that replay is the rebuild. */
  takeRebuild(): boolean {
    const due = this.rebuildDue
    this.rebuildDue = false
    if (due) this.rebuildAsked = true
    return due
  }

  /**
   * The catch-up stopped short (the connection lost, a write that failed, a snapshot refused): a
   * rebuild it asked for and never applied is due again, as the cursor is no more right than
   * before, and the events after it the platform sends next could pass real ones over.
   */
  stopped(): void {
    if (this.rebuildAsked) this.rebuildDue = true
    this.rebuildAsked = false
  }

  /** The catch-up reached its end: a platform that answered the rebuild with events was followed. */
  caughtUp(): void {
    this.rebuildAsked = false
  }
}
