/** Writing an ended session into a raw cache as versions 20 and later did, for the migration tests. */
import type Database from 'better-sqlite3'
import { withoutRequest } from '../../../../../src/main/db/repositories/stored-json'
import type { HelpRequest, Session } from '../../../../../src/shared/protocol'
import { historyOutcomeOf } from '../../../../../src/shared/rules/history-filter'
import { foldForSearch } from '../../../../../src/shared/text-normalise'
import { aSession, endedSession, FIXTURE_NOW, liveSession, MINUTE } from '../../../../support/fixtures'

/**
 * Writes `request` and an ended session of it (with `stored` written over its members, unchecked),
 * text as given, searched text as it was folded then.
 */
export function insertPastSession(
  db: Database.Database,
  id: string,
  request: HelpRequest,
  client = request.client,
  stored: Partial<Session> = {},
): void {
  const start = FIXTURE_NOW - 60 * MINUTE
  const ended = {
    ...endedSession(liveSession(aSession({ id, request, client, bookedStart: start }), start), FIXTURE_NOW),
    ...stored,
  }
  db.prepare('INSERT OR IGNORE INTO requests (id, kind, created_at, json) VALUES (?, ?, ?, ?)').run(
    request.id,
    request.kind,
    request.createdAt,
    JSON.stringify(request),
  )
  const { rowid } = db
    .prepare(
      `INSERT INTO sessions (id, request_id, state, booked_start, json, kind, outcome, client_id)
       VALUES (?, ?, 'ended', ?, ?, ?, ?, ?) RETURNING rowid`,
    )
    .get(id, request.id, start, withoutRequest(ended), ended.kind, historyOutcomeOf(ended), client.id) as {
    rowid: number
  }
  const searched = [request.title, client.name, ended.privateNote, ended.closingNote ?? ''].join('\n')
  db.prepare('INSERT INTO session_search (rowid, body) VALUES (?, ?)').run(rowid, foldForSearch(searched))
}
