/**
 * Whether bytes of a message part way across a link count as the link carrying it. A slow link's
 * answer waits behind the message crossing it, so while that message's bytes come, a probe, an
 * attempt and a replay wait for them instead of calling the link dead. But a byte now and then
 * carries nothing a catch-up can use: a broken or hostile platform (or a proxy) that sends one
 * every few seconds of a message that never ends kept the link online for ever, and the expert
 * never heard that invites were not coming. So bytes count only while what arrived within a
 * window would bring the smallest page a platform takes across within the time a replay is given:
 * under that floor the link can never catch up, and is treated as silent; at or over it, a
 * catch-up always progresses, however slowly, and is never cut.
 */
import { MIN_REPLAY_PAGE_BYTES } from '../../../shared/protocol'
import { defaultLinkTimings } from './link-timings'

/** The fewest bytes a millisecond a link must carry for a message part way across it to count. */
export const LEAST_CROSSING_BYTES_PER_MS = MIN_REPLAY_PAGE_BYTES / defaultLinkTimings.replayGiveUpMs

/**
 * The longest a message of `messageBytes` takes to cross a link that carries the floor: one part
 * way across for longer is no honest message at a pace the link counts, however its bytes come.
 */
export function longestCrossingMs(messageBytes: number): number {
  return messageBytes / LEAST_CROSSING_BYTES_PER_MS
}

/** A chunk of a message that arrived, and when. */
interface Arrival {
  readonly at: number
  readonly bytes: number
}

/** The chunks of messages part way across one connection, within the last window. */
export class CrossingPace {
  /** The chunks that arrived within the window, oldest first, and their bytes in all. */
  private recent: Arrival[] = []
  private recentBytes = 0

  /**
   * `bytes` more arrived at `at` (monotonic ms): whether what arrived within the last `windowMs`
   * carries at least the floor.
   */
  carries(at: number, bytes: number, windowMs: number): boolean {
    this.recent.push({ at, bytes })
    this.recentBytes += bytes
    while (this.recent[0]!.at <= at - windowMs) this.recentBytes -= this.recent.shift()!.bytes
    return this.recentBytes >= LEAST_CROSSING_BYTES_PER_MS * windowMs
  }

  /** Start afresh, for the next connection: what crossed the last one tells nothing of it. */
  reset(): void {
    this.recent = []
    this.recentBytes = 0
  }
}
