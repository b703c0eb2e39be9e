/** The status line pushed by the main process, as an external store for `useSyncExternalStore`. */
import { type StandbyApi } from '../shared/ipc/standby-api'

/** A store that React can subscribe to. */
export interface StatusStore {
  /** Calls `onChange` after every new status; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void
  /** The latest status text, or undefined before the first push. */
  getSnapshot(): string | undefined
}

/** Starts listening at once, so a push that arrives before React renders is not lost. */
export function createStatusStore(api: Pick<StandbyApi, 'app'>): StatusStore {
  let text: string | undefined
  const listeners = new Set<() => void>()
  api.app.onStatusChanged((status) => {
    text = status.text
    for (const listener of [...listeners]) listener()
  })
  return {
    subscribe(onChange) {
      listeners.add(onChange)
      return () => {
        listeners.delete(onChange)
      }
    },
    getSnapshot: () => text,
  }
}
