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
})
