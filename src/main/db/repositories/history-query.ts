/**
 * The SQL of one History page: the history order and cursor (shared/rules/history-order.ts), the
 * filters on their own indexed columns, and the search in the `session_search` full-text index.
 * Pure: the repository prepares what this builds, one statement per shape of filter.
 *
 * User text never becomes SQL: every value is a bound parameter. The full-text query is built
 * here from the search's words alone (letters, digits and marks), each a quoted FTS5 string, so
 * nothing the user types (quotes, operators, column names, brackets, stars) reaches its syntax.
 * What the search looks for as typed (emoji, which the word index drops, and words of scripts
 * written without spaces) is looked for in the indexed text of each row the rest of the filter
 * lets through, newest first, until the page is full.
 */
import type { HistoryFilter } from '../../../shared/rules/history-filter'
import { searchTerms } from '../../../shared/rules/history-search'
import type { HistoryCursor } from '../../../shared/rules/history-order'

/** A statement and its parameters, in order. */
export interface BuiltQuery {
  readonly sql: string
  readonly params: ReadonlyArray<string | number>
}

/**
 * The FTS5 query for `words`: every word must begin a word of the searched text. Each is a quoted
 * string with its quotes doubled, followed by `*` for a prefix; null when there are none.
 */
export function ftsQuery(words: ReadonlyArray<string>): string | null {
  if (words.length === 0) return null
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' AND ')
}

/**
 * One page of History under `filter`, after `cursor` in the history order. `select` is the
 * repository's SELECT … FROM sessions JOIN requests; the rest is built here.
 */
export function historyPageQuery(
  select: string,
  filter: HistoryFilter,
  cursor: HistoryCursor,
  limit: number,
  floor: HistoryCursor | null = null,
): BuiltQuery {
  // The IN term matches the partial indexes' WHERE, which is what lets SQLite use them; the row
  // value continues after (start, id) in their own order, so equal starts page correctly.
  const conditions = [`state IN ('ended', 'cancelled')`, '(booked_start, sessions.id) < (?, ?)']
  const params: Array<string | number> = [cursor.start, cursor.id]
  if (floor !== null) {
    // The walk stops at the floor, in the same order, so a search's page reads a bounded stretch.
    conditions.push('(booked_start, sessions.id) >= (?, ?)')
    params.push(floor.start, floor.id)
  }
  const equal = (column: string, value: string | undefined): void => {
    if (value === undefined) return
    conditions.push(`sessions.${column} = ?`)
    params.push(value)
  }
  equal('kind', filter.kind)
  equal('outcome', filter.outcome)
  equal('client_id', filter.clientId)
  const { words, literals } = searchTerms(filter.query ?? '')
  const match = ftsQuery(words)
  if (match !== null) {
    // The unary + keeps SQLite from reading the matches by rowid and sorting them all: it walks
    // a history index in order instead and stops at the page's last row.
    conditions.push('+sessions.rowid IN (SELECT rowid FROM session_search WHERE session_search MATCH ?)')
    params.push(match)
  }
  if (literals.length > 0) {
    // Last, and one row's text at a time: only rows every other condition kept are read, and the
    // walk stops at the page's last row, so a symbol found often costs a page, and one found
    // nowhere one pass over the stretch between `cursor` and `floor` (the repository bounds it),
    // never a list of every row built first. The text is read from the index's own copy of it
    // (its content table, which cache-schema.ts checks at open) by rowid, a plain table's lookup,
    // cheaper than one through the full-text module.
    const found = literals.map(() => 'instr(c0, ?) > 0').join(' AND ')
    conditions.push(`EXISTS (SELECT 1 FROM session_search_content WHERE id = sessions.rowid AND ${found})`)
    params.push(...literals)
  }
  params.push(limit)
  return {
    sql: `${select} WHERE ${conditions.join(' AND ')}
      ORDER BY booked_start DESC, sessions.id DESC LIMIT ?`,
    params,
  }
}
