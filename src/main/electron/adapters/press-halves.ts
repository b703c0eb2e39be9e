/**
 * Windows: a press on a held notification reaches both its own handlers and handleActivation, in
 * either order. The first report of each press is kept by id, so the second is told apart from a
 * new press (one on the same id later, from the Action Center, after its object was let go).
 * Bounded, in case one of the two never comes.
 */

/** Which of the two reports of a press came first: the notification's own handlers, or handleActivation. */
export type PressSide = 'own' | 'activation'

/** The presses on Windows whose first report came and whose second is still awaited. */
export class PressHalves {
  private readonly halves = new Map<string, PressSide>()

  constructor(private readonly most: number) {}

  /** How many presses wait for their other report. */
  get size(): number {
    return this.halves.size
  }

  /** The first report of a press on `id` came from `side`. */
  first(id: string, side: PressSide): void {
    this.halves.set(id, side)
    const oldest = this.halves.keys().next().value
    if (this.halves.size > this.most && oldest !== undefined) this.halves.delete(oldest)
  }

  /** Whether this report is the second of a press whose first came from `other` (then forgotten). */
  isSecond(id: string, other: PressSide): boolean {
    return this.halves.get(id) === other && this.halves.delete(id)
  }
}
