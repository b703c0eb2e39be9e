/**
 * The updater's state for Settings → Updates and the window's "Restart to update": pushed by the
 * host on every change, read once at start and on reconnect. A read that answers after a push,
 * or after a later read, is older than what is shown and is dropped.
 */
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { UpdateState } from '../../shared/update/update-state'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** The updater's state (null until the first answer) and a way to read it again. */
export interface UpdateStore extends ReadableStore<UpdateState | null> {
  refresh(): Promise<void>
}

/** Subscribe to the pushes, then read. */
export function createUpdateStore(api: StandbyApi): UpdateStore {
  const store = createValueStore<UpdateState | null>(null)
  // Bumped by every push and every read asked: only the answer to the latest ask is shown.
  let changes = 0
  api.updates.onChanged((state) => {
    changes++
    store.set(state)
  })
  async function refresh(): Promise<void> {
    const asked = ++changes
    const result = await api.updates.get()
    if (result.ok && asked === changes) store.set(result.value)
  }
  void refresh()
  return { ...readableOf(store), refresh }
}
