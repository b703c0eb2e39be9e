/** The pre-session threads: messages between the expert and a client about one request. */
import type Database from 'better-sqlite3'
import type { Message } from '../../../shared/protocol'
import type { Logger } from '../../core/ports/logger'
import { parseAllStored, type StoredRow } from './stored-json'

/** Reads and writes messages. Writes run inside the caller's transaction. */
export class MessageRepository {
  private readonly upsertMessage: Database.Statement<[string, string, number, string]>
  private readonly selectByRequest: Database.Statement<[string], StoredRow>
  private readonly deleteAllMessages: Database.Statement<[]>

  constructor(
    db: Database.Database,
    private readonly logger: Logger,
  ) {
    this.upsertMessage = db.prepare(
      `INSERT INTO messages (id, request_id, sent_at, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, sent_at = excluded.sent_at,
         json = excluded.json`,
    )
    this.selectByRequest = db.prepare(
      'SELECT id, json FROM messages WHERE request_id = ? ORDER BY sent_at, rowid',
    )
    this.deleteAllMessages = db.prepare('DELETE FROM messages')
  }

  /** Insert a message (a repeat replaces it). */
  put(message: Message): void {
    this.upsertMessage.run(message.id, message.requestId, message.sentAt, JSON.stringify(message))
  }

  /** The thread of one request, oldest first. */
  byRequest(requestId: string): Message[] {
    return parseAllStored<Message>(this.selectByRequest.all(requestId), 'message', this.logger)
  }

  /** Remove every message. */
  deleteAll(): void {
    this.deleteAllMessages.run()
  }
}
