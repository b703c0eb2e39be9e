/**
 * A closing note cached as a lone U+FFFD is no note. An older platform read a closing note with
 * nothing to read in it leniently, as a message, and sent U+FFFD for it; the app cached that as
 * it came, and History showed "Closing note: �". A session read from the platform now has no note
 * there (ClosingNote); the rows cached before are made so here, and their sessions indexed again.
 * A note that holds U+FFFD among other text (a broken character in a real note) is a note, and
 * stays. Only rows holding U+FFFD, or an escape that may spell it, are parsed; a row that is not
 * JSON is left for the reader to skip and the sync to replace.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { NOTHING_TO_READ } from '../../../shared/protocol'
import { ClosingNote } from '../../../shared/protocol/entity-fields'
import { STORED } from '../repositories/stored-json'
import { indexAgain, parsedOrNull } from './search-indexed-again'

/** Rows read at a time: a page's JSON, not the whole table's, is held at once. */
const ROWS_PER_READ = 500

/** Makes every cached session's closing note of a lone U+FFFD no note, and indexes those sessions again. */
export const m0022ClosingNoteNone: Migration<Database.Database> = {
  version: 22,
  name: '0022-closing-note-none',
  up(db) {
    const read = db.prepare<[number, number], { rowid: number; json: string }>(
      `SELECT rowid AS rowid, CAST(json AS TEXT) AS json FROM sessions
       WHERE rowid > ? AND octet_length(json) <= ${STORED.session.mostBytes}
         AND (instr(CAST(json AS TEXT), char(65533)) > 0 OR instr(CAST(json AS TEXT), '\\u') > 0)
       ORDER BY rowid LIMIT ?`,
    )
    const write = db.prepare<[string, number]>('UPDATE sessions SET json = ? WHERE rowid = ?')
    const changed: number[] = []
    // Read a page, then write it: better-sqlite3 runs no statement while another is being read.
    let page = read.all(Number.MIN_SAFE_INTEGER, ROWS_PER_READ)
    while (page.length > 0) {
      for (const { rowid, json } of page) {
        const session = parsedOrNull(json)
        if (!isNoteOfNothing(session)) continue
        write.run(JSON.stringify({ ...session, closingNote: null }), rowid)
        changed.push(rowid)
      }
      page = read.all(page.at(-1)!.rowid, ROWS_PER_READ)
    }
    indexAgain(db, changed)
  },
}

/**
 * Whether `value` is an object whose closing note holds U+FFFD and reads as none, as ClosingNote
 * reads a session's: blanks and invisibles aside, only U+FFFD.
 */
function isNoteOfNothing(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const note: unknown = (value as Record<string, unknown>)['closingNote']
  return (
    typeof note === 'string' && note.includes(NOTHING_TO_READ) && ClosingNote.safeParse(note).data === null
  )
}
