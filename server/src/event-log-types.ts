/** What the event log (event-log.ts) takes and gives: new events, listeners and replay pages. */
import type { PlatformEvent, PlatformEventPayload, PlatformEventType } from '../../src/shared/protocol'

/**
 * Receives each committed event for one expert, in order, with the JSON text stored for it, so a
 * sender need not serialize it again.
 */
export type EventListener = (expertId: string, event: PlatformEvent, json: string) => void

/** An event to append to one expert's stream. */
export interface NewEvent<T extends PlatformEventType = PlatformEventType> {
  readonly expertId: string
  readonly type: T
  readonly payload: PlatformEventPayload<T>
  /** JSON.stringify(payload), when the caller has it cheaper (shared parts serialized once). */
  readonly payloadJson?: string
  /**
   * The payload's text with JSON_SLOT where its request's goes, for a request whose text is kept
   * once in `requests.invite_json`: the row stores this, and a replay puts the request back.
   */
  readonly storedPayloadJson?: { readonly json: string; readonly requestId: string }
  /** The invite this event creates: its stream's lookup row names it, and an expert's invites are found there. */
  readonly inviteId?: string
}

/**
 * The answer to a replay: a page of events, or word that the cursor cannot be followed from (out
 * of the kept range, or its digest is not this stream's).
 */
export type ReplayPage =
  | { kind: 'events'; events: PlatformEvent[]; latestId: number; hasMore: boolean }
  | { kind: 'out_of_range'; latestId: number }

/** What a replay asks for beyond the cursor. */
export interface ReplayOptions {
  readonly limit?: number
  readonly maxBytes?: number
  /** The client's digest of the event at the cursor; checked against this stream's. */
  readonly digest?: string
}
