/**
 * Past sessions for the history list, read page by page as the list scrolls (the cache answers
 * pages by booked start, most recent first). A cache change re-reads only the first page and
 * keeps the older rows already loaded, so an open list of 10,000 rows stays cheap to update.
 */
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { Session } from '../../shared/protocol/entities'
import { createValueStore, readableOf, type ReadableStore } from './value-store'
import { comesAfter, historyCursorOf } from '../../shared/rules/history-order'

/** What the history list shows. */
export interface HistoryState {
  readonly rows: ReadonlyArray<Session>
  /** False once a page came back short: there is nothing older. */
  readonly hasMore: boolean
  readonly loading: boolean
  readonly error: string | null
}

/** The history list's data source. */
export interface HistoryStore extends ReadableStore<HistoryState> {
  /** Read the next older page, unless one is being read or there is none. */
  loadMore(): Promise<void>
  /** Re-read the newest page (after a cache change). */
  refresh(): Promise<void>
}

/** A history source reading `pageSize` rows per call. */
export function createHistoryStore(api: Pick<StandbyApi, 'sessions'>, pageSize = 200): HistoryStore {
  const store = createValueStore<HistoryState>({ rows: [], hasMore: true, loading: false, error: null })
  const patch = (changes: Partial<HistoryState>): void => store.set({ ...store.getSnapshot(), ...changes })
  let busy: Promise<void> | undefined

  const serial = (work: () => Promise<void>): Promise<void> => {
    const run = (busy ?? Promise.resolve()).then(work)
    busy = run.finally(() => {
      if (busy === run) busy = undefined
    })
    return run
  }

  async function loadMore(): Promise<void> {
    const { rows, hasMore, loading } = store.getSnapshot()
    if (!hasMore || loading) return
    patch({ loading: true })
    await serial(async () => {
      const last = rows.at(-1)
      const page = await api.sessions.history(
        last === undefined ? { limit: pageSize } : { limit: pageSize, after: historyCursorOf(last) },
      )
      if (!page.ok) {
        patch({ loading: false, error: page.error.message })
        return
      }
      const known = new Set(store.getSnapshot().rows.map((row) => row.id))
      patch({
        rows: [...store.getSnapshot().rows, ...page.value.filter((row) => !known.has(row.id))],
        hasMore: page.value.length === pageSize,
        loading: false,
        error: null,
      })
    })
  }

  function refresh(): Promise<void> {
    return serial(async () => {
      const page = await api.sessions.history({ limit: pageSize })
      if (!page.ok) {
        patch({ error: page.error.message })
        return
      }
      const fresh = page.value
      const oldest = fresh.at(-1)
      const { rows, hasMore } = store.getSnapshot()
      // Keep the older rows already loaded below the fresh first page.
      const older = oldest === undefined ? [] : rows.filter((row) => comesAfter(row, historyCursorOf(oldest)))
      patch({
        rows: [...fresh, ...older],
        hasMore: fresh.length === pageSize ? hasMore || older.length === 0 : false,
        error: null,
      })
    })
  }

  return { ...readableOf(store), loadMore, refresh }
}
