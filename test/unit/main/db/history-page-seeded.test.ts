// Seeded Histories paged as the window pages them: every readable row comes once, in order, whatever
// the page's row count and byte budget, with starts shared across page edges and damaged rows anywhere.
import { expect, it } from 'vitest'
import type { HistoryFilter } from '../../../../src/shared/rules/history-filter'
import { historyCursorOf, type HistoryCursor } from '../../../../src/shared/rules/history-order'
import { aRequest, aSession, endedSession, FIXTURE_NOW, sessionUpdated } from '../../../support/fixtures'
import { useFreshStores } from './cache-test-kit'

const fresh = useFreshStores()
const HOUR = 3_600_000

it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: every readable row comes once, in order', (seed) => {
  let state = seed * 7919
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return (state >>> 8) % n
  }
  const cache = fresh()
  const sessions = Array.from({ length: 60 + next(60) }, (_, n) => {
    // Few distinct starts, so many rows share one at a page's edge.
    const start = FIXTURE_NOW - (1 + next(10)) * HOUR
    const request = aRequest({ id: `req_${n}`, description: 'x'.repeat(1 + next(3_000)) })
    const id = `ses_${String(next(1_000)).padStart(4, '0')}_${n}`
    return endedSession(aSession({ id, request, bookedStart: start }), start + HOUR / 2)
  })
  cache.store.applyEvents(sessions.map((session, n) => sessionUpdated(n + 1, session)))
  const damaged = new Set(sessions.filter(() => next(4) === 0).map((session) => session.id))
  const damage = cache.db.prepare(`UPDATE sessions SET json = '{"id": "bad", oops' WHERE id = ?`)
  for (const id of damaged) damage.run(id)
  const expected = sessions
    .filter((session) => !damaged.has(session.id))
    .sort((a, b) => b.bookedStart - a.bookedStart || (a.id < b.id ? 1 : -1))
    .map((session) => session.id)
  // Odd seeds page through a filter every row passes: the filtered statement, the same rows.
  const filter: HistoryFilter | undefined = seed % 2 === 1 ? { kind: sessions[0]!.kind } : undefined
  const [limit, bytes] = [1 + next(10), next(8_000)]
  const seen: string[] = []
  let after: HistoryCursor | undefined
  for (let asked = 0; asked <= expected.length; asked++) {
    const page = cache.store.historyPage(limit, bytes, after, filter)
    seen.push(...page.sessions.map((session) => session.id))
    const last = page.sessions.at(-1)
    if (!page.more || last === undefined) break
    after = historyCursorOf(last)
  }
  expect(seen).toEqual(expected)
})
