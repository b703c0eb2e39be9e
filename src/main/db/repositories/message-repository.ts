/**
 * The threads: messages between the expert and a client about one request, from invite to
 * session, with what the expert has read of them and which were shown as a notification.
 */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import type { Message } from '../../../shared/protocol'
import type { InviteState, SessionState } from '../../../shared/protocol'
import type { ThreadPlace, UnreadThread } from '../../core/ports/cache-store'
import { INVITE_OPEN_AT } from './invite-repository'
import { parseAllStored, STORED, storedJson, type StoredRow, type SkippedRows } from './stored-json'

/**
 * The unread client messages of threads still open for replies at the platform time bound to its
 * `?`: an open invite's (rules/thread-open.ts: one whose time ran out is closed, whatever the
 * platform said yet) or a booked or live session's.
 */
const OPEN_THREAD_CLIENT_MESSAGES = `
  FROM messages LEFT JOIN message_state ON message_state.message_id = messages.id
  WHERE messages.from_client = 1 AND message_state.read_at IS NULL
    AND (messages.request_id IN (SELECT request_id FROM invites WHERE ${INVITE_OPEN_AT})
      OR messages.request_id IN (SELECT request_id FROM sessions WHERE state IN ('booked', 'live')))`

/** Reads and writes messages. Writes run inside the caller's transaction. */
export class MessageRepository {
  private readonly upsertMessage: Database.Statement<[string, string, number, string, number]>
  private readonly selectLatestByRequest: Database.Statement<[string, number], StoredRow>
  private readonly deleteAllMessages: Database.Statement<[]>
  private readonly deleteAllState: Database.Statement<[]>
  private readonly selectUnread: Database.Statement<[number, number], { request_id: string; n: number }>
  private readonly markThreadRead: Database.Statement<[number, string]>
  private readonly selectUnnotified: Database.Statement<[string], { id: string }>
  private readonly markOneNotified: Database.Statement<[string, number]>
  private readonly selectSessionOf: Database.Statement<[string], { id: string; state: SessionState }>
  private readonly selectInviteOf: Database.Statement<[string], { id: string; state: InviteState }>

  constructor(
    db: Database.Database,
    private readonly skippedRows: SkippedRows,
  ) {
    this.upsertMessage = preparedOnUse(
      db,
      `INSERT INTO messages (id, request_id, sent_at, json, from_client) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, sent_at = excluded.sent_at,
         json = excluded.json, from_client = excluded.from_client`,
    )
    this.selectLatestByRequest = preparedOnUse(
      db,
      `SELECT id, ${storedJson('json', STORED.message)} AS json FROM messages
         WHERE request_id = ? ORDER BY sent_at DESC, rowid DESC LIMIT ?`,
    )
    this.deleteAllMessages = preparedOnUse(db, 'DELETE FROM messages')
    this.deleteAllState = preparedOnUse(db, 'DELETE FROM message_state')
    this.selectUnread = preparedOnUse(
      db,
      `SELECT messages.request_id, COUNT(*) AS n ${OPEN_THREAD_CLIENT_MESSAGES}
       GROUP BY messages.request_id ORDER BY messages.request_id LIMIT ?`,
    )
    this.markThreadRead = preparedOnUse(
      db,
      `INSERT INTO message_state (message_id, read_at)
         SELECT id, ? FROM messages WHERE request_id = ? AND from_client = 1
       ON CONFLICT (message_id) DO UPDATE SET read_at = excluded.read_at WHERE read_at IS NULL`,
    )
    this.selectUnnotified = preparedOnUse(
      db,
      `SELECT messages.id FROM messages LEFT JOIN message_state ON message_state.message_id = messages.id
       WHERE messages.id = ? AND messages.from_client = 1
         AND message_state.read_at IS NULL AND message_state.notified_at IS NULL`,
    )
    this.selectSessionOf = preparedOnUse(db, 'SELECT id, state FROM sessions WHERE request_id = ? LIMIT 1')
    this.selectInviteOf = preparedOnUse(
      db,
      'SELECT id, state FROM invites WHERE request_id = ? ORDER BY sent_at DESC LIMIT 1',
    )
    this.markOneNotified = preparedOnUse(
      db,
      `INSERT INTO message_state (message_id, notified_at) VALUES (?, ?)
       ON CONFLICT (message_id) DO UPDATE SET notified_at = coalesce(notified_at, excluded.notified_at)`,
    )
  }

  /** Insert a message (a repeat replaces it; what the expert read of it stays). */
  put(message: Message): void {
    this.upsertMessage.run(
      message.id,
      message.requestId,
      message.sentAt,
      JSON.stringify(message),
      message.from === 'client' ? 1 : 0,
    )
  }

  /**
   * The latest `limit` messages of one request's thread, oldest first, and whether it holds earlier
   * ones: one row more is read to tell, before parsing, so a stored row that fails to parse is not
   * taken for the thread's start.
   */
  byRequest(requestId: string, limit: number): { messages: Message[]; earlier: boolean } {
    const rows = this.selectLatestByRequest.all(requestId, limit + 1)
    const earlier = rows.length > limit
    const latest = rows.slice(0, limit).reverse()
    return { messages: parseAllStored(latest, STORED.message, this.skippedRows), earlier }
  }

  /** The session a request's thread belongs to, else the invite; null when neither is cached. */
  place(requestId: string): ThreadPlace | null {
    const session = this.selectSessionOf.get(requestId)
    if (session !== undefined) return { kind: 'session', sessionId: session.id, state: session.state }
    const invite = this.selectInviteOf.get(requestId)
    return invite === undefined ? null : { kind: 'invite', inviteId: invite.id, state: invite.state }
  }

  /** Per thread still open for replies at platform time `now`, the client's messages the expert has not read. */
  unread(now: number, limit: number): ReadonlyArray<UnreadThread> {
    return this.selectUnread.all(now, limit).map((row) => ({ requestId: row.request_id, count: row.n }))
  }

  /** Mark every client message of a thread read; the first reading time stands. Answers how many were unread. */
  markRead(requestId: string, at: number): number {
    return this.markThreadRead.run(at, requestId).changes
  }

  /** Of `messageIds`, the client's messages neither read nor shown yet, in the order given. */
  unnotified(messageIds: ReadonlyArray<string>): ReadonlyArray<string> {
    return messageIds.filter((id) => this.selectUnnotified.get(id) !== undefined)
  }

  /** Remember that these messages were shown (or deliberately not), so a restart does not show them. */
  markNotified(messageIds: ReadonlyArray<string>, at: number): void {
    for (const id of messageIds) this.markOneNotified.run(id, at)
  }

  /** Remove every message, keeping what was read and shown: a snapshot brings the same ids back. */
  deleteAll(): void {
    this.deleteAllMessages.run()
  }

  /** Forget what was read and shown too (sign-out, or another expert's cache). */
  deleteAllWithState(): void {
    this.deleteAllMessages.run()
    this.deleteAllState.run()
  }
}
