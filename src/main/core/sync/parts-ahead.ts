/**
 * A snapshot sent in parts is not taken at one moment: each part holds the platform as it stood
 * when that part was sent, and the joined snapshot keeps the first part's cursor
 * (snapshot-parts.ts). The events between that cursor and the newest part's are then older than
 * some rows a later part brought: an invite the expert accepted elsewhere meanwhile opens again,
 * a session that ended meanwhile is booked. Such an event is passed over, as any contradiction is,
 * but it is no fault of the platform, and the expert is not told it is.
 */

/** How far the rows of the last snapshot applied are newer than its cursor. */
export class PartsAhead {
  /** The newest cursor a part of the last snapshot was taken at; 0 when none was past its own. */
  private through = 0

  /** A snapshot at `cursor` was applied, its newest part taken at `partsThrough`. */
  snapshotApplied(cursor: number, partsThrough: number): void {
    this.through = partsThrough > cursor ? partsThrough : 0
  }

  /** Whether the event with `id` may be older than rows a later part of the last snapshot brought. */
  covers(id: number): boolean {
    return id <= this.through
  }
}
