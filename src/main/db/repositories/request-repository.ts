/**
 * Help requests, each stored once as its JSON. Invites and sessions both carry their request, so
 * the same request arrives many times; reads splice it back into them.
 */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import type { HelpRequest } from '../../../shared/protocol'

/** Writes requests. Runs inside the caller's transaction. */
export class RequestRepository {
  private readonly upsertRequest: Database.Statement<[string, string, number, string]>
  private readonly deleteUnreferenced: Database.Statement<[]>
  private readonly deleteAllRequests: Database.Statement<[]>

  constructor(db: Database.Database) {
    // The WHERE makes an identical request a no-op, so the page it sits on is not rewritten.
    this.upsertRequest = preparedOnUse(
      db,
      `INSERT INTO requests (id, kind, created_at, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at,
         json = excluded.json
       WHERE requests.json IS NOT excluded.json`,
    )
    this.deleteUnreferenced = preparedOnUse(
      db,
      `DELETE FROM requests
       WHERE NOT EXISTS (SELECT 1 FROM invites WHERE invites.request_id = requests.id)
         AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.request_id = requests.id)`,
    )
    this.deleteAllRequests = preparedOnUse(db, 'DELETE FROM requests')
  }

  /** Insert or replace a request; an unchanged one writes nothing. */
  put(request: HelpRequest): void {
    this.upsertRequest.run(request.id, request.kind, request.createdAt, JSON.stringify(request))
  }

  /** Remove requests no invite or session refers to. */
  pruneUnreferenced(): void {
    this.deleteUnreferenced.run()
  }

  /** Remove every request. Invites and sessions must be gone first. */
  deleteAll(): void {
    this.deleteAllRequests.run()
  }
}
