// The History page builder: FTS strings that cannot escape their quotes, symbols looked for as
// bound values, one statement per shape of filter, and every value bound rather than written into SQL.
import { describe, expect, it } from 'vitest'
import { ftsQuery, historyPageQuery } from '../../../../src/main/db/repositories/history-query'

const SELECT = 'SELECT sessions.id FROM sessions'
const START = { start: Number.MAX_SAFE_INTEGER, id: '' }

describe('the History query builder', () => {
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

  it('binds each symbol of a search after the words, and looks for them last, in the row at hand', () => {
    const query = historyPageQuery(SELECT, { query: '🔥 login "👍🏽' }, START, 25)
    expect(query.params).toEqual([START.start, START.id, '"login"*', '🔥', '👍🏽', 25])
    expect(query.sql).not.toMatch(/🔥|👍/u)
    expect(query.sql.match(/\?/g)).toHaveLength(query.params.length)
    expect(query.sql).toMatch(
      /EXISTS \(SELECT 1 FROM session_search_content WHERE id = sessions\.rowid AND instr\(c0, \?\) > 0 AND instr\(c0, \?\) > 0\)\s+ORDER BY/,
    )
    const alone = historyPageQuery(SELECT, { query: '?' }, START, 25)
    expect(alone.params).toEqual([START.start, START.id, '?', 25])
    expect(alone.sql).not.toContain('MATCH')
  })

  it('builds one statement per shape of filter, whatever the values', () => {
    const a = historyPageQuery(SELECT, { kind: 'instant', query: 'one two' }, START, 50)
    const b = historyPageQuery(SELECT, { kind: 'scheduled', query: 'three' }, { start: 5, id: 'x' }, 10)
    expect(a.sql).toBe(b.sql)
    const none = historyPageQuery(SELECT, {}, START, 50)
    const blank = historyPageQuery(SELECT, { query: ' \u200b\u200d ' }, START, 50)
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
