/**
 * The per-expert event stream, server to expert. Ids increase by one per expert with no gaps, so a
 * client that sees id N+2 after N knows it missed one and replays from its cursor.
 */
import { z } from 'zod'
import { Expert, Id, Invite, Message, Session, Timestamp } from './entities'
import { IdempotencyKey } from './commands'
import { Token } from './text'

/**
 * An event's digest in the stream's chain: opaque to the app, kept, and sent back to be compared
 * for equality, so a token like an id: text SQLite would rewrite (a lone surrogate) came back
 * longer and other than the platform's, and no replay would match it again.
 */
export const StreamDigest = Token({ max: 128, what: 'A stream digest' })

/**
 * A digest as it comes with an event or a snapshot: one that cannot be kept is dropped rather than
 * costing the event, and a cursor without a digest is rebuilt once from a snapshot, losing nothing.
 */
export const ReceivedDigest = StreamDigest.optional().catch(undefined)

/** Why an invite left the expert's open list. */
export const InviteClosedReason = z.enum(['accepted', 'declined', 'taken', 'expired', 'withdrawn'])
/** Why an invite left the expert's open list. */
export type InviteClosedReason = z.infer<typeof InviteClosedReason>

/** Fields every event carries. */
const eventBase = {
  /** Position in this expert's stream: 1, 2, 3 … with no gaps. */
  id: z.number().int().positive(),
  at: Timestamp,
  /**
   * The stream's identity at this event: a digest chaining every earlier event of this stream. The
   * app sends it back with its cursor, so a platform whose history went another way (a restored
   * backup, a new database) answers with a snapshot instead of events that do not follow on.
   */
  digest: ReceivedDigest,
}

/** One event in an expert's stream. */
export const PlatformEvent = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('invite.created'), payload: z.object({ invite: Invite }) }),
  z.object({
    ...eventBase,
    type: z.literal('invite.closed'),
    payload: z.object({
      inviteId: Id,
      reason: InviteClosedReason,
      /** Set when reason is "accepted": the session the accept created. */
      sessionId: Id.nullable(),
    }),
  }),
  z.object({ ...eventBase, type: z.literal('session.updated'), payload: z.object({ session: Session }) }),
  z.object({ ...eventBase, type: z.literal('message.created'), payload: z.object({ message: Message }) }),
  z.object({
    ...eventBase,
    type: z.literal('expert.updated'),
    payload: z.object({
      expert: Expert,
      /**
       * The idempotency key of the expert's command that made this change (an availability they
       * set), so the device that sent it can tell its own choice from one made on another device
       * with the same value. Optional: older platforms send none, and one that is no key is dropped.
       */
      idempotencyKey: IdempotencyKey.optional().catch(undefined),
    }),
  }),
])
/** One event in an expert's stream. */
export type PlatformEvent = z.infer<typeof PlatformEvent>
/** The name of an event type. */
export type PlatformEventType = PlatformEvent['type']
/** The payload of one event type. */
export type PlatformEventPayload<T extends PlatformEventType> = Extract<PlatformEvent, { type: T }>['payload']

/** The socket.io event name the server uses to push live events. */
export const LIVE_EVENT = 'platform-event'
