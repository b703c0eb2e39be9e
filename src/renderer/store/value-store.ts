/** A value React can subscribe to with useSyncExternalStore: the one store shape the UI uses. */

/** Something to subscribe to and read. */
export interface ReadableStore<T> {
  /** Calls `onChange` after every change; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void
  /** The current value; the same object until it changes. */
  getSnapshot(): T
}

/** A store whose owner may replace the value. */
export interface ValueStore<T> extends ReadableStore<T> {
  set(next: T): void
}

/** A store holding `initial`; `set` notifies only when the value is a different object. */
export function createValueStore<T>(initial: T): ValueStore<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    subscribe(onChange) {
      listeners.add(onChange)
      return () => {
        listeners.delete(onChange)
      }
    },
    getSnapshot: () => value,
    set(next) {
      if (Object.is(next, value)) return
      value = next
      for (const listener of [...listeners]) listener()
    },
  }
}
