/**
 * Hands committed events to the network a slice at a time, with a turn of the event loop between
 * slices: a fan-out to thousands of experts would otherwise hold the platform for all its sends,
 * and every other expert's heartbeat, commands and invites would wait behind them. One queue for
 * all streams keeps each expert's events in commit order: a later change's events wait behind an
 * earlier fan-out's still queued, never overtaking them. The log's other listeners hear a commit at
 * once, so behind a queued fan-out they hear its events before they are sent.
 */

/** How many events go out in one turn of the event loop before the rest wait for the next. */
export const SEND_SLICE = 500

/** A first-in first-out queue of sends, drained a slice per turn. */
export class SendQueue<T> {
  private queued: T[] = []
  /** The index of the next item to send. */
  private next = 0
  private scheduled = false
  /** A slice is being sent: a push from within a send joins it rather than starting another. */
  private sending = false

  constructor(
    private readonly send: (item: T) => void,
    private readonly slice: number = SEND_SLICE,
  ) {}

  /**
   * Send `items` after every item still waiting: the first slice at once when nothing waits (so a
   * small change's events go out before its caller answers), the rest in later turns.
   */
  push(items: readonly T[]): void {
    for (const item of items) this.queued.push(item)
    if (!this.scheduled && !this.sending) this.sendSlice()
  }

  private sendSlice(): void {
    this.scheduled = false
    this.sending = true
    const end = Math.min(this.next + this.slice, this.queued.length)
    try {
      // The index moves before each send, so a send that throws is not sent again.
      while (this.next < end) this.send(this.queued[this.next++] as T)
    } finally {
      // Even after a send threw: the rest still go out, in a later turn.
      this.sending = false
      this.sliceEnded()
    }
  }

  /** Schedule the next slice while items wait; otherwise let the sent ones go. */
  private sliceEnded(): void {
    if (this.next < this.queued.length) {
      this.scheduled = true
      setImmediate(() => this.sendSlice())
      return
    }
    this.queued = []
    this.next = 0
  }
}
