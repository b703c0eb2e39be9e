// The History page builder: words from whatever is typed, FTS strings that cannot escape their
// quotes, one statement per shape of filter, and every value bound rather than written into SQL.
import { describe, expect, it } from 'vitest'
import {
  ftsQuery,
  historyPageQuery,
  MOST_SEARCH_WORDS,
  searchWords,
} from '../../../../src/main/db/repositories/history-query'

const SELECT = 'SELECT sessions.id FROM sessions'
const START = { start: Number.MAX_SAFE_INTEGER, id: '' }

describe('the History query builder', () => {
  it('splits a search into lower-case words as the index does, without repeats or punctuation', () => {
    expect(searchWords('  VPN   drops\tVPN ')).toEqual(['vpn', 'drops'])
    expect(searchWords('C++ "quoted" body:fix (NEAR) 100%_done')).toEqual([
      'c',
      'quoted',
      'body',
      'fix',
      'near',
      '100',
      'done',
    ])
    expect(searchWords('Café naïve 東京')).toEqual(['café', 'naïve', '東京'])
    expect(searchWords('"*^-:()%_\\')).toEqual([])
    expect(searchWords('\ud83d broken')).toEqual(['broken'])
    expect(searchWords('a b c d e f g h i j k')).toHaveLength(MOST_SEARCH_WORDS)
  })

  it('quotes every word as an FTS5 prefix string, doubling any quote, and joins them with AND', () => {
    expect(ftsQuery(['vpn', 'drops'])).toBe('"vpn"* AND "drops"*')
    expect(ftsQuery(['say "hi"'])).toBe('"say ""hi"""*')
    expect(ftsQuery([])).toBeNull()
  })

  it('binds every filter value and the cursor, in the order the SQL names them, the limit last', () => {
    const query = historyPageQuery(
      SELECT,
      { kind: 'scheduled', outcome: 'free', clientId: "cli_'; DROP TABLE sessions", query: 'Vpn' },
      { start: 1_000, id: 'ses_9' },
      25,
    )
    expect(query.params).toEqual([
      1_000,
      'ses_9',
      'scheduled',
      'free',
      "cli_'; DROP TABLE sessions",
      '"vpn"*',
      25,
    ])
    expect(query.sql).not.toContain('DROP')
    expect(query.sql).not.toMatch(/vpn/i)
    expect(query.sql.match(/\?/g)).toHaveLength(query.params.length)
    expect(query.sql).toMatch(/ORDER BY booked_start DESC, sessions\.id DESC LIMIT \?$/)
  })

  it('builds one statement per shape of filter, whatever the values', () => {
    const a = historyPageQuery(SELECT, { kind: 'instant', query: 'one two' }, START, 50)
    const b = historyPageQuery(SELECT, { kind: 'scheduled', query: 'three' }, { start: 5, id: 'x' }, 10)
    expect(a.sql).toBe(b.sql)
    const none = historyPageQuery(SELECT, {}, START, 50)
    const blank = historyPageQuery(SELECT, { query: ' "" ' }, START, 50)
    expect(blank.sql).toBe(none.sql)
    expect(none.sql).not.toContain('session_search')
    expect(historyPageQuery(SELECT, { clientId: 'c' }, START, 50).sql).toContain('sessions.client_id = ?')
  })

  it('continues after the cursor by (booked start, id), so rows that share a start are neither skipped nor repeated', () => {
    const query = historyPageQuery(SELECT, { outcome: 'charged' }, { start: 7, id: 'ses_b' }, 2)
    expect(query.sql).toContain('(booked_start, sessions.id) < (?, ?)')
    expect(query.params.slice(0, 2)).toEqual([7, 'ses_b'])
  })
})
