// A History search for a symbol, walked stretch by stretch as the window walks it (each answer's
// `next` sent back as `after`, both through the contract), over what a cache can hold at a
// stretch's edge: a row an edited file damaged, sessions sharing a start, a session added mid-walk.
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
import { invokeContract } from '../../../../src/shared/ipc/contract'
import { HISTORY_PAGE_ROWS, HISTORY_SEARCH_ROWS } from '../../../../src/shared/ipc/list-limits'

const fresh = useFreshStores()
const COUNT = HISTORY_SEARCH_ROWS * 2 + 10

/**
 * COUNT past sessions, `ses_0` the oldest, each `gap` after the one before (a gap of zero: all at
 * one start), filled by SQL from one written as the repository writes it; every tenth has a 🎉.
 */
function history(gap: number): TestStore {
  const opened = fresh()
  const start = FIXTURE_NOW - COUNT * MINUTE
  const first = endedSession(
    liveSession(aSession({ id: 'ses_00000', request: aRequest(), privateNote: '🎉' }), start),
    start + 1,
  )
  opened.store.applyEvents([sessionUpdated(1, { ...first, bookedStart: start })])
  opened.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${COUNT - 1})
    INSERT INTO sessions (id, request_id, state, booked_start, json, kind, outcome, client_id)
      SELECT printf('ses_%05d', i), request_id, state, booked_start + i * ${gap},
          json_set(json, '$.id', printf('ses_%05d', i), '$.bookedStart', booked_start + i * ${gap},
            '$.privateNote', CASE WHEN i % 10 = 0 THEN '🎉 ' || i ELSE 'plain ' || i END),
          kind, outcome, client_id
        FROM n, sessions WHERE sessions.id = 'ses_00000';
    INSERT INTO session_search (rowid, body)
      SELECT rowid, json_extract(json, '$.privateNote') FROM sessions WHERE id != 'ses_00000';
  `)
  return opened
}

/** The ids the window lists for `query`, asking on as it does, every request and answer through the contract. */
function walk({ store }: TestStore, query: string, between?: (answers: number) => void): string[] {
  const contract = invokeContract['sessions.history']
  const api = createAppApi({ cache: store } as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)
  const ids: string[] = []
  for (let after: HistoryCursor | undefined, answers = 1; ; answers++) {
    const request = contract.request.parse({
      limit: HISTORY_PAGE_ROWS,
      ...(after && { after }),
      filter: { query },
    })
    const page = contract.response.parse(api['sessions.history'](request))
    ids.push(...page.sessions.map((s) => s.id))
    const last = page.sessions.at(-1)
    after = page.next ?? (last && historyCursorOf(last))
    if (!page.more || after === undefined) return ids
    between?.(answers)
  }
}

/** The ids of every tenth session, newest first, as the search should list them. */
const everyTenth = (except: string[] = []): string[] =>
  Array.from({ length: COUNT }, (_, n) => COUNT - 1 - n)
    .filter((n) => n % 10 === 0)
    .map((n) => `ses_${String(n).padStart(5, '0')}`)
    .filter((id) => !except.includes(id))

/** The id of the session at a stretch's last place from the newest (the one `next` would name). */
const atEdge = (stretch: number): string =>
  `ses_${String(COUNT - stretch * HISTORY_SEARCH_ROWS).padStart(5, '0')}`

describe('a History search for a symbol, walked a stretch at a time', () => {
  it('lists every match once, in order, across stretches, with sessions a minute apart or all at one start', () => {
    expect(walk(history(MINUTE), '🎉')).toEqual(everyTenth())
    expect(walk(history(0), '🎉')).toEqual(everyTenth())
  })

  it('goes on past a row at a stretch edge whose time or id an edited file damaged', () => {
    // A time out of range is read where it sorts; an id not its session's leaves the row unread.
    const damages: Array<[string, string[]]> = [
      ['booked_start = booked_start + 0.5', []],
      ['booked_start = 0', []],
      ["id = 'ses ' || id", [atEdge(1), atEdge(2)]],
      [`id = id || '${'x'.repeat(64)}'`, [atEdge(1), atEdge(2)]],
    ]
    for (const [damage, unread] of damages) {
      const cache = history(MINUTE)
      // Both edges hold a match.
      cache.db.prepare(`UPDATE sessions SET ${damage} WHERE id IN (?, ?)`).run(atEdge(1), atEdge(2))
      // A time out of range moves its row in the order, so the rows are compared as a set; none twice.
      const ids = walk(cache, '🎉')
      expect([damage, ...[...ids].sort()]).toEqual([damage, ...everyTenth(unread).sort()])
    }
  })

  it('lists each match once when sessions come in at the top while the window walks', () => {
    const cache = history(MINUTE)
    const newer = (n: number) =>
      endedSession(
        liveSession(
          aSession({ id: `ses_new_${n}`, request: aRequest(), privateNote: 'plain' }),
          FIXTURE_NOW + n * MINUTE,
        ),
        FIXTURE_NOW + n * MINUTE + 1,
      )
    const ids = walk(cache, '🎉', (answers) =>
      cache.store.applyEvents([sessionUpdated(1 + answers, newer(answers))]),
    )
    expect(ids).toEqual(everyTenth())
  })
})
