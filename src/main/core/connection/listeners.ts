/** A typed set of listeners: the core's tiny event emitter. */
import type { Unsubscribe } from '../ports/power'

/** Listeners for one kind of value; a throwing listener is isolated from the others. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>()

  constructor(
    private readonly onError: (error: unknown) => void = (error) =>
      console.error('A listener failed:', error),
  ) {}

  /** Add a listener; returns the function that removes it. */
  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener)
    return () => this.set.delete(listener)
  }

  /** Call every listener with `value`. */
  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value)
      } catch (error) {
        // One broken listener must not stop the others, or the sync behind it.
        this.onError(error)
      }
    }
  }
}
