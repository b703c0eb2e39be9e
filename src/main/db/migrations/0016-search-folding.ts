/**
 * History's search folds the text it indexes and the words typed alike (foldForSearch): full-width
 * letters, ligatures and other compatibility forms as their plain spelling, ß as ss, and no joiners
 * or variation selectors. The text cached before was indexed as written, so ＡＢＣ, ﬁle or Straße
 * in it would never be found by abc, file or strasse: each row's indexed text is folded here. The
 * indexed text is the searched fields as written, so folding it gives what a write now stores,
 * without reading any session's JSON; most rows hold plain ASCII, which folding leaves as it is,
 * and only the rows it changes are written again.
 */
import type Database from 'better-sqlite3'
import type { Migration } from '../../../shared/sqlite/migrate'
import { foldForSearch } from '../../../shared/text-normalise'

/** Rows read at a time: a page's text, not the whole index's, is held at once. */
const ROWS_PER_READ = 500

/** Folds the indexed text of every cached session, as session-search.ts now writes it. */
export const m0016SearchFolding: Migration<Database.Database> = {
  version: 16,
  name: '0016-search-folding',
  up(db) {
    const read = db.prepare<[number, number], { rowid: number; body: unknown }>(
      'SELECT rowid, body FROM session_search WHERE rowid > ? ORDER BY rowid LIMIT ?',
    )
    const write = db.prepare<[string, number]>('UPDATE session_search SET body = ? WHERE rowid = ?')
    // Read a page, then write it: better-sqlite3 runs no statement while another is being read.
    let page = read.all(Number.MIN_SAFE_INTEGER, ROWS_PER_READ)
    while (page.length > 0) {
      for (const { rowid, body } of page) {
        if (typeof body !== 'string') continue
        const folded = foldForSearch(body)
        if (folded !== body) write.run(folded, rowid)
      }
      page = read.all(page.at(-1)!.rowid, ROWS_PER_READ)
    }
  },
}
