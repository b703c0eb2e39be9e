/**
 * Putting sessions in History's index again after a migration changed their stored text, so that
 * what a search finds is what the window shows.
 */
import type Database from 'better-sqlite3'
import type { Session } from '../../../shared/protocol'
import { searchTextOf } from '../repositories/session-search'
import { STORED, withRequest } from '../repositories/stored-json'

/**
 * Puts in History's index the searched text of each session in `rowids`, read with its request.
 * Checked by shape, as the store reads a row, not parsed again: the migration wrote it just now.
 */
export function indexAgain(db: Database.Database, rowids: Iterable<number>): void {
  const read = db
    .prepare<[number], string | number | undefined>(
      `SELECT ${withRequest('sessions')} FROM sessions JOIN requests ON requests.id = sessions.request_id
       WHERE sessions.rowid = ?`,
    )
    .pluck()
  const put = db.prepare<[number, string]>(
    'INSERT OR REPLACE INTO session_search (rowid, body) VALUES (?, ?)',
  )
  for (const rowid of rowids) {
    const json = read.get(rowid)
    if (typeof json !== 'string') continue
    const session = parsedOrNull(json)
    if (typeof session === 'object' && session !== null && STORED.session.shape(session) === null)
      put.run(rowid, searchTextOf(session as Session))
  }
}

/** `json` parsed, or null when it does not parse. */
export function parsedOrNull(json: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    return null
  }
}
