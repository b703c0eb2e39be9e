/**
 * Joining the parts of a snapshot sent in parts into the one snapshot the cache applies. The
 * first part's cursor is kept: the events after it bring every change made while the parts were
 * sent, and applying them over a newer copy of an entity ends at the same state. An id sent twice
 * (in one part, or in two: each part starts after the last id of the one before) is the platform's
 * mistake; twice the same, it is harmless, but two different copies are a contradiction, counted.
 */
import { isDeepStrictEqual } from 'node:util'
import { SnapshotPosition, type Snapshot } from '../../../shared/protocol'

const LISTS: ReadonlyArray<SnapshotPosition['list']> = SnapshotPosition.shape.list.options

/** An id a snapshot sent twice with different content, and what it is the id of. */
export interface DifferingCopy {
  readonly what: 'invite' | 'session' | 'message'
  readonly id: string
}

/** `earlier` followed by `later`: later entities replace earlier ones with the same id. */
export function joinSnapshotParts(earlier: Snapshot, later: Snapshot): Snapshot {
  const joined = new JoinedParts(earlier)
  joined.add(later)
  return joined.whole()
}

/**
 * The parts of one snapshot joined as they arrive: each part's entities are taken in once, so a
 * snapshot sent in thousands of small parts costs what it would in one, not the parts so far
 * copied again at every part. Later entities replace earlier ones with the same id, in place;
 * those that differ from the one they replace are kept in `differing`.
 */
export class JoinedParts {
  private latest: Snapshot
  /** The newest cursor any part was taken at. */
  private newest: number
  private readonly openInvites = new Map<string, Snapshot['openInvites'][number]>()
  private readonly sessions = new Map<string, Snapshot['sessions'][number]>()
  private readonly recentMessages = new Map<string, Snapshot['recentMessages'][number]>()
  private readonly differingCopies: DifferingCopy[] = []

  constructor(private readonly first: Snapshot) {
    this.latest = first
    this.newest = first.cursor
    this.take(first)
  }

  /** The expert of the latest part. */
  get expertId(): string {
    return this.latest.expert.id
  }

  /**
   * The newest cursor a part was taken at. The platform goes on while the parts are sent, so the
   * events between the first part's cursor and this one may be older than rows of a later part.
   */
  get partsThrough(): number {
    return this.newest
  }

  /** The ids sent again with other content than the copy before, in the order met. */
  get differing(): readonly DifferingCopy[] {
    return this.differingCopies
  }

  /** Take in the next part. */
  add(later: Snapshot): void {
    this.latest = later
    this.newest = Math.max(this.newest, later.cursor)
    this.take(later)
  }

  /** The parts so far as one snapshot: the latest part's profile, the first part's cursor. */
  whole(): Snapshot {
    return {
      expert: this.latest.expert,
      openInvites: [...this.openInvites.values()],
      sessions: [...this.sessions.values()],
      recentMessages: [...this.recentMessages.values()],
      cursor: this.first.cursor,
      cursorDigest: this.first.cursorDigest,
      takenAt: this.first.takenAt,
    }
  }

  private take(part: Snapshot): void {
    this.keep('invite', this.openInvites, part.openInvites)
    this.keep('session', this.sessions, part.sessions)
    this.keep('message', this.recentMessages, part.recentMessages)
  }

  /** Put `rows` into `kept` by id, noting each that replaces a different copy. */
  private keep<T extends { readonly id: string }>(
    what: DifferingCopy['what'],
    kept: Map<string, T>,
    rows: readonly T[],
  ): void {
    for (const row of rows) {
      const earlier = kept.get(row.id)
      if (earlier !== undefined && !isDeepStrictEqual(earlier, row))
        this.differingCopies.push({ what, id: row.id })
      kept.set(row.id, row)
    }
  }
}

/**
 * Whether `next` lies after `previous` in the order the parts are sent (list by list, each in id
 * order): a part that does not move on would be asked for again and again.
 */
export function movesOn(previous: SnapshotPosition, next: SnapshotPosition): boolean {
  const order = LISTS.indexOf(next.list) - LISTS.indexOf(previous.list)
  return order > 0 || (order === 0 && next.id > previous.id)
}
