/**
 * Where an invite or a session stands in the cache, read without its JSON: what an event is checked
 * against before it may change the row (stream-contradiction.ts).
 */
import type Database from 'better-sqlite3'
import type { InviteState, SessionState } from '../../../shared/protocol'
import { preparedOnUse } from './prepared-on-use'

/** Reads the states of rows by id, each a primary-key or index lookup. */
export class RowStateRepository {
  private readonly selectInvite: Database.Statement<[string, string], InviteRowState>
  private readonly selectSession: Database.Statement<[string], { state: SessionState }>

  constructor(db: Database.Database) {
    this.selectInvite = preparedOnUse(
      db,
      `SELECT (SELECT state FROM invites WHERE id = ?) AS state,
         (SELECT id FROM sessions WHERE request_id = ? LIMIT 1) AS sessionId`,
    )
    this.selectSession = preparedOnUse(db, 'SELECT state FROM sessions WHERE id = ?')
  }

  /** The cached invite's state (null when the cache has none) and a session of its request, if any. */
  invite(inviteId: string, requestId: string): InviteRowState {
    return this.selectInvite.get(inviteId, requestId) ?? { state: null, sessionId: null }
  }

  /** The cached session's state; null when the cache has none. */
  session(sessionId: string): SessionState | null {
    return this.selectSession.get(sessionId)?.state ?? null
  }
}

/** An invite's state in the cache, and the session its request already has there. */
export interface InviteRowState {
  readonly state: InviteState | null
  readonly sessionId: string | null
}
