/**
 * Marks of what the expert was told (a reminder fired, a standing warning given), kept in the
 * cache so a restart repeats none. A mark the cache cannot save (a full disk, a read-only profile)
 * is held here until it can, so the alert is still given, once, instead of waiting for the disk;
 * its owner calls `saveHeld` at each later chance.
 */
import type { Logger } from './ports/logger'

/** How one kind of mark is saved and told apart. */
export interface MarkKeeping<M> {
  /** Save the mark in the cache; throws when it cannot. */
  readonly save: (mark: M) => void
  /** The same id for the same mark, whatever its time. */
  readonly idOf: (mark: M) => string
  /** What is marked, for the log ("a reminder"). */
  readonly what: string
  readonly log: Logger
}

/** The marks the cache could not save yet, in the order they were made. */
export class HeldMarks<M> {
  private readonly held = new Map<string, M>()

  constructor(private readonly keeping: MarkKeeping<M>) {}

  /** Whether the mark with this id is held here (the cache does not have it yet). */
  holds(id: string): boolean {
    return this.held.has(id)
  }

  /** The mark held with this id, if any. */
  heldAs(id: string): M | undefined {
    return this.held.get(id)
  }

  /** Every mark held, in the order they were made. */
  all(): M[] {
    return [...this.held.values()]
  }

  /** Save `mark`, or hold it when the cache cannot take it. */
  mark(mark: M): void {
    const id = this.keeping.idOf(mark)
    if (this.held.has(id)) return
    try {
      this.keeping.save(mark)
    } catch (error) {
      if (this.held.size === 0)
        this.keeping.log.error(
          `Could not record ${this.keeping.what} in the cache; Standby keeps it in memory and records it once it can`,
          error,
        )
      this.held.set(id, mark)
    }
  }

  /** Forget a held mark (one the owner withdrew, so the cache has nothing to save). */
  drop(id: string): void {
    this.held.delete(id)
  }

  /** Forget every held mark: the cache they were for was emptied (a sign-out, another expert). */
  forget(): void {
    this.held.clear()
  }

  /** Save the held marks, in order, until the cache refuses one. */
  saveHeld(): void {
    for (const [id, mark] of this.held) {
      try {
        this.keeping.save(mark)
      } catch {
        return
      }
      this.held.delete(id)
      if (this.held.size === 0)
        this.keeping.log.info(`What was held in memory is recorded in the cache again`)
    }
  }
}
