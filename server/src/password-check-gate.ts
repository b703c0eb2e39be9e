/**
 * A platform-wide cap on password checks. Each check is deliberately expensive (scrypt, on the
 * shared thread pool), and the per-account and per-address backoff cannot stop many addresses at
 * once: past a few checks in flight and a short queue, a sign-in is refused at once as "busy",
 * so a flood costs a bounded amount of work and legitimate sign-ins wait behind a bounded queue.
 */

/** How many password checks run at once, how many may wait, and the wait a busy refusal asks for. */
export interface PasswordCheckLimits {
  /** Checks running at once; kept below the thread pool's size so file and DNS work still run. */
  readonly maxInFlight: number
  /** Checks waiting for a free slot; past this the platform answers busy. */
  readonly maxQueued: number
  /** Sent as Retry-After with a busy refusal. */
  readonly retryAfterMs: number
}

/** A few checks at a time and a short queue: a person signing in waits little, a flood is refused. */
export const defaultPasswordCheckLimits: PasswordCheckLimits = {
  maxInFlight: 2,
  maxQueued: 16,
  retryAfterMs: 2_000,
}

/** What came of asking the gate to run a check. */
export type GateOutcome<T> =
  | { readonly ran: true; readonly value: T }
  /** The queue was full (`busy`) or the caller stopped wanting it before its turn (`abandoned`). */
  | { readonly ran: false; readonly why: 'busy' | 'abandoned' }

interface Waiter {
  readonly wanted: () => boolean
  readonly start: () => void
  readonly abandon: () => void
}

/** Runs password checks a few at a time, with a bounded queue. */
export class PasswordCheckGate {
  private running = 0
  private readonly queue: Waiter[] = []

  constructor(private readonly limits: PasswordCheckLimits) {}

  /** The checks running and waiting now. */
  get load(): { readonly running: number; readonly queued: number } {
    return { running: this.running, queued: this.queue.length }
  }

  /**
   * Run `check` now, or once a slot frees; `busy` at once when the queue is full. `wanted` is asked
   * again when its turn comes: a caller that hung up meanwhile costs no check.
   */
  run<T>(check: () => Promise<T>, wanted: () => boolean = () => true): Promise<GateOutcome<T>> {
    if (this.running >= this.limits.maxInFlight && this.queue.length >= this.limits.maxQueued)
      return Promise.resolve({ ran: false, why: 'busy' })
    return new Promise<GateOutcome<T>>((resolve, reject) => {
      const start = (): void => {
        this.running += 1
        let checking: Promise<T>
        try {
          checking = check()
        } catch (error) {
          checking = Promise.reject(error as Error)
        }
        // The slot passes on before the caller hears back, so the queue never idles between.
        checking.then(
          (value) => {
            this.release()
            resolve({ ran: true, value })
          },
          (error: unknown) => {
            this.release()
            reject(error as Error)
          },
        )
      }
      if (this.running < this.limits.maxInFlight) start()
      else this.queue.push({ wanted, start, abandon: () => resolve({ ran: false, why: 'abandoned' }) })
    })
  }

  private release(): void {
    this.running -= 1
    while (this.running < this.limits.maxInFlight) {
      const waiter = this.queue.shift()
      if (waiter === undefined) return
      if (waiter.wanted()) waiter.start()
      else waiter.abandon()
    }
  }
}
