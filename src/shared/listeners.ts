/** Subscriptions: the one event-emitter shape every side of the app uses. */

/** Stops a listener; safe to call more than once. */
export type Unsubscribe = () => void

/**
 * Listeners for one kind of value. Each `add` is its own subscription (the same function added
 * twice is called twice and removed one at a time), and a throwing listener is isolated from the
 * others.
 */
export class Listeners<T> {
  /**
   * The subscriptions in order, replaced (never changed) on add and remove: `emit` walks the list
   * it started with, so a listener may add or remove listeners while it runs, and no emit copies
   * it (a fan-out emits once per recipient).
   */
  private entries: ReadonlyArray<{ readonly listener: (value: T) => void }> = []

  constructor(
    private readonly onError: (error: unknown) => void = (error) =>
      console.error('A listener failed:', error),
  ) {}

  /** How many listeners are subscribed (for tests and diagnostics: a subscription never undone shows here). */
  get size(): number {
    return this.entries.length
  }

  /** Add a listener; returns the function that removes it. */
  add(listener: (value: T) => void): Unsubscribe {
    const entry = { listener }
    this.entries = [...this.entries, entry]
    return () => {
      this.entries = this.entries.filter((e) => e !== entry)
    }
  }

  /** Call every listener with `value`, in the order they were added. */
  emit(value: T): void {
    const entries = this.entries
    // Indexed: an iterator per emit is garbage too.
    for (let i = 0; i < entries.length; i++) {
      try {
        ;(entries[i] as { readonly listener: (value: T) => void }).listener(value)
      } catch (error) {
        // One broken listener must not stop the others, or the work that emitted the value.
        this.onError(error)
      }
    }
  }
}
