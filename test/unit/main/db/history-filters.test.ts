// History's filters and search on a real cache: what each finds, how they combine, paging under a
// filter, the words a user may type, the clients offered, and that each path reads an index.
import { describe, expect, it } from 'vitest'
import { historyPageQuery } from '../../../../src/main/db/repositories/history-query'
import type { HistoryFilter } from '../../../../src/shared/rules/history-filter'
import type { Session } from '../../../../src/shared/protocol'
import {
  aClient,
  aRequest,
  aSession,
  aSnapshot,
  endedSession,
  FIXTURE_NOW,
  liveSession,
  MINUTE,
  sessionUpdated,
} from '../../../support/fixtures'
import { allHistoryPages, useFreshStores } from './cache-test-kit'

const fresh = useFreshStores()

/** A past session: `n` minutes before FIXTURE_NOW unless `start` says, of client `client`. */
function past(
  id: string,
  options: {
    start?: number
    title?: string
    client?: number
    kind?: 'instant' | 'scheduled'
    end?: 'charged' | 'free' | 'discounted' | 'cancelled'
    note?: string
  } = {},
): Session {
  const start = options.start ?? FIXTURE_NOW - 60 * MINUTE
  const kind = options.kind ?? 'instant'
  const request = aRequest({
    id: `req_${id}`,
    title: options.title ?? `Session ${id}`,
    client: aClient(options.client ?? 0),
    kind,
    proposedTimes: kind === 'scheduled' ? [start] : [],
  })
  const booked = aSession({ id, request, bookedStart: start, privateNote: options.note ?? '' })
  const end = options.end ?? 'charged'
  if (end === 'cancelled')
    return {
      ...booked,
      state: 'cancelled',
      cancellation: { reason: 'both_absent', feeAssessedTo: null, cancelledAt: start },
    }
  const ended = endedSession(liveSession(booked, start), start + 30 * MINUTE)
  return {
    ...ended,
    outcome: end === 'discounted' ? { kind: 'discounted', percent: 50 } : { kind: end },
  }
}

const ids = (sessions: ReadonlyArray<Session>): string[] => sessions.map((s) => s.id)

function seeded(sessions: ReadonlyArray<Session>) {
  const opened = fresh()
  opened.store.applyEvents(sessions.map((s, i) => sessionUpdated(i + 1, s)))
  return opened
}

/** Every page of `filter`, `size` at a time, in order. */

describe('History filters and search in the cache', () => {
  const at = (minutes: number) => FIXTURE_NOW - minutes * MINUTE

  it('finds a session by a word of its private note, its title or its client, from the word’s start, ignoring case and accents', () => {
    const { store } = seeded([
      past('a', {
        start: at(10),
        title: 'Webpack build hangs',
        note: 'Client uses Café VPN; retry on Friday',
      }),
      past('b', { start: at(20), title: 'Postgres deadlock', client: 1 }),
      past('c', { start: at(30), title: 'Docker volumes' }),
    ])
    expect(ids(store.sessionHistory(10, undefined, { query: 'vpn' }))).toEqual(['a'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'cafe' }))).toEqual(['a'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'dead' }))).toEqual(['b'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'PRIYA' }))).toEqual(['b'])
    // Every word must be found, each anywhere in the searched text.
    expect(ids(store.sessionHistory(10, undefined, { query: 'sam docker' }))).toEqual(['c'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'sam postgres' }))).toEqual([])
  })

  it('finds a note set later, and forgets the words of a note cleared or a session pruned', () => {
    const first = past('a', { start: at(10) })
    const { store } = seeded([first, past('b', { start: at(20) })])
    expect(ids(store.sessionHistory(10, undefined, { query: 'invoice' }))).toEqual([])
    store.applyEvents([sessionUpdated(3, { ...first, privateNote: 'Send the invoice by hand' })])
    expect(ids(store.sessionHistory(10, undefined, { query: 'invoice' }))).toEqual(['a'])
    store.applyEvents([sessionUpdated(4, { ...first, privateNote: '' })])
    expect(ids(store.sessionHistory(10, undefined, { query: 'invoice' }))).toEqual([])

    store.applyEvents([sessionUpdated(5, { ...first, privateNote: 'invoice again' })])
    store.applySnapshot(aSnapshot({ sessions: [past('b', { start: at(20), note: 'no bill' })], cursor: 9 }))
    expect(ids(store.sessionHistory(10, undefined, { query: 'invoice' }))).toEqual([])
    expect(ids(store.sessionHistory(10, undefined, { query: 'bill' }))).toEqual(['b'])
  })

  it('narrows by kind, outcome and client, each alone and all together', () => {
    const { store } = seeded([
      past('i-charged-0', { start: at(10) }),
      past('s-free-1', { start: at(20), kind: 'scheduled', end: 'free', client: 1 }),
      past('i-cancel-1', { start: at(30), end: 'cancelled', client: 1 }),
      past('s-disc-0', { start: at(40), kind: 'scheduled', end: 'discounted' }),
      past('s-charged-1', { start: at(50), kind: 'scheduled', client: 1, title: 'Kafka lag' }),
    ])
    expect(ids(store.sessionHistory(10, undefined, { kind: 'scheduled' }))).toEqual([
      's-free-1',
      's-disc-0',
      's-charged-1',
    ])
    expect(ids(store.sessionHistory(10, undefined, { outcome: 'cancelled' }))).toEqual(['i-cancel-1'])
    expect(ids(store.sessionHistory(10, undefined, { outcome: 'discounted' }))).toEqual(['s-disc-0'])
    expect(ids(store.sessionHistory(10, undefined, { clientId: 'cli_1' }))).toEqual([
      's-free-1',
      'i-cancel-1',
      's-charged-1',
    ])
    expect(
      ids(store.sessionHistory(10, undefined, { kind: 'scheduled', outcome: 'charged', clientId: 'cli_1' })),
    ).toEqual(['s-charged-1'])
    expect(
      ids(store.sessionHistory(10, undefined, { kind: 'scheduled', clientId: 'cli_1', query: 'kafka' })),
    ).toEqual(['s-charged-1'])
    expect(ids(store.sessionHistory(10, undefined, { kind: 'instant', outcome: 'free' }))).toEqual([])
  })

  it('pages a filtered search through sessions that share a start time, without skipping or repeating', () => {
    const same = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) =>
      past(`same-${id}`, { start: at(60), note: 'ticket' }),
    )
    const { store } = seeded([
      ...same,
      past('other', { start: at(60), note: 'unrelated' }),
      past('older', { start: at(120), note: 'ticket' }),
    ])
    expect(allHistoryPages(store, 2, { query: 'ticket' })).toEqual([
      'same-g',
      'same-f',
      'same-e',
      'same-d',
      'same-c',
      'same-b',
      'same-a',
      'older',
    ])
    expect(allHistoryPages(store, 3, { query: 'ticket', kind: 'instant' })).toEqual(
      allHistoryPages(store, 50, { query: 'ticket' }),
    )
  })

  it('takes whatever a user types as words: quotes, operators, stars, column names and brackets find text or nothing, never fail', () => {
    const { store, log } = seeded([
      past('a', { start: at(10), title: 'C++ "templates" (NEAR) body:fix', note: 'AND OR NOT' }),
      past('b', { start: at(20), title: '100% of_cases \\ fail' }),
    ])
    for (const query of [
      '"',
      '""',
      '*',
      'NEAR(',
      'body:',
      '-',
      '^',
      'AND',
      '(',
      ')',
      '{x}',
      '\\',
      "'",
      '%',
      '_',
    ])
      expect(() => store.sessionHistory(10, undefined, { query })).not.toThrow()
    expect(ids(store.sessionHistory(10, undefined, { query: '"templates' }))).toEqual(['a'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'near(' }))).toEqual(['a'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'body:fix' }))).toEqual(['a'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'NOT' }))).toEqual(['a'])
    expect(ids(store.sessionHistory(10, undefined, { query: '100%' }))).toEqual(['b'])
    expect(ids(store.sessionHistory(10, undefined, { query: 'of_cases' }))).toEqual(['b'])
    // Only punctuation: looked for as typed, rather than shown as if every row matched.
    expect(ids(store.sessionHistory(10, undefined, { query: '%_*' }))).toEqual([])
    expect(ids(store.sessionHistory(10, undefined, { query: '%' }))).toEqual(['b'])
    expect(ids(store.sessionHistory(10, undefined, { query: '"' }))).toEqual(['a'])
    expect(ids(store.sessionHistory(10, undefined, { query: '++' }))).toEqual(['a'])
    expect(log.lines).toEqual([])
  })

  it('finds emoji and other symbols the word index drops as typed, never every row', () => {
    const { store } = seeded([
      past('fire', { start: at(10), title: '🔥 Login broken', note: 'Thumbs 👍🏽 from the client' }),
      past('heart', { start: at(20), title: 'Thanks ❤️', client: 1 }),
      past('plain', { start: at(30), title: 'Login slow', note: 'costs €5?' }),
      past('family', { start: at(40), title: 'Kids 👨‍👩‍👧 account', end: 'cancelled' }),
    ])
    const found = (query: string) => ids(store.sessionHistory(10, undefined, { query }))
    expect(found('🔥')).toEqual(['fire'])
    expect(found('🎉')).toEqual([])
    expect(found('🔥 login')).toEqual(['fire'])
    expect(found('login')).toEqual(['fire', 'plain'])
    // A thumb with any skin tone is a thumb; one with a skin tone is only that one.
    expect(found('👍')).toEqual(['fire'])
    expect(found('👍🏿')).toEqual([])
    // The heart typed with or without its emoji selector.
    expect(found('❤')).toEqual(['heart'])
    expect(found('❤️ priya')).toEqual(['heart'])
    expect(found('👨‍👩‍👧')).toEqual(['family'])
    expect(found('€')).toEqual(['plain'])
    expect(found('?')).toEqual(['plain'])
    expect(found('🔥 ?')).toEqual([])
    // A symbol run longer than is looked for: its start, never nothing (which every row holds).
    expect(found('\u0600'.repeat(40) + '🔥')).toEqual([])
    expect(found('🔥'.repeat(40))).toEqual([])
    // Only invisible characters: nothing typed, so nothing narrowed.
    expect(found('\u200b\u200d')).toEqual(['fire', 'heart', 'plain', 'family'])
  })

  it('finds full-width, ligatured, sharp-s, dotted and decomposed spellings by their plain one, and back', () => {
    const { store } = seeded([
      past('wide', { start: at(10), title: 'ＡＢＣ invoice' }),
      past('lig', { start: at(20), title: 'ﬁle upload ﬂaky' }),
      past('sharp', { start: at(30), title: 'Straße lookup', note: 'GROẞ' }),
      past('turkish', { start: at(40), title: 'İstanbul office' }),
      past('accent', { start: at(50), title: 'Cafe\u0301 menu', note: 'résumé' }),
      past('greek', { start: at(60), title: 'ΟΔΟΣ Σίσυφος' }),
      past('joined', { start: at(70), note: 'pass\u200dword reset' }),
      past('plain', { start: at(80), title: 'File server abc' }),
    ])
    const found = (query: string) => ids(store.sessionHistory(10, undefined, { query }))
    expect(found('abc')).toEqual(['wide', 'plain'])
    expect(found('ＡＢＣ')).toEqual(['wide', 'plain'])
    expect(found('file')).toEqual(['lig', 'plain'])
    expect(found('ﬁ')).toEqual(['lig', 'plain'])
    expect(found('flaky')).toEqual(['lig'])
    expect(found('strasse')).toEqual(['sharp'])
    expect(found('STRAẞE')).toEqual(['sharp'])
    expect(found('gross')).toEqual(['sharp'])
    expect(found('groß')).toEqual(['sharp'])
    expect(found('istanbul')).toEqual(['turkish'])
    expect(found('İSTANBUL')).toEqual(['turkish'])
    expect(found('café')).toEqual(['accent'])
    expect(found('cafe')).toEqual(['accent'])
    expect(found('re\u0301sume\u0301')).toEqual(['accent'])
    expect(found('οδος')).toEqual(['greek'])
    expect(found('σισ')).toEqual(['greek'])
    expect(found('ΣΊΣΥΦΟΣ')).toEqual(['greek'])
    expect(found('password')).toEqual(['joined'])
    expect(found('pass\u200cword')).toEqual(['joined'])
  })

  it('finds a word of Japanese, Chinese or Thai anywhere in its run of text, not only at its start', () => {
    const { store } = seeded([
      past('ja', { start: at(10), title: '東京のサーバーが落ちた' }),
      past('zh', { start: at(20), title: '数据库连接超时' }),
      past('th', { start: at(30), title: 'ช่วยด้วยครับ เซิร์ฟเวอร์ล่ม' }),
    ])
    const found = (query: string) => ids(store.sessionHistory(10, undefined, { query }))
    expect(found('サーバー')).toEqual(['ja'])
    expect(found('東京')).toEqual(['ja'])
    expect(found('ｻｰﾊﾞｰ')).toEqual(['ja'])
    expect(found('连接')).toEqual(['zh'])
    expect(found('ด้วย')).toEqual(['th'])
    expect(found('ล่ม')).toEqual(['th'])
    expect(found('大阪')).toEqual([])
  })

  it('finds a session by its closing note, and by its client whatever the case or width', () => {
    const closed = { ...past('closed', { start: at(10), client: 2 }), closingNote: 'Fixed the ＤＮＳ record' }
    const { store } = seeded([closed, past('other', { start: at(20), client: 1 })])
    const found = (query: string) => ids(store.sessionHistory(10, undefined, { query }))
    expect(found('dns')).toEqual(['closed'])
    expect(found('JONAS lind')).toEqual(['closed'])
    expect(found('ｐｒｉｙａ')).toEqual(['other'])
  })

  it('offers the clients of past sessions by name, each once', () => {
    const { store } = seeded([
      past('a', { start: at(10), client: 3 }),
      past('b', { start: at(20), client: 1 }),
      past('c', { start: at(30), client: 3 }),
      aSession({ id: 'upcoming', request: aRequest({ id: 'req_up', client: aClient(2) }) }),
    ])
    expect(store.historyClients(10)).toEqual([
      { id: 'cli_3', name: 'Mei Chen' },
      { id: 'cli_1', name: 'Priya Natarajan' },
    ])
  })

  it('reads each filter and the search from an index, never by scanning the sessions', () => {
    const { db } = fresh()
    const cursor = { start: Number.MAX_SAFE_INTEGER, id: '' }
    const plan = (filter: HistoryFilter): string => {
      const { sql, params } = historyPageQuery('SELECT sessions.id FROM sessions', filter, cursor, 50)
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join('\n')
    }
    expect(plan({ kind: 'instant' })).toMatch(/SEARCH sessions USING INDEX sessions_history_kind/)
    expect(plan({ outcome: 'free' })).toMatch(/SEARCH sessions USING INDEX sessions_history_outcome/)
    expect(plan({ clientId: 'cli_1' })).toMatch(/SEARCH sessions USING INDEX sessions_history_client/)
    const search = plan({ query: 'vpn' })
    expect(search).toMatch(/SEARCH sessions USING INDEX sessions_history\b/)
    expect(search).toMatch(/VIRTUAL TABLE INDEX \d+:M/)
    for (const filter of [
      { kind: 'scheduled', query: 'vpn' },
      { clientId: 'c', outcome: 'free' },
    ] as const) {
      expect(plan(filter)).toMatch(/USING INDEX sessions_history_/)
    }
    for (const filter of [{ kind: 'instant' }, { query: 'vpn' }, { clientId: 'c', query: 'x' }] as const) {
      expect(plan(filter)).not.toMatch(/SCAN sessions|TEMP B-TREE/)
    }
    // A symbol is looked for in one row's text at a time, as the walk reaches the row: never by
    // reading every row's text into a list first.
    expect(plan({ query: '🔥' })).not.toMatch(/LIST SUBQUERY/)
    for (const filter of [{ query: '🔥' }, { query: '🔥 vpn' }, { kind: 'instant', query: '?' }] as const) {
      const symbol = plan(filter)
      expect(symbol).toMatch(/USING INDEX sessions_history/)
      expect(symbol).toMatch(/SEARCH session_search_content EXISTS USING INTEGER PRIMARY KEY \(rowid=\?\)/)
      expect(symbol).not.toMatch(/SCAN sessions|TEMP B-TREE/)
    }
  })
})
