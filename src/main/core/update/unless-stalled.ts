/** A wait on the updater that gives up on a call once it shows no sign of life for too long. */
import type { Clock, TimerHandle } from '../../../shared/clock'

/**
 * `work`'s result, or a failure saying `because` once `limitMs` pass without `work` calling its
 * `alive` (each call starts the wait again). The updater answers nothing by itself when a
 * connection stalls, and the policy must not wait on it for ever. After giving up, `alive` answers
 * false and a late result is ignored, so a stalled call that wakes up changes nothing. Aborting
 * `stop` gives up at once, with its reason.
 */
export function unlessStalled<T>(
  clock: Clock,
  limitMs: number,
  because: string,
  work: (alive: () => boolean) => Promise<T>,
  stop?: AbortSignal,
): Promise<T> {
  let timer: TimerHandle | undefined
  let over = false
  let giveUp: (error: Error) => void = () => {}
  const stalled = new Promise<never>((_resolve, reject) => {
    giveUp = reject
  })
  const alive = (): boolean => {
    if (over) return false
    timer?.cancel()
    timer = clock.setTimeout(() => {
      over = true
      giveUp(new Error(because))
    }, limitMs)
    return true
  }
  const stopped = (): void => {
    if (over) return
    over = true
    giveUp(stop?.reason instanceof Error ? stop.reason : new Error(because))
  }
  alive()
  stop?.addEventListener('abort', stopped, { once: true })
  return Promise.race([work(alive), stalled]).finally(() => {
    over = true
    timer?.cancel()
    stop?.removeEventListener('abort', stopped)
  })
}
