/**
 * The keys of what was handled lately, for a process that runs for days: past its capacity the
 * oldest is forgotten, so memory stays bounded however many things pass through.
 */

/** At most `capacity` keys, the oldest forgotten first. */
export class RecentKeys {
  private readonly keys = new Set<string>()

  constructor(private readonly capacity: number) {}

  /** Remember `key`: true the first time, false while it is still remembered. */
  first(key: string): boolean {
    if (this.keys.has(key)) return false
    this.keys.add(key)
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next().value
      if (oldest !== undefined) this.keys.delete(oldest)
    }
    return true
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.keys.size
  }
}
