/**
 * Turning the snapshot pages of one catch-up into the one snapshot the cache applies, and refusing
 * a platform whose snapshots cannot be followed (parts that do not move on, or bring nothing, or
 * never end; another expert's data; a snapshot answering every replay) instead of asking it
 * forever, or holding ever more of it.
 */
import type { Snapshot, SnapshotPosition } from '../../../shared/protocol'
import { JoinedParts, movesOn, type DifferingCopy } from './snapshot-parts'

/** Catching up made no progress: the next page would be the same one, so retrying won't help. */
export class StreamNotFollowable extends Error {}

/**
 * Whole snapshots in a row, with no page of events between, after which the platform is not one
 * the app can follow: an honest one answers the replay after a snapshot's cursor with events.
 */
const MOST_SNAPSHOTS_IN_A_ROW = 3

/**
 * The most characters of JSON the parts of one snapshot may add up to. An expert's open invites,
 * the sessions of the retention window and the recent messages are far less; parts whose `next`
 * keeps moving on past it are a platform sending the same data under new ids, which would hold
 * the catch-up, and the memory it takes, without end.
 */
export const MOST_SNAPSHOT_CHARS = 32 * 1024 * 1024

/** What a snapshot page left: more parts to ask for, or a whole snapshot to apply. */
export type AssemblyStep =
  | { readonly kind: 'more'; readonly after: SnapshotPosition }
  | {
      readonly kind: 'whole'
      readonly snapshot: Snapshot
      readonly skipped: number
      /**
       * The newest cursor any of its parts was taken at: past the snapshot's own (the first
       * part's) when the platform went on while the parts were sent (snapshot-parts.ts).
       */
      readonly partsThrough: number
      /** The ids it sent twice with different content: the last copy of each is in `snapshot`. */
      readonly differing: readonly DifferingCopy[]
      /** The entities its parts left out as too large for Standby to take, and sent in no part. */
      readonly leftOut: readonly SnapshotPosition[]
    }

/** The snapshot parts of one catch-up, joined as they arrive. */
export class SnapshotAssembly {
  private parts:
    | {
        readonly joined: JoinedParts
        readonly next: SnapshotPosition
        readonly skipped: number
        /** The characters of JSON of the parts so far. */
        readonly chars: number
        readonly leftOut: readonly SnapshotPosition[]
      }
    | undefined
  private inARow = 0

  constructor(private readonly mostChars: number = MOST_SNAPSHOT_CHARS) {}

  /** Where the next part starts, while a snapshot is arriving in parts. */
  get nextPart(): SnapshotPosition | undefined {
    return this.parts?.next
  }

  /** A page of events arrived: any snapshot being joined is abandoned and the count starts again. */
  events(): void {
    this.parts = undefined
    this.inARow = 0
  }

  /**
   * Add a snapshot page (with the entities it could not read) for the expert being followed (when
   * undefined, the first part's). Throws StreamNotFollowable when following it would loop or take
   * in another expert's data.
   */
  add(snapshot: Snapshot, skipped: number, expertId: string | undefined): AssemblyStep {
    const parts = this.parts
    // Every part, not just the whole: a join takes the last part's profile, and an earlier part's
    // entities may be another expert's even when that profile is this one's.
    const owner = expertId ?? parts?.joined.expertId
    if (owner !== undefined && snapshot.expert.id !== owner) {
      // Applying it would replace this expert's cache, and the memory of what was shown, with another's.
      throw new StreamNotFollowable(
        "The platform sent another expert's data instead of yours, so Standby kept what it had. If this goes on, sign out and sign in again.",
      )
    }
    const total = (parts?.skipped ?? 0) + skipped
    const next = snapshot.next
    if (next !== undefined && parts !== undefined && !movesOn(parts.next, next)) {
      throw new StreamNotFollowable(
        "The platform's snapshot does not move on from one part to the next, so Standby cannot rebuild from it. Try again later.",
      )
    }
    const leftOut = [...(parts?.leftOut ?? []), ...(snapshot.leftOut ?? [])]
    const carried =
      snapshot.openInvites.length +
      snapshot.sessions.length +
      snapshot.recentMessages.length +
      skipped +
      (snapshot.leftOut?.length ?? 0)
    // A part is cut after its last item, so one that says more follow carries at least that item.
    if (next !== undefined && carried === 0) {
      throw new StreamNotFollowable(
        "The platform's snapshot sends parts that hold nothing, so Standby cannot rebuild from it. Try again later.",
      )
    }
    const chars =
      next === undefined && parts === undefined ? 0 : (parts?.chars ?? 0) + JSON.stringify(snapshot).length
    if (chars > this.mostChars) {
      throw new StreamNotFollowable(
        "The platform's snapshot arrives in parts that never end, so Standby stopped asking for them. Try again later.",
      )
    }
    // Joined once every check passed: a part refused adds nothing to what came before.
    const joined = parts?.joined
    if (joined !== undefined) joined.add(snapshot)
    this.parts =
      next === undefined
        ? undefined
        : { joined: joined ?? new JoinedParts(snapshot), next, skipped: total, chars, leftOut }
    if (next !== undefined) return { kind: 'more', after: next }
    // A snapshot in one part is joined too: its lists may hold an id twice as well.
    const all = joined ?? new JoinedParts(snapshot)
    if (++this.inARow >= MOST_SNAPSHOTS_IN_A_ROW) {
      throw new StreamNotFollowable(
        'The platform answers every catch-up with a new snapshot instead of the events after it, so Standby cannot follow it. Try again later.',
      )
    }
    const whole = all.whole()
    return {
      kind: 'whole',
      snapshot: whole,
      skipped: total,
      partsThrough: all.partsThrough,
      differing: all.differing,
      leftOut: sentInNoPart(leftOut, whole),
    }
  }
}

/** The entities of `leftOut` that `whole` does not hold: a part may have sent one another left out. */
function sentInNoPart(leftOut: readonly SnapshotPosition[], whole: Snapshot): SnapshotPosition[] {
  if (leftOut.length === 0) return []
  const sent = new Set(LISTS.flatMap((list) => whole[list].map((row) => `${list}:${row.id}`)))
  const named = new Set<string>()
  return leftOut.filter(({ list, id }) => {
    const key = `${list}:${id}`
    if (sent.has(key) || named.has(key)) return false
    named.add(key)
    return true
  })
}

const LISTS: ReadonlyArray<SnapshotPosition['list']> = ['openInvites', 'sessions', 'recentMessages']
