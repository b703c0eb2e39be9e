/** A value React can subscribe to with useSyncExternalStore: the one store shape the UI uses. */
import { Listeners, type Unsubscribe } from '../../shared/listeners'

/** Something to subscribe to and read. */
export interface ReadableStore<T> {
  /** Calls `onChange` after every change; returns the unsubscribe function. */
  subscribe(onChange: () => void): Unsubscribe
  /** The current value; the same object until it changes. */
  getSnapshot(): T
  /**
   * The value the store started with: what the host's pre-render rendered, so what hydration
   * must render too, even if the store has moved on since (React re-renders with the current
   * value right after).
   */
  getServerSnapshot(): T
}

/** A store whose owner may replace the value. */
export interface ValueStore<T> extends ReadableStore<T> {
  set(next: T): void
}

/** A store holding `initial`; `set` notifies only when the value is a different object. */
export function createValueStore<T>(initial: T): ValueStore<T> {
  let value = initial
  const listeners = new Listeners<void>()
  return {
    getServerSnapshot: () => initial,
    subscribe: (onChange) => listeners.add(onChange),
    getSnapshot: () => value,
    set(next) {
      if (Object.is(next, value)) return
      value = next
      listeners.emit()
    },
  }
}

/** Only the reading side of a store, for an owner that hands out reads and keeps `set`. */
export function readableOf<T>(store: ReadableStore<T>): ReadableStore<T> {
  return {
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    getServerSnapshot: store.getServerSnapshot,
  }
}
