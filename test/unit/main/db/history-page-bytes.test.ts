// History read from the cache through the host: pages end at their row count or their byte budget.
import { describe, expect, it } from 'vitest'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../src/main/core/app-api'
import type { StandbyCore } from '../../../../src/main/core/standby-core'
import { invokeContract, type HistoryPage } from '../../../../src/shared/ipc/contract'
import { HISTORY_PAGE_BYTES, HISTORY_PAGE_ROWS } from '../../../../src/shared/ipc/list-limits'
import { historyCursorOf } from '../../../../src/shared/rules/history-order'
import type { HistoryFilter } from '../../../../src/shared/rules/history-filter'
import { longHistory, longPast } from '../../../support/long-history'
import { useFreshStores, type TestStore } from './cache-test-kit'

const fresh = useFreshStores()

/** A store holding `count` past sessions with descriptions of `length` characters. */
function historyOf(count: number, length?: number): TestStore {
  const cache = fresh()
  cache.store.applyEvents(longHistory(count, length))
  return cache
}

/** Every page the window would read, as the contract lets each answer through, and the bytes of each. */
function pagesRead({ store }: TestStore, filter?: HistoryFilter) {
  const core = { cache: store }
  const api = createAppApi(core as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)
  const pages: Array<{ page: HistoryPage; bytes: number }> = []
  let after: HistoryPage['sessions'][number] | undefined
  for (;;) {
    const answer = api['sessions.history']({
      limit: HISTORY_PAGE_ROWS,
      ...(after !== undefined && { after: historyCursorOf(after) }),
      ...(filter !== undefined && { filter }),
    })
    const page = invokeContract['sessions.history'].response.parse(answer)
    pages.push({ page, bytes: Buffer.byteLength(JSON.stringify(answer)) })
    after = page.sessions.at(-1)
    if (!page.more || after === undefined) return pages
  }
}

const ids = (pages: ReturnType<typeof pagesRead>) =>
  pages.flatMap(({ page }) => page.sessions.map((s) => s.id))
const allIds = (count: number) => Array.from({ length: count }, (_, n) => longPast(n).id)

describe('History pages of long rows', () => {
  it('come in pages under the byte budget that say more follow, and together hold every row once', () => {
    const pages = pagesRead(historyOf(HISTORY_PAGE_ROWS))
    expect(pages.length).toBeGreaterThan(1)
    // The answer holds a little more than the stored rows (its own envelope): well within a row.
    for (const { bytes } of pages) expect(bytes).toBeLessThanOrEqual(HISTORY_PAGE_BYTES + 1_000)
    expect(pages.slice(0, -1).every(({ page }) => page.more)).toBe(true)
    expect(pages.at(-1)?.page.more).toBe(false)
    expect(ids(pages)).toEqual(allIds(HISTORY_PAGE_ROWS))
  })

  it('are bounded the same under a filter and a search', () => {
    const pages = pagesRead(historyOf(HISTORY_PAGE_ROWS), { outcome: 'charged', query: 'keystroke' })
    expect(pages.length).toBeGreaterThan(1)
    for (const { bytes } of pages) expect(bytes).toBeLessThanOrEqual(HISTORY_PAGE_BYTES + 1_000)
    expect(ids(pages)).toEqual(allIds(HISTORY_PAGE_ROWS))
  })
})

describe('History pages of short rows', () => {
  it('say no more follow when exactly a page of rows is held', () => {
    const pages = pagesRead(historyOf(HISTORY_PAGE_ROWS, 10))
    expect(pages.map(({ page }) => [page.sessions.length, page.more])).toEqual([[HISTORY_PAGE_ROWS, false]])
  })

  it('say more follow when one more is held, and the next page holds it', () => {
    const pages = pagesRead(historyOf(HISTORY_PAGE_ROWS + 1, 10))
    expect(pages.map(({ page }) => [page.sessions.length, page.more])).toEqual([
      [HISTORY_PAGE_ROWS, true],
      [1, false],
    ])
  })

  it('still say more follow when a row of the page fails to read', () => {
    const cache = historyOf(HISTORY_PAGE_ROWS + 1, 10)
    cache.db.prepare(`UPDATE sessions SET json = '{"id": "bad", oops' WHERE id = ?`).run(longPast(7).id)
    const [first] = pagesRead(cache)
    expect(first?.page.sessions).toHaveLength(HISTORY_PAGE_ROWS - 1)
    expect(first?.page.more).toBe(true)
  })
})

describe('History pages whose rows fail to read', () => {
  const damage = (cache: TestStore, from: number, to: number) => {
    const bad = cache.db.prepare(`UPDATE sessions SET json = '{"id": "bad", oops' WHERE id = ?`)
    for (let n = from; n < to; n++) bad.run(longPast(n).id)
  }

  it('go on past a whole page of damaged rows to the readable ones, each reported', () => {
    const cache = historyOf(HISTORY_PAGE_ROWS + 5, 10)
    damage(cache, 0, HISTORY_PAGE_ROWS + 2)
    const pages = pagesRead(cache)
    expect(ids(pages)).toEqual(allIds(HISTORY_PAGE_ROWS + 5).slice(HISTORY_PAGE_ROWS + 2))
    expect(pages.every(({ page }) => page.sessions.length > 0 || !page.more)).toBe(true)
    expect(cache.log.lines.filter((line) => line.includes('Skipped the cached session'))).toHaveLength(
      HISTORY_PAGE_ROWS + 2,
    )
  })

  it('go on past a long damaged row that fills a page by itself', () => {
    const cache = historyOf(3, 2_000)
    damage(cache, 0, 1)
    cache.db
      .prepare(`UPDATE sessions SET json = ? WHERE id = ?`)
      .run(`{"id": "${'x'.repeat(3_000)}`, longPast(0).id)
    const first = cache.store.historyPage(HISTORY_PAGE_ROWS, 100)
    expect(first.sessions.map((s) => s.id)).toEqual([longPast(1).id])
    expect(first.more).toBe(true)
  })

  it('are read the same by the cache’s other History read, filtered or not', () => {
    const cache = historyOf(HISTORY_PAGE_ROWS + 5, 10)
    damage(cache, 0, HISTORY_PAGE_ROWS + 2)
    const rest = allIds(HISTORY_PAGE_ROWS + 5).slice(HISTORY_PAGE_ROWS + 2)
    expect(cache.store.sessionHistory(HISTORY_PAGE_ROWS).map((s) => s.id)).toEqual(rest)
    const filtered = cache.store.sessionHistory(HISTORY_PAGE_ROWS, undefined, { outcome: 'charged' })
    expect(filtered.map((s) => s.id)).toEqual(rest)
  })

  it('say none follow when only damaged rows are left', () => {
    const cache = historyOf(HISTORY_PAGE_ROWS + 3, 10)
    damage(cache, 1, HISTORY_PAGE_ROWS + 3)
    const pages = pagesRead(cache)
    expect(ids(pages)).toEqual([longPast(0).id])
    expect(pages.at(-1)?.page.more).toBe(false)
  })
})

describe('A row larger than the budget', () => {
  it('is still carried whole, one a page, and paging goes on past it', () => {
    const { store } = historyOf(3, 2_000)
    const first = store.historyPage(HISTORY_PAGE_ROWS, 100)
    expect(first.sessions.map((s) => s.id)).toEqual([longPast(0).id])
    expect(first.sessions[0]?.request.description).toBe(longPast(0, 2_000).request.description)
    expect(first.more).toBe(true)
    const second = store.historyPage(HISTORY_PAGE_ROWS, 100, historyCursorOf(first.sessions[0]!))
    expect(second.sessions.map((s) => s.id)).toEqual([longPast(1).id])
  })
})
