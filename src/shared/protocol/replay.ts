/**
 * Catching up after a disconnect: the events after the client's cursor, or a full snapshot when
 * the server no longer keeps the events that follow the cursor.
 */
import { z } from 'zod'
import { Expert, Id, Invite, Message, Session, Timestamp } from './entities'
import { PlatformEvent, ReceivedDigest, StreamDigest } from './events'

/** The most events one replay page holds. */
export const MAX_REPLAY_PAGE = 1_000

/**
 * The most bytes of events one replay page holds (at least one event is always sent). Small enough
 * to cross a slow link well inside the heartbeat, so catching up never starves the connection.
 */
export const MAX_REPLAY_PAGE_BYTES = 32 * 1024

/** The smallest byte budget a client may ask for; a single event may still exceed it. */
export const MIN_REPLAY_PAGE_BYTES = 1024

/** The most entities one snapshot part leaves out as too large (ReplayRequest's `leaveOutOver`). */
export const MOST_LEFT_OUT_PER_PART = 100

/** Where a snapshot sent in parts goes on: after this id of this list (each list in id order). */
export const SnapshotPosition = z.object({
  list: z.enum(['openInvites', 'sessions', 'recentMessages']),
  /** An id from that list, so as strict as every id: text SQLite would rewrite matches no row. */
  id: Id,
})
/** Where a snapshot sent in parts goes on. */
export type SnapshotPosition = z.infer<typeof SnapshotPosition>

/**
 * Ask for the events after a cursor. A cursor of 0 means "from the beginning". Strict, as commands
 * are: a misspelt budget or position would be answered as if absent (a snapshot from its start
 * again, a page of the platform's size), so a key the platform does not know is refused.
 */
export const ReplayRequest = z
  .strictObject({
    after: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(MAX_REPLAY_PAGE).default(MAX_REPLAY_PAGE),
    /**
     * A byte budget for the page (the platform's own when absent). A snapshot is cut into parts of
     * about this size too, so that no answer is too large to cross a slow link in time.
     */
    maxBytes: z.number().int().min(MIN_REPLAY_PAGE_BYTES).max(MAX_REPLAY_PAGE_BYTES).optional(),
    /** The next part of a snapshot sent in parts: where the previous part's `next` said. */
    snapshotAfter: SnapshotPosition.strict().optional(),
    /**
     * The digest of the event at `after`, as the client applied it (at 0, the start's, as a snapshot
     * gave it). When the platform's event there has another digest, its history is not the one the
     * client followed: it answers with a snapshot.
     */
    digest: StreamDigest.optional(),
    /** Ask for a snapshot whatever the cursor: an empty cache starts from one rather than from event 1. */
    snapshot: z.boolean().default(false),
    /**
     * Leave out of a snapshot part each entity whose JSON takes more bytes than this, naming it in
     * the part's `leftOut`: the part cannot be cut below one entity, so one larger than the client
     * can take would otherwise be sent at every catch-up and close the connection each time. A
     * client sends it only after meeting such an entity, as a platform before it refuses the key.
     */
    leaveOutOver: z.number().int().min(MIN_REPLAY_PAGE_BYTES).optional(),
  })
  .refine((request) => request.snapshotAfter === undefined || request.snapshot, {
    // Without snapshot: true the position was ignored: events came back, or (for a cursor too old)
    // the snapshot's first part again, whose `next` sent the client round the same loop for ever.
    message: 'A snapshot part (snapshotAfter) is asked for with snapshot: true, as the previous part says',
    path: ['snapshot'],
  })
/** Ask for the events after a cursor. A cursor of 0 means "from the beginning". */
export type ReplayRequest = z.input<typeof ReplayRequest>

/** Everything an expert needs to rebuild their cache from nothing. */
export const Snapshot = z.object({
  expert: Expert,
  openInvites: z.array(Invite),
  /** Sessions that are booked or live, and those that ended in the retention window. */
  sessions: z.array(Session),
  recentMessages: z.array(Message),
  /** Apply this snapshot, then set the cursor to this event id. */
  cursor: z.number().int().nonnegative(),
  /**
   * The digest of the event at `cursor`, to send back with the cursor; at cursor 0, the stream's
   * start. Absent from a platform before stream identities (or at 0, before start digests).
   */
  cursorDigest: ReceivedDigest,
  takenAt: Timestamp,
  /**
   * More of this snapshot follows: ask again with `snapshot: true` and `snapshotAfter: next`.
   * Apply the parts together, with the first part's cursor: the events after it bring every
   * change made while the parts were sent.
   */
  next: SnapshotPosition.optional(),
  /**
   * The entities this part left out as larger than the request's `leaveOutOver`, in the order
   * they were passed over; a part that left out as many as this allows ends after the last one.
   */
  leftOut: z.array(SnapshotPosition).max(MOST_LEFT_OUT_PER_PART).optional(),
})
/** Everything an expert needs to rebuild their cache from nothing. */
export type Snapshot = z.infer<typeof Snapshot>

/** The answer to a replay request. */
export const ReplayResponse = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('events'),
    events: z.array(PlatformEvent),
    /** The newest event id the server has for this expert. */
    latestId: z.number().int().nonnegative(),
    /** More events follow; ask again after the last id in this page. */
    hasMore: z.boolean(),
  }),
  /** The cursor is older than the oldest event the server keeps (or ahead of its newest). */
  z.object({ kind: z.literal('snapshot'), snapshot: Snapshot }),
])
/** The answer to a replay request. */
export type ReplayResponse = z.infer<typeof ReplayResponse>

/** The socket.io event name for replay requests. */
export const REPLAY_EVENT = 'replay'
