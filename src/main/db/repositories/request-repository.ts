/**
 * Help requests with their proposed slots and attachment metadata. Invites and sessions both carry
 * their request, so the same request arrives many times: an unchanged one costs one statement.
 */
import type Database from 'better-sqlite3'
import type { HelpRequest } from '../../../shared/protocol'

/** Writes requests and the rows derived from them. Runs inside the caller's transaction. */
export class RequestRepository {
  private readonly upsertRequest: Database.Statement<[string, string, number, string]>
  private readonly deleteSlots: Database.Statement<[string]>
  private readonly insertSlot: Database.Statement<[string, number]>
  private readonly deleteAttachments: Database.Statement<[string]>
  private readonly insertAttachment: Database.Statement<[string, number, string, number, string, string]>
  private readonly deleteUnreferenced: Database.Statement<[]>
  private readonly deleteAllRequests: Database.Statement<[]>

  constructor(db: Database.Database) {
    // The WHERE makes an identical request a no-op (0 changes), so its children are left alone.
    this.upsertRequest = db.prepare(
      `INSERT INTO requests (id, kind, created_at, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at,
         json = excluded.json
       WHERE requests.json IS NOT excluded.json`,
    )
    this.deleteSlots = db.prepare('DELETE FROM proposed_slots WHERE request_id = ?')
    this.insertSlot = db.prepare(
      'INSERT INTO proposed_slots (request_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    )
    this.deleteAttachments = db.prepare('DELETE FROM attachments WHERE request_id = ?')
    this.insertAttachment = db.prepare(
      `INSERT INTO attachments (request_id, position, name, size_bytes, mime_type, url)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    this.deleteUnreferenced = db.prepare(
      `DELETE FROM requests
       WHERE NOT EXISTS (SELECT 1 FROM invites WHERE invites.request_id = requests.id)
         AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.request_id = requests.id)`,
    )
    this.deleteAllRequests = db.prepare('DELETE FROM requests')
  }

  /** Insert or replace a request; its slots and attachments are rewritten only when it changed. */
  put(request: HelpRequest): void {
    const { changes } = this.upsertRequest.run(
      request.id,
      request.kind,
      request.createdAt,
      JSON.stringify(request),
    )
    if (changes === 0) return
    this.deleteSlots.run(request.id)
    for (const at of request.proposedTimes) this.insertSlot.run(request.id, at)
    this.deleteAttachments.run(request.id)
    request.attachments.forEach((a, position) =>
      this.insertAttachment.run(request.id, position, a.name, a.sizeBytes, a.mimeType, a.url),
    )
  }

  /** Remove requests no invite or session refers to (their slots and attachments go with them). */
  pruneUnreferenced(): void {
    this.deleteUnreferenced.run()
  }

  /** Remove every request. Invites and sessions must be gone first. */
  deleteAll(): void {
    this.deleteAllRequests.run()
  }
}
