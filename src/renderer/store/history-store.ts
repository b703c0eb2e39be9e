/**
 * Past sessions for the history list, read page by page as the list scrolls (the cache answers
 * pages by booked start, most recent first). A cache change re-reads only the first page and
 * keeps the older rows already loaded, so an open list of 10,000 rows stays cheap to update.
 *
 * The list may be filtered and searched; the cache does the filtering, page by page. A change of
 * filter starts a new generation: an answer to an older one (a slow search overtaken by the next
 * keystroke, a page read before the filter changed) is dropped, never shown over a newer one.
 * Typing in the search box waits for a pause (SEARCH_DEBOUNCE_MS) before it asks.
 */
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { Session } from '../../shared/protocol/entities'
import { cutText } from '../../shared/text-cut'
import { HISTORY_QUERY_MAX, type HistoryFilter } from '../../shared/rules/history-filter'
import { createValueStore, readableOf, type ReadableStore } from './value-store'
import { comesAfter, historyCursorOf, type HistoryCursor } from '../../shared/rules/history-order'
import { HISTORY_PAGE_ROWS } from '../../shared/ipc/list-limits'

/** How long the search box waits after the last keystroke before it searches. */
export const SEARCH_DEBOUNCE_MS = 250

/** What the history list shows. */
export interface HistoryState {
  readonly rows: ReadonlyArray<Session>
  /** False once a page said no older sessions follow it. */
  readonly hasMore: boolean
  readonly loading: boolean
  readonly error: string | null
  /** The filter the rows answer (the search as last sent). */
  readonly filter: HistoryFilter
  /** The search box's text, ahead of `filter.query` while the expert is typing. */
  readonly query: string
}

/** The filters besides the search. */
export type HistoryChoices = Omit<HistoryFilter, 'query'>

/** The history list's data source. */
export interface HistoryStore extends ReadableStore<HistoryState> {
  /** Read the next older page, unless one is being read or there is none. */
  loadMore(): Promise<void>
  /** Re-read the newest page (after a cache change). */
  refresh(): Promise<void>
  /** Change the kind, outcome or client (undefined for any) and read the first page again. */
  choose(choices: HistoryChoices): Promise<void>
  /** The search box changed: search once typing pauses. */
  type(query: string): void
  /** Search for what the box holds now (Enter), without waiting for the pause. */
  searchNow(): Promise<void>
  /** Drop every filter and the search, and read the first page again. */
  clearFilters(): Promise<void>
  /** Show the cache's copy of sessions already listed (a note saved on a row past the first page). */
  update(sessions: ReadonlyArray<Session>): void
  /**
   * The expert whose history this is is gone (signed out, or another signed in): drop their rows,
   * filters and search, and any answer on its way; with `reread`, read the new expert's first page.
   */
  forget(reread: boolean): Promise<void>
}

/** A timer the store can set and cancel; tests pass a manual one. */
export interface DebounceTimer {
  set(run: () => void, ms: number): unknown
  cancel(handle: unknown): void
}

const realTimer: DebounceTimer = {
  set: (run, ms) => setTimeout(run, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** The filter as the IPC contract takes it: unset members left out, the search bounded. */
function wireFilter(filter: HistoryFilter): HistoryFilter {
  // Cut between whole characters: half an emoji would make the call refused as broken text.
  const query = cutText((filter.query ?? '').trim(), HISTORY_QUERY_MAX)
  return {
    ...(filter.kind !== undefined && { kind: filter.kind }),
    ...(filter.outcome !== undefined && { outcome: filter.outcome }),
    ...(filter.clientId !== undefined && { clientId: filter.clientId }),
    ...(query !== '' && { query }),
  }
}

/** A history source reading `pageSize` rows per call. */
export function createHistoryStore(
  api: Pick<StandbyApi, 'sessions'>,
  pageSize = HISTORY_PAGE_ROWS,
  timer: DebounceTimer = realTimer,
): HistoryStore {
  const empty: HistoryState = { rows: [], hasMore: true, loading: false, error: null, filter: {}, query: '' }
  const store = createValueStore<HistoryState>(empty)
  const patch = (changes: Partial<HistoryState>): void => store.set({ ...store.getSnapshot(), ...changes })
  let busy: Promise<void> | undefined
  // Bumped by every change of filter; an answer is applied only in the generation it was asked in.
  let generation = 0
  let pendingSearch: unknown

  const serial = (work: () => Promise<void>): Promise<void> => {
    const run = (busy ?? Promise.resolve()).then(work)
    busy = run.finally(() => {
      if (busy === run) busy = undefined
    })
    return run
  }

  // Where the last page told the window to ask on from, when not after its last row.
  let resumeAt: HistoryCursor | undefined
  const readOnce = (after: HistoryCursor | undefined) => {
    const filter = wireFilter(store.getSnapshot().filter)
    return api.sessions.history({
      limit: pageSize,
      ...(after !== undefined && { after }),
      ...(Object.keys(filter).length > 0 && { filter }),
    })
  }
  // A search for symbols answers a stretch of History at a time, a stretch without a match as an
  // empty page saying where to go on: asked on until a page holds sessions, ends, or the filter changes.
  const read = async (after: HistoryCursor | undefined, asked: number) => {
    for (;;) {
      const page = await readOnce(after)
      if (!page.ok || page.value.sessions.length > 0 || page.value.next === undefined || asked !== generation)
        return page
      after = page.value.next
    }
  }

  async function loadMore(): Promise<void> {
    const { rows, hasMore, loading } = store.getSnapshot()
    if (!hasMore || loading) return
    const asked = generation
    patch({ loading: true })
    await serial(async () => {
      if (asked !== generation) return
      const last = rows.at(-1)
      const page = await read(resumeAt ?? (last === undefined ? undefined : historyCursorOf(last)), asked)
      if (asked !== generation) return
      if (!page.ok) {
        patch({ loading: false, error: page.error.message })
        return
      }
      resumeAt = page.value.next
      const known = new Set(store.getSnapshot().rows.map((row) => row.id))
      const added = page.value.sessions.filter((row) => !known.has(row.id))
      patch({
        rows: [...store.getSnapshot().rows, ...added],
        // A page adding nothing (its rows unreadable in the cache) would be asked for again forever.
        hasMore: page.value.more && (added.length > 0 || resumeAt !== undefined),
        loading: false,
        error: null,
      })
    })
  }

  function refresh(): Promise<void> {
    const asked = generation
    return serial(async () => {
      if (asked !== generation) return
      const page = await read(undefined, asked)
      if (asked !== generation) return
      if (!page.ok) {
        patch({ error: page.error.message })
        return
      }
      const fresh = page.value.sessions
      const oldest = fresh.at(-1)
      const { rows, hasMore } = store.getSnapshot()
      // Keep the older rows already loaded below the fresh first page.
      const older = oldest === undefined ? [] : rows.filter((row) => comesAfter(row, historyCursorOf(oldest)))
      // Older rows already loaded: the window goes on from where it stopped below them.
      if (older.length === 0) resumeAt = page.value.next
      patch({
        rows: [...fresh, ...older],
        hasMore: page.value.more ? hasMore || older.length === 0 : false,
        error: null,
      })
    })
  }

  /** Apply `filter` and read its first page; the rows shown stay until it answers. */
  async function restart(filter: HistoryFilter): Promise<void> {
    const asked = ++generation
    resumeAt = undefined
    patch({ filter, loading: true })
    const page = await read(undefined, asked)
    if (asked !== generation) return
    if (!page.ok) {
      patch({ loading: false, error: page.error.message })
      return
    }
    const { sessions, more } = page.value
    resumeAt = page.value.next
    patch({ rows: sessions, hasMore: more, loading: false, error: null })
  }

  function cancelPendingSearch(): void {
    if (pendingSearch === undefined) return
    timer.cancel(pendingSearch)
    pendingSearch = undefined
  }

  function searchNow(): Promise<void> {
    cancelPendingSearch()
    const { query, filter } = store.getSnapshot()
    if (query.trim() === (filter.query ?? '').trim()) return Promise.resolve()
    return restart({ ...filter, query })
  }

  return {
    ...readableOf(store),
    loadMore,
    refresh,
    choose: (choices) => {
      const { query } = store.getSnapshot()
      cancelPendingSearch()
      return restart({ ...choices, ...(query.trim() !== '' && { query }) })
    },
    type(query) {
      patch({ query })
      cancelPendingSearch()
      pendingSearch = timer.set(() => {
        pendingSearch = undefined
        void searchNow()
      }, SEARCH_DEBOUNCE_MS)
    },
    searchNow,
    clearFilters() {
      cancelPendingSearch()
      patch({ query: '' })
      return restart({})
    },
    forget(reread) {
      cancelPendingSearch()
      // Its refresh would keep the rows below the new expert's first page: they go at once instead.
      generation++
      resumeAt = undefined
      store.set(empty)
      return reread ? restart({}) : Promise.resolve()
    },
    update(sessions) {
      const changed = new Map(sessions.map((session) => [session.id, session]))
      // A push repeated or overtaken by a read carries an older copy than the row: the row stays.
      const newer = (row: Session): Session => {
        const next = changed.get(row.id)
        return next !== undefined && next.updatedAt >= row.updatedAt ? next : row
      }
      const { rows } = store.getSnapshot()
      const next = rows.map(newer)
      if (next.every((row, i) => row === rows[i])) return
      patch({ rows: next })
    },
  }
}
