/**
 * The raw baseline of the cache bench's event applying (bench/cache.ts): prepared better-sqlite3
 * upserts of the same rows applyEvents writes, with History's filter columns and search text.
 */
import type Database from 'better-sqlite3'
import { assertNever } from '../src/shared/assert-never'
import type { HelpRequest, PlatformEvent } from '../src/shared/protocol'
import { searchTextOf } from '../src/main/db/repositories/session-search'
import { historyOutcomeOf } from '../src/shared/rules/history-filter'

/** Raw upserts of exactly the rows applyEvents writes, with no cursor logic or dispatch layer. */
export function rawApplier(db: Database.Database): (batch: ReadonlyArray<PlatformEvent>) => void {
  const upsertRequest = db.prepare(
    `INSERT INTO requests (id, kind, created_at, json) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at, json = excluded.json
     WHERE requests.json IS NOT excluded.json`,
  )
  const upsertInvite = db.prepare(
    `INSERT INTO invites (id, request_id, state, sent_at, json) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, state = excluded.state,
       sent_at = excluded.sent_at, json = excluded.json`,
  )
  const closeInvite = db.prepare(
    `UPDATE invites SET state = ?, json = json_set(json, '$.state', ?) WHERE id = ?`,
  )
  const upsertSession = db.prepare<
    [string, string, string, number, string, string, string, string],
    { rowid: number }
  >(
    `INSERT INTO sessions (id, request_id, state, booked_start, json, kind, outcome, client_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, state = excluded.state,
       booked_start = excluded.booked_start, json = excluded.json, kind = excluded.kind,
       outcome = excluded.outcome, client_id = excluded.client_id
     RETURNING rowid`,
  )
  const putSearchText = db.prepare('INSERT OR REPLACE INTO session_search (rowid, body) VALUES (?, ?)')
  const setCursor = db.prepare('UPDATE sync_state SET cursor = ? WHERE slot = 1')
  const putRequest = (r: HelpRequest): void =>
    void upsertRequest.run(r.id, r.kind, r.createdAt, JSON.stringify(r))
  return db.transaction((batch: ReadonlyArray<PlatformEvent>) => {
    for (const event of batch) {
      switch (event.type) {
        case 'invite.created': {
          const { request, ...invite } = event.payload.invite
          putRequest(request)
          upsertInvite.run(invite.id, request.id, invite.state, invite.sentAt, JSON.stringify(invite))
          break
        }
        case 'invite.closed':
          closeInvite.run(event.payload.reason, event.payload.reason, event.payload.inviteId)
          break
        case 'session.updated': {
          const { request, ...session } = event.payload.session
          putRequest(request)
          const { rowid } = upsertSession.get(
            session.id,
            request.id,
            session.state,
            session.bookedStart,
            JSON.stringify(session),
            session.kind,
            historyOutcomeOf(session),
            session.client.id,
          )!
          putSearchText.run(rowid, searchTextOf(event.payload.session))
          break
        }
        case 'message.created':
        case 'expert.updated':
          break
        default:
          assertNever(event)
      }
    }
    const last = batch.at(-1)
    if (last !== undefined) setCursor.run(last.id)
  })
}
