/**
 * Whether a download is still worth waiting for. Bytes trickling in are not progress: an update
 * server (or a network) that sends a few bytes a minute would hold a half-downloaded update for
 * days, and every retry behind it. A download must bring a floor of bytes in every window, far
 * below any working connection, and finish within an overall deadline; otherwise it fails with a
 * sentence saying which, and the policy cancels it and retries later.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'

/** How slow a download may be before it is given up. */
export interface DownloadPace {
  /** The window in which the floor of bytes must arrive. */
  readonly stallMs: number
  /** The fewest bytes that count as progress within one window. */
  readonly floorBytes: number
  /** The longest one download may take, however steadily it trickles. */
  readonly deadlineMs: number
}

/** Told how many bytes the download has brought in all; answers false once it was given up. */
export type BytesHeard = (receivedBytes: number) => boolean

/**
 * `work`'s result, or a failure once a window passes with fewer than `floorBytes` heard, or the
 * deadline passes, or `stop` is aborted (with its reason). After giving up, `heard` answers false,
 * `cancel` is called once and a late result is ignored.
 */
export function withinPace<T>(
  clock: Clock,
  pace: DownloadPace,
  cancel: () => void,
  work: (heard: BytesHeard) => Promise<T>,
  stop?: AbortSignal,
): Promise<T> {
  let over = false
  let counted = 0
  let latest = 0
  let window: TimerHandle | undefined
  let giveUp: (error: Error) => void = () => {}
  const slow = new Promise<never>((_resolve, reject) => {
    giveUp = reject
  })
  const fail = (reason: string | Error): void => {
    if (over) return
    over = true
    giveUp(reason instanceof Error ? reason : new Error(reason))
    cancel()
  }
  const stopped = (): void => fail(stop?.reason instanceof Error ? stop.reason : new Error('Stopped'))
  const startWindow = (): void => {
    window?.cancel()
    window = clock.setTimeout(() => fail(tooSlowInWindow(latest - counted, pace)), pace.stallMs)
  }
  const deadline = clock.setTimeout(() => fail(tooSlowOverall(latest, pace)), pace.deadlineMs)
  const heard: BytesHeard = (receivedBytes) => {
    if (over) return false
    latest = Math.max(latest, receivedBytes)
    if (latest - counted < pace.floorBytes) return true
    counted = latest
    startWindow()
    return true
  }
  startWindow()
  stop?.addEventListener('abort', stopped, { once: true })
  if (stop?.aborted === true) stopped()
  return Promise.race([work(heard), slow]).finally(() => {
    over = true
    window?.cancel()
    deadline.cancel()
    stop?.removeEventListener('abort', stopped)
  })
}

/** Why a window passed without the floor: nothing came, or too little. */
function tooSlowInWindow(bytes: number, pace: DownloadPace): string {
  const minutes = Math.round(pace.stallMs / 60_000)
  if (bytes === 0) return `The download made no progress for ${minutes} minutes`
  return `The update arrived too slowly (${amount(bytes)} in ${minutes} minutes, less than any working connection brings), so the download was cancelled`
}

/** Why the deadline passed. */
function tooSlowOverall(bytes: number, pace: DownloadPace): string {
  const hours = Math.round(pace.deadlineMs / 3_600_000)
  return `The update arrived too slowly (${amount(bytes)} in ${hours} hours, and still not all of it), so the download was cancelled`
}

/** A count of bytes as people read it. */
function amount(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
