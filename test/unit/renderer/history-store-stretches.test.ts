// The history store under a search the host answers a stretch of History at a time: it asks on
// from where each answer says, past empty stretches, and pages on from there, never from its last row.
import { describe, expect, it } from 'vitest'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import type { HistoryPage } from '../../../src/shared/ipc/contract'
import type { HistoryCursor } from '../../../src/shared/rules/history-order'
import type { Session } from '../../../src/shared/protocol/entities'
import { createHistoryStore } from '../../../src/renderer/store/history-store'
import { aRequest, aSession, FIXTURE_NOW, MINUTE } from '../../support/fixtures'

const row = (n: number): Session =>
  aSession({
    id: `ses_${n}`,
    request: aRequest({ id: `req_${n}` }),
    bookedStart: FIXTURE_NOW - n * MINUTE,
    state: 'ended',
  })
const at = (n: number): HistoryCursor => ({ start: FIXTURE_NOW - n * MINUTE, id: `ses_${n}` })

/** An API answering each `after` (by its id, or 'first') with the page the test set for it. */
function stretchedApi(pages: Record<string, HistoryPage>) {
  const asked: string[] = []
  const api = {
    sessions: {
      history: ({ after }: { after?: HistoryCursor }) => {
        const key = after?.id ?? 'first'
        asked.push(key)
        const page = pages[key]
        return Promise.resolve(
          page ? { ok: true, value: page } : { ok: false, error: { message: `no page after ${key}` } },
        )
      },
    },
  } as unknown as Pick<StandbyApi, 'sessions'>
  return { api, asked }
}

describe('the history store over a search answered in stretches', () => {
  it('asks on past empty stretches to the first match, then pages on from where the host stopped', async () => {
    const { api, asked } = stretchedApi({
      first: { sessions: [], more: true, next: at(10) },
      ses_10: { sessions: [], more: true, next: at(20) },
      ses_20: { sessions: [row(25)], more: true, next: at(30) },
      ses_30: { sessions: [], more: true, next: at(40) },
      ses_40: { sessions: [row(45), row(46)], more: false },
    })
    const store = createHistoryStore(api, 50)
    await store.searchNow()
    store.type('🎉')
    await store.searchNow()
    expect(store.getSnapshot().rows.map((s) => s.id)).toEqual(['ses_25'])
    expect(store.getSnapshot().hasMore).toBe(true)
    await store.loadMore()
    const state = store.getSnapshot()
    expect(state.rows.map((s) => s.id)).toEqual(['ses_25', 'ses_45', 'ses_46'])
    expect(state.hasMore).toBe(false)
    expect(state.error).toBeNull()
    // Never from the last row shown (ses_25), which would read a stretch twice.
    expect(asked.slice(-5)).toEqual(['first', 'ses_10', 'ses_20', 'ses_30', 'ses_40'])
  })

  it('after a cache change re-reads the first match, pages on from below the rows it kept', async () => {
    const { api, asked } = stretchedApi({
      first: { sessions: [], more: true, next: at(10) },
      ses_10: { sessions: [], more: true, next: at(20) },
      ses_20: { sessions: [row(25)], more: true, next: at(30) },
      ses_30: { sessions: [row(35)], more: true, next: at(40) },
      ses_40: { sessions: [row(45)], more: false },
    })
    const store = createHistoryStore(api, 50)
    store.type('🎉')
    await store.searchNow()
    await store.refresh()
    await store.loadMore()
    await store.refresh()
    await store.loadMore()
    expect(store.getSnapshot().rows.map((s) => s.id)).toEqual(['ses_25', 'ses_35', 'ses_45'])
    expect(store.getSnapshot().hasMore).toBe(false)
    // Each refresh walks to the first match; each page after goes on below the last one read.
    expect(asked.slice(3)).toEqual([
      'first',
      'ses_10',
      'ses_20',
      'ses_30',
      'first',
      'ses_10',
      'ses_20',
      'ses_40',
    ])
  })
})

describe('a search walking stretches, overtaken', () => {
  /** An API whose answer to `after` (by id, or 'first') runs `meanwhile` first, as a change made while it was on its way. */
  function overtakenApi(pages: Record<string, HistoryPage>, meanwhile: Record<string, () => void>) {
    const asked: string[] = []
    const api = {
      sessions: {
        history: ({ after, filter }: { after?: HistoryCursor; filter?: { query?: string } }) => {
          const key = `${filter?.query ?? ''}:${after?.id ?? 'first'}`
          asked.push(key)
          meanwhile[key]?.()
          const page = pages[key]
          return Promise.resolve(
            page ? { ok: true, value: page } : { ok: false, error: { message: `no page ${key}` } },
          )
        },
      },
    } as unknown as Pick<StandbyApi, 'sessions'>
    return { api, asked }
  }

  it('stops walking when the expert signs out or the search changes, and lists only what the new one finds', async () => {
    const hooks: Record<string, () => void> = {}
    const { api, asked } = overtakenApi(
      {
        ':first': { sessions: [row(1)], more: false },
        '🎉:first': { sessions: [], more: true, next: at(10) },
        '🎉:ses_10': { sessions: [], more: true, next: at(20) },
        '🎉:ses_20': { sessions: [row(25)], more: false },
        '🐙:first': { sessions: [row(3)], more: false },
      },
      hooks,
    )
    const store = createHistoryStore(api, 50)
    store.type('🎉')
    hooks['🎉:ses_10'] = () => void store.forget(true)
    await store.searchNow()
    await store.refresh()
    expect(store.getSnapshot().rows.map((s) => s.id)).toEqual(['ses_1'])
    expect(asked).toEqual(['🎉:first', '🎉:ses_10', ':first', ':first'])

    asked.length = 0
    store.type('🎉')
    hooks['🎉:ses_10'] = () => {
      store.type('🐙')
      void store.searchNow()
    }
    await store.searchNow()
    await store.refresh()
    expect(store.getSnapshot().rows.map((s) => s.id)).toEqual(['ses_3'])
    expect(store.getSnapshot().filter.query).toBe('🐙')
    expect(asked).not.toContain('🎉:ses_20')
  })
})
