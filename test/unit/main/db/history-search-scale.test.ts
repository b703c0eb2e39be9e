// History's search on a cache of 50,000 past sessions: a symbol found in one old row, in none, or
// in every row, and a word, each answer whole and right. Behaviour only: the time is the bench's.
import { describe, expect, it } from 'vitest'
import {
  aRequest,
  aSession,
  endedSession,
  FIXTURE_NOW,
  liveSession,
  MINUTE,
  sessionUpdated,
} from '../../../support/fixtures'
import { historyCursorOf, type HistoryCursor } from '../../../../src/shared/rules/history-order'
import { type TestStore, useFreshStores } from './cache-test-kit'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../src/main/core/app-api'
import type { StandbyCore } from '../../../../src/main/core/standby-core'
import { invokeContract, type HistoryPage } from '../../../../src/shared/ipc/contract'
import { HISTORY_PAGE_ROWS, HISTORY_SEARCH_ROWS } from '../../../../src/shared/ipc/list-limits'

const SESSIONS = 50_000
const fresh = useFreshStores()

/**
 * A cache of SESSIONS past sessions of one request, one a minute, filled by SQL from one session
 * written as the repository writes it: the oldest alone has a party popper in its note.
 */
function fiftyThousand(): TestStore {
  const opened = fresh()
  const request = aRequest({ id: 'req_many', title: 'Webpack build hangs' })
  const start = FIXTURE_NOW - SESSIONS * MINUTE
  const first = endedSession(
    liveSession(aSession({ id: 'ses_0', request, privateNote: 'Ｎｏｔｅ 🎉 done?' }), start),
    start + MINUTE,
  )
  opened.store.applyEvents([sessionUpdated(1, { ...first, bookedStart: start })])
  opened.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SESSIONS - 1})
    INSERT INTO sessions (id, request_id, state, booked_start, json, kind, outcome, client_id)
      SELECT 'ses_' || i, request_id, state, booked_start + i * ${MINUTE},
          json_set(json, '$.id', 'ses_' || i, '$.bookedStart', booked_start + i * ${MINUTE}, '$.privateNote', 'Note ' || i || ' done?'),
          kind, outcome, client_id
        FROM n, sessions WHERE sessions.id = 'ses_0';
    INSERT INTO session_search (rowid, body)
      SELECT rowid, 'Webpack build hangs' || char(10) || 'Sam Okafor' || char(10) || json_extract(json, '$.privateNote') || char(10)
        FROM sessions WHERE id != 'ses_0';
  `)
  return opened
}

describe('History search on 50,000 cached sessions', () => {
  it('finds a symbol in one row at the far end, in none, or in every row, and a word, each page whole', () => {
    const { store, log } = fiftyThousand()
    const found = (query: string, limit = 50, after?: HistoryCursor) =>
      store.sessionHistory(limit, after, { query }).map((s) => s.id)
    // In one row, the oldest: the walk goes through all of History to find it, and finds it.
    expect(found('🎉')).toEqual(['ses_0'])
    expect(found('note 🎉')).toEqual(['ses_0'])
    expect(found('🎊')).toEqual([])
    expect(found('webpack 🎊')).toEqual([])
    // In every row: the first page, newest first, and the next from the cursor.
    expect(found('?')).toEqual(Array.from({ length: 50 }, (_, i) => `ses_${SESSIONS - 1 - i}`))
    expect(found('webpack ?', 3)).toEqual(['ses_49999', 'ses_49998', 'ses_49997'])
    expect(found('note', 2)).toEqual(['ses_49999', 'ses_49998'])
    const deep = store.session('ses_100')!
    expect(found('done ?', 3, historyCursorOf(deep))).toEqual(['ses_99', 'ses_98', 'ses_97'])
    expect(log.lines).toEqual([])
  })
})

describe('History search for a symbol over 50,000 cached sessions, through the host', () => {
  /** Every answer the window gets for `query`, asking on from where each says, as the contract lets it through. */
  function answers({ store }: TestStore, query: string): HistoryPage[] {
    const api = createAppApi({ cache: store } as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)
    const pages: HistoryPage[] = []
    for (let after: HistoryCursor | undefined; ;) {
      const answer = api['sessions.history']({
        limit: HISTORY_PAGE_ROWS,
        ...(after && { after }),
        filter: { query },
      })
      const page = invokeContract['sessions.history'].response.parse(answer)
      pages.push(page)
      const last = page.sessions.at(-1)
      after = page.next ?? (last && historyCursorOf(last))
      if (!page.more || after === undefined) return pages
    }
  }

  it('reads a bounded stretch per answer, saying where to ask on, and still finds the oldest row', () => {
    const cache = fiftyThousand()
    const nowhere = answers(cache, '🎊')
    // Each answer but the last stops a stretch further on, empty, and says where to go on from.
    expect(nowhere).toHaveLength(Math.floor(SESSIONS / HISTORY_SEARCH_ROWS) + 1)
    nowhere.slice(0, -1).forEach((page, n) => {
      expect(page.sessions).toEqual([])
      expect(page.more).toBe(true)
      expect(page.next?.id).toBe(`ses_${SESSIONS - (n + 1) * HISTORY_SEARCH_ROWS}`)
    })
    expect(nowhere.at(-1)).toEqual({ sessions: [], more: false })
    // Found at the far end, after as many stretches; a symbol in every row fills the first page.
    const far = answers(cache, '🎉')
    expect(far.flatMap((page) => page.sessions.map((s) => s.id))).toEqual(['ses_0'])
    expect(answers(cache, '?')[0]?.sessions).toHaveLength(HISTORY_PAGE_ROWS)
  })
})
