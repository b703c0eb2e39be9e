/**
 * The invite or session the host last asked the window to show (a deep link). Subscribed before
 * the first render like the other stores, so a request that arrives while the page starts is kept.
 */
import type { ShowItem } from '../../shared/ipc/contract'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** One request to show an item: a new object each time, so the same link twice shows it twice. */
export type ShownItem = ShowItem & { readonly request: number }

/** The last request, or null before any. */
export function createShownItemStore(api: StandbyApi): ReadableStore<ShownItem | null> {
  const store = createValueStore<ShownItem | null>(null)
  let requests = 0
  api.app.onShowItem((item) => store.set({ ...item, request: ++requests }))
  return readableOf(store)
}
