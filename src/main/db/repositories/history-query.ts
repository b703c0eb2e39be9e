/**
 * The SQL of one History page: the history order and cursor (shared/rules/history-order.ts), the
 * filters on their own indexed columns, and the search in the `session_search` full-text index.
 * Pure: the repository prepares what this builds, one statement per shape of filter.
 *
 * User text never becomes SQL: every value is a bound parameter. The full-text query is built
 * here from the search's words alone (letters, digits and marks), each a quoted FTS5 string, so
 * nothing the user types (quotes, operators, column names, brackets, stars) reaches its syntax.
 */
import { normaliseLine } from '../../../shared/protocol/text'
import type { HistoryFilter } from '../../../shared/rules/history-filter'
import type { HistoryCursor } from '../../../shared/rules/history-order'

/** A statement and its parameters, in order. */
export interface BuiltQuery {
  readonly sql: string
  readonly params: ReadonlyArray<string | number>
}

/** The most words of a search that count; more add nothing a person would notice. */
export const MOST_SEARCH_WORDS = 8

// What the unicode61 tokenizer splits on: anything but letters, digits, marks and private use.
const NOT_A_WORD = /[^\p{L}\p{N}\p{M}\p{Co}]+/u

/** The words of a search as the index splits text: without repeats, at most MOST_SEARCH_WORDS. */
export function searchWords(query: string): ReadonlyArray<string> {
  const words = normaliseLine(query)
    .split(NOT_A_WORD)
    .filter((word) => word !== '')
  return [...new Set(words.map((word) => word.toLowerCase()))].slice(0, MOST_SEARCH_WORDS)
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
): BuiltQuery {
  // The IN term matches the partial indexes' WHERE, which is what lets SQLite use them; the row
  // value continues after (start, id) in their own order, so equal starts page correctly.
  const conditions = [`state IN ('ended', 'cancelled')`, '(booked_start, sessions.id) < (?, ?)']
  const params: Array<string | number> = [cursor.start, cursor.id]
  const equal = (column: string, value: string | undefined): void => {
    if (value === undefined) return
    conditions.push(`sessions.${column} = ?`)
    params.push(value)
  }
  equal('kind', filter.kind)
  equal('outcome', filter.outcome)
  equal('client_id', filter.clientId)
  const match = ftsQuery(searchWords(filter.query ?? ''))
  if (match !== null) {
    // The unary + keeps SQLite from reading the matches by rowid and sorting them all: it walks
    // a history index in order instead and stops at the page's last row.
    conditions.push('+sessions.rowid IN (SELECT rowid FROM session_search WHERE session_search MATCH ?)')
    params.push(match)
  }
  params.push(limit)
  return {
    sql: `${select} WHERE ${conditions.join(' AND ')}
      ORDER BY booked_start DESC, sessions.id DESC LIMIT ?`,
    params,
  }
}
