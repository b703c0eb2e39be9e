/**
 * Where an invite, a session or a message stands in the cache, read without its JSON (but the few
 * members a repeat may not change: a message's body and writer, an invite's reason): what an event is checked against before it may change the row
 * (stream-contradiction.ts).
 */
import type Database from 'better-sqlite3'
import type { InviteReason, InviteState, SessionKind, SessionState } from '../../../shared/protocol'
import { preparedOnUse } from './prepared-on-use'
import { STORED, storedMember } from './stored-json'

/** Reads the states of rows by id, each a primary-key or index lookup. */
export class RowStateRepository {
  private readonly selectInvite: Database.Statement<
    [string, string, string, string, string, string, string],
    InviteRowState
  >
  private readonly selectSession: Database.Statement<[string], SessionRowState>
  private readonly selectRequestKind: Database.Statement<[string], { kind: SessionKind }>
  private readonly selectRequestSession: Database.Statement<[string], { id: string }>
  private readonly selectMessage: Database.Statement<[string], MessageRowState>
  private readonly selectThread: Database.Statement<[string, string], { held: number }>

  constructor(db: Database.Database) {
    this.selectInvite = preparedOnUse(
      db,
      `SELECT (SELECT state FROM invites WHERE id = ?) AS state,
         (SELECT request_id FROM invites WHERE id = ?) AS requestId,
         (SELECT sent_at FROM invites WHERE id = ?) AS sentAt,
         (SELECT ${storedMember('json', '$.reason', STORED.invite)} FROM invites WHERE id = ?) AS reason,
         (SELECT id FROM sessions WHERE request_id = ? LIMIT 1) AS sessionId,
         (SELECT id FROM invites WHERE request_id = ? AND id <> ? LIMIT 1) AS otherInviteId`,
    )
    this.selectSession = preparedOnUse(
      db,
      'SELECT state, request_id AS requestId, kind, client_id AS clientId FROM sessions WHERE id = ?',
    )
    this.selectRequestKind = preparedOnUse(db, 'SELECT kind FROM requests WHERE id = ?')
    this.selectRequestSession = preparedOnUse(db, 'SELECT id FROM sessions WHERE request_id = ? LIMIT 1')
    this.selectMessage = preparedOnUse(
      db,
      // The body only of a message cached already: a repeat, rare, is checked against the words read.
      `SELECT request_id AS requestId, from_client AS fromClient, sent_at AS sentAt,
         ${storedMember('json', '$.body', STORED.message)} AS body,
         ${storedMember('json', '$.expertId', STORED.message)} AS expertId FROM messages WHERE id = ?`,
    )
    this.selectThread = preparedOnUse(
      db,
      `SELECT EXISTS (SELECT 1 FROM invites WHERE request_id = ?)
         OR EXISTS (SELECT 1 FROM sessions WHERE request_id = ?) AS held`,
    )
  }

  /**
   * The cached invite's state and request (null when the cache has none), and a session and
   * another invite of the request `requestId`, if any.
   */
  invite(inviteId: string, requestId: string): InviteRowState {
    return (
      this.selectInvite.get(inviteId, inviteId, inviteId, inviteId, requestId, requestId, inviteId) ?? {
        state: null,
        requestId: null,
        sentAt: null,
        reason: null,
        sessionId: null,
        otherInviteId: null,
      }
    )
  }

  /** The cached session's state and request; null when the cache has none. */
  session(sessionId: string): SessionRowState | null {
    return this.selectSession.get(sessionId) ?? null
  }

  /** The cached request's kind; null when the cache has none. */
  requestKind(requestId: string): SessionKind | null {
    return this.selectRequestKind.get(requestId)?.kind ?? null
  }

  /** The id of a cached session of request `requestId`; null when the cache has none. */
  requestSession(requestId: string): string | null {
    return this.selectRequestSession.get(requestId)?.id ?? null
  }

  /** Whether the cache holds an invite or a session of request `requestId`: a thread of the expert's. */
  threadHeld(requestId: string): boolean {
    return this.selectThread.get(requestId, requestId)?.held === 1
  }

  /** The cached message's thread, sender and body; null when the cache has none. */
  message(messageId: string): MessageRowState | null {
    return this.selectMessage.get(messageId) ?? null
  }
}

/**
 * An invite's state and request in the cache, and the session and the other invite its request
 * already has there.
 */
export interface InviteRowState {
  readonly state: InviteState | null
  readonly requestId: string | null
  readonly sentAt: number | null
  /** Null too when the stored row cannot be read: a repeat then repairs it. */
  readonly reason: InviteReason | null
  readonly sessionId: string | null
  readonly otherInviteId: string | null
}

/** A session's state, request, kind and client in the cache (kind and client null in a row unread). */
export interface SessionRowState {
  readonly state: SessionState
  readonly requestId: string
  readonly kind: SessionKind | null
  readonly clientId: string | null
}

/** A message's thread, sender and time in the cache (fromClient 1 for the client's, 0 for the expert's). */
export interface MessageRowState {
  readonly requestId: string
  readonly fromClient: number
  readonly sentAt: number
  /** Null when the stored row cannot be read: a repeat then repairs it. */
  readonly body: string | null
  /** Null when the stored row cannot be read, as the body. */
  readonly expertId: string | null
}
