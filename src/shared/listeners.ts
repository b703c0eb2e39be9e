/** Subscriptions: the one event-emitter shape every side of the app uses. */

/** Stops a listener; safe to call more than once. */
export type Unsubscribe = () => void

/**
 * Listeners for one kind of value. Each `add` is its own subscription (the same function added
 * twice is called twice and removed one at a time), and a throwing listener is isolated from the
 * others.
 */
export class Listeners<T> {
  private readonly entries = new Set<{ readonly listener: (value: T) => void }>()

  constructor(
    private readonly onError: (error: unknown) => void = (error) =>
      console.error('A listener failed:', error),
  ) {}

  /** How many listeners are subscribed (for tests and diagnostics: a subscription never undone shows here). */
  get size(): number {
    return this.entries.size
  }

  /** Add a listener; returns the function that removes it. */
  add(listener: (value: T) => void): Unsubscribe {
    const entry = { listener }
    this.entries.add(entry)
    return () => void this.entries.delete(entry)
  }

  /** Call every listener with `value`, in the order they were added. */
  emit(value: T): void {
    // A copy: a listener may add or remove listeners while it runs.
    for (const { listener } of [...this.entries]) {
      try {
        listener(value)
      } catch (error) {
        // One broken listener must not stop the others, or the work that emitted the value.
        this.onError(error)
      }
    }
  }
}
