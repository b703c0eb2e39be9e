// The history store's filters: what it asks the cache, the pause before a search, and that an
// older answer never replaces a newer one.
import { describe, expect, it } from 'vitest'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import type { Session } from '../../../src/shared/protocol/entities'
import { HISTORY_QUERY_MAX, type HistoryFilter } from '../../../src/shared/rules/history-filter'
import {
  createHistoryStore,
  SEARCH_DEBOUNCE_MS,
  type DebounceTimer,
} from '../../../src/renderer/store/history-store'
import { aRequest, aSession, FIXTURE_NOW, MINUTE } from '../../support/fixtures'

type Request = { limit: number; filter?: HistoryFilter }

/** A manual timer: nothing runs until the test says time has passed. */
function manualTimer() {
  let pending: { run: () => void; ms: number } | undefined
  const timer: DebounceTimer = {
    set: (run, ms) => (pending = { run, ms }),
    cancel: () => (pending = undefined),
  }
  return {
    timer,
    pendingMs: () => pending?.ms,
    elapse() {
      const due = pending
      pending = undefined
      due?.run()
    },
  }
}

/** An API whose answers the test releases one by one, in any order. */
function heldApi() {
  const calls: Array<{ request: Request; answer: (rows: Session[], more?: boolean) => void }> = []
  const api = {
    sessions: {
      history: (request: Request) =>
        new Promise((resolve) => {
          // Unless told, a page as long as asked says more follow, as the host's do.
          const answer = (rows: Session[], more = rows.length === request.limit) =>
            resolve({ ok: true, value: { sessions: rows, more } })
          calls.push({ request, answer })
        }),
    },
  } as unknown as Pick<StandbyApi, 'sessions'>
  return { api, calls }
}

const row = (id: string): Session =>
  aSession({ id, request: aRequest({ id: `req_${id}` }), bookedStart: FIXTURE_NOW - MINUTE, state: 'ended' })
const ids = (rows: ReadonlyArray<Session>) => rows.map((r) => r.id)
/** Let the store's chained promises run (no time passes). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

describe('the history store’s filters', () => {
  it('searches once typing pauses, with the last text, and asks nothing while the text is unchanged', async () => {
    const { api, calls } = heldApi()
    const clock = manualTimer()
    const store = createHistoryStore(api, 10, clock.timer)
    store.type('v')
    store.type('vp')
    store.type('vpn')
    expect(store.getSnapshot().query).toBe('vpn')
    expect(calls).toHaveLength(0)
    expect(clock.pendingMs()).toBe(SEARCH_DEBOUNCE_MS)
    clock.elapse()
    expect(calls.map((c) => c.request.filter)).toEqual([{ query: 'vpn' }])
    calls[0]!.answer([row('a')])
    await settle()
    expect(ids(store.getSnapshot().rows)).toEqual(['a'])
    store.type('vpn ')
    clock.elapse()
    expect(calls).toHaveLength(1)
  })

  it('cuts a search longer than the box takes between whole characters, never through an emoji', async () => {
    const { api, calls } = heldApi()
    const clock = manualTimer()
    const store = createHistoryStore(api, 10, clock.timer)
    const words = 'a'.repeat(HISTORY_QUERY_MAX - 1)
    store.type(`${words}😀 rest`)
    clock.elapse()
    // Half an emoji would be refused by the call as broken text, and the search would fail.
    expect(calls.map((c) => c.request.filter)).toEqual([{ query: words }])
  })

  it('drops an answer overtaken by a newer search or filter, whichever answers first', async () => {
    const { api, calls } = heldApi()
    const clock = manualTimer()
    const store = createHistoryStore(api, 1, clock.timer)
    store.type('slow')
    clock.elapse()
    store.type('fast')
    const second = store.searchNow()
    expect(calls.map((c) => c.request.filter)).toEqual([{ query: 'slow' }, { query: 'fast' }])
    calls[1]!.answer([row('fast-1')])
    await second
    calls[0]!.answer([row('slow-1'), row('slow-2')])
    await settle()
    expect(ids(store.getSnapshot().rows)).toEqual(['fast-1'])
    expect(store.getSnapshot().filter).toEqual({ query: 'fast' })

    // A page read before the kind changed is dropped too, not appended below the new list.
    const more = store.loadMore()
    await settle()
    expect(calls).toHaveLength(3)
    const chosen = store.choose({ kind: 'scheduled' })
    expect(calls.at(-1)!.request.filter).toEqual({ kind: 'scheduled', query: 'fast' })
    calls.at(-1)!.answer([row('scheduled-1')])
    await chosen
    calls.at(-2)!.answer([row('old-page')])
    await more
    expect(ids(store.getSnapshot().rows)).toEqual(['scheduled-1'])
  })

  it('clears every filter and the search at once, and sends no filter then', async () => {
    const { api, calls } = heldApi()
    const clock = manualTimer()
    const store = createHistoryStore(api, 10, clock.timer)
    const chosen = store.choose({ outcome: 'free', clientId: 'cli_1' })
    calls[0]!.answer([])
    await chosen
    store.type('half typed')
    const cleared = store.clearFilters()
    expect(clock.pendingMs()).toBeUndefined()
    expect(calls.at(-1)!.request.filter).toBeUndefined()
    calls.at(-1)!.answer([row('a')])
    await cleared
    expect(store.getSnapshot()).toMatchObject({ filter: {}, query: '' })
    expect(ids(store.getSnapshot().rows)).toEqual(['a'])
  })

  it('shows a changed session in place, wherever it is in the loaded rows', async () => {
    const { api, calls } = heldApi()
    const store = createHistoryStore(api, 10, manualTimer().timer)
    const refreshed = store.refresh()
    await settle()
    calls[0]!.answer([row('a'), row('b')])
    await refreshed
    const before = store.getSnapshot()
    store.update([row('elsewhere')])
    expect(store.getSnapshot()).toBe(before)
    store.update([{ ...row('b'), privateNote: 'call back' }])
    expect(store.getSnapshot().rows.map((r) => r.privateNote)).toEqual(['', 'call back'])
  })

  it('keeps the newer copy of a row when an older push comes again after a newer one', async () => {
    const { api, calls } = heldApi()
    const store = createHistoryStore(api, 10, manualTimer().timer)
    const refreshed = store.refresh()
    await settle()
    calls[0]!.answer([row('a')])
    await refreshed
    const older = { ...row('a'), privateNote: 'first', updatedAt: FIXTURE_NOW + MINUTE }
    const newer = { ...row('a'), privateNote: 'second', updatedAt: FIXTURE_NOW + 2 * MINUTE }
    store.update([newer])
    store.update([older])
    expect(store.getSnapshot().rows.map((r) => r.privateNote)).toEqual(['second'])
  })

  it('forgets a gone expert’s rows, filters, search and answers on their way, and reads the next one’s from the top', async () => {
    const { api, calls } = heldApi()
    const clock = manualTimer()
    const store = createHistoryStore(api, 2, clock.timer)
    const chosen = store.choose({ clientId: 'cli_ada' })
    calls[0]!.answer([row('ada-1'), row('ada-2')])
    await chosen
    const more = store.loadMore()
    await settle()
    store.type('acme')

    // Signed out: nothing is read, and Ada's older page answering after it is not shown.
    await store.forget(false)
    expect(store.getSnapshot()).toMatchObject({ rows: [], filter: {}, query: '', error: null })
    expect(clock.pendingMs()).toBeUndefined()
    calls[1]!.answer([row('ada-3')])
    await more
    expect(store.getSnapshot().rows).toEqual([])
    expect(calls).toHaveLength(2)

    // Bea found signed in: her first page, with none of Ada's filters.
    const read = store.forget(true)
    expect(calls.at(-1)!.request.filter).toBeUndefined()
    calls.at(-1)!.answer([row('bea-1')])
    await read
    expect(ids(store.getSnapshot().rows)).toEqual(['bea-1'])
  })
})

describe('the history store’s pages', () => {
  it('asks for the next page after a short one that says more follow, and stops at one that says none', async () => {
    const { api, calls } = heldApi()
    const store = createHistoryStore(api, 10, manualTimer().timer)
    const first = store.loadMore()
    await settle()
    calls[0]!.answer([row('a'), row('b')], true)
    await first
    expect(store.getSnapshot().hasMore).toBe(true)
    const second = store.loadMore()
    await settle()
    calls[1]!.answer([row('c')], false)
    await second
    expect(ids(store.getSnapshot().rows)).toEqual(['a', 'b', 'c'])
    expect(store.getSnapshot().hasMore).toBe(false)
  })

  it('stops at a full page that says none follow, without asking for an empty one', async () => {
    const { api, calls } = heldApi()
    const store = createHistoryStore(api, 2, manualTimer().timer)
    const first = store.loadMore()
    await settle()
    calls[0]!.answer([row('a'), row('b')], false)
    await first
    await store.loadMore()
    expect(calls).toHaveLength(1)
  })

  it('stops at a page that says more follow but adds nothing, rather than asking for it forever', async () => {
    const { api, calls } = heldApi()
    const store = createHistoryStore(api, 2, manualTimer().timer)
    const first = store.loadMore()
    await settle()
    calls[0]!.answer([row('a')], true)
    await first
    const second = store.loadMore()
    await settle()
    calls[1]!.answer([], true)
    await second
    expect(store.getSnapshot().hasMore).toBe(false)
  })

  it('after a change, keeps saying more follow when the first page read again says so', async () => {
    const { api, calls } = heldApi()
    const store = createHistoryStore(api, 10, manualTimer().timer)
    const first = store.loadMore()
    await settle()
    calls[0]!.answer([row('a')], true)
    await first
    const again = store.refresh()
    await settle()
    calls[1]!.answer([row('a')], true)
    await again
    expect(store.getSnapshot().hasMore).toBe(true)
  })
})
