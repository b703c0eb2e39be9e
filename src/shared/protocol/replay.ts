/**
 * Catching up after a disconnect: the events after the client's cursor, or a full snapshot when
 * the server no longer keeps the events that follow the cursor.
 */
import { z } from 'zod'
import { Expert, Invite, Message, Session, Timestamp } from './entities'
import { PlatformEvent } from './events'

/** The most events one replay page holds. */
export const MAX_REPLAY_PAGE = 1_000

/** Ask for the events after a cursor. A cursor of 0 means "from the beginning". */
export const ReplayRequest = z.object({
  after: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_REPLAY_PAGE).default(MAX_REPLAY_PAGE),
  /** Ask for a snapshot whatever the cursor: an empty cache starts from one rather than from event 1. */
  snapshot: z.boolean().default(false),
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
  takenAt: Timestamp,
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
