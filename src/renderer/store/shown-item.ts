/**
 * The invite or session the host last asked the full window to show (a deep link). It listens
 * before the first render like the other stores, and then takes what the host kept for a page
 * that was still loading when the ask came: each ask is shown once, however it arrived.
 */
import type { ShowItem } from '../../shared/ipc/contract'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** The last ask, or null before any. */
export function createShownItemStore(
  api: StandbyApi,
  options: { readonly takesKept: boolean },
): ReadableStore<ShowItem | null> {
  const store = createValueStore<ShowItem | null>(null)
  let last = 0
  const show = (item: ShowItem | null): void => {
    if (item === null || item.request <= last) return
    last = item.request
    store.set(item)
  }
  // Only the full window takes: the popover would take an ask meant for the window, and lose it.
  const take = (): void => {
    if (!options.takesKept) return
    void api.app.takeShowItem().then((result) => {
      if (result.ok) show(result.value)
    })
  }
  api.app.onShowItem((item) => {
    show(item)
    // Shown here, so the host's copy goes too: a page loaded later must not show it again.
    take()
  })
  take()
  return readableOf(store)
}
