/**
 * One replay asked over the link's connection. The answer is awaited however long it takes to cross a slow
 * link, since asking again beside it would only queue a second copy behind the first: the caller
 * hears when the ack timeout has passed (to ask for smaller pages next), and a platform that
 * answers nothing at all for much longer (no bytes of an answer on their way) is given up on.
 */
import { afterPendingInput, steadyNow, type TimerHandle } from '../../../shared/clock'
import {
  CommandAck,
  REPLAY_EVENT,
  type ErrorCode,
  type Expert,
  type SnapshotPosition,
} from '../../../shared/protocol'
import type { LinkTimings } from './link-timings'
import type { LinkWire } from './link-wire'
import { parseReplayPage, type ReplayPage } from './replay-page'
import type { Logger } from '../ports/logger'

/** What a replay asks for beyond the cursor. */
export interface ReplayOptions {
  readonly limit?: number
  readonly maxBytes?: number
  /** The digest of the event at the cursor, for the platform to check it is still its history. */
  readonly digest?: string
  readonly snapshot?: boolean
  /** The next part of a snapshot sent in parts. */
  readonly snapshotAfter?: SnapshotPosition
  /** Leave out of a snapshot each entity larger than this, naming it (a platform before it refuses the key). */
  readonly leaveOutOver?: number
}

/** What the caller of a replay hears about, and what it lends to read the answer. */
export interface ReplayHooks {
  /** The ack timeout passed and the answer is still on its way. */
  readonly onSlow?: () => void
  /** The expert to keep when a snapshot's own profile cannot be read. */
  readonly cachedExpert?: () => Expert | null
  /** The answer came: how many bytes, how long after the ask, so the next page fits the link. */
  readonly onCrossed?: (crossing: PageCrossing) => void
  /** Where the answer's problems are logged, when not the link's log: one that says each once. */
  readonly log?: Pick<Logger, 'error'>
}

/** How one replay's answer crossed the link, and how long a page is meant to take. */
export interface PageCrossing {
  readonly bytes: number
  readonly elapsedMs: number
  readonly aimMs: number
}

/** How long a replay waits before it counts as slow, and before the platform counts as stuck. */
export interface ReplayWatch {
  readonly slowAfterMs: number
  /** How long a page should take to cross, told with each answer. */
  readonly pageCrossingMs: number
  readonly giveUpAfterMs: number
  /** Called when the platform answered nothing for `giveUpAfterMs`. */
  readonly giveUp: (reason: string) => void
  /** When (monotonic, on the link's clock) bytes of a message last arrived part way: an answer crossing. */
  readonly crossedAt?: () => number
}

/**
 * The bytes an answer takes on the wire, as the platform counts a page's budget: UTF-8, in which a
 * character of most scripts but Latin takes two or three bytes where the text's length counts one.
 */
function wireBytes(raw: unknown): number {
  return UTF8.encode(JSON.stringify(raw)).byteLength
}

const UTF8 = new TextEncoder()

/**
 * The platform refused a replay; `retryAfterMs` is the wait it asked for before the next, when it
 * said, and `code` its reason.
 */
export class ReplayRefused extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
    readonly code?: ErrorCode,
  ) {
    super(`The platform refused the replay: ${message}`)
    this.name = 'ReplayRefused'
  }
}

/** How one replay is sent and watched. */
export type ReplayRequestDeps = LinkWire & ReplayWatch

/** The watch of a link with `timings`: slow past the ack timeout, and `giveUp` past the replay give-up. */
export function replayWatch(
  timings: Pick<LinkTimings, 'ackTimeoutMs' | 'replayGiveUpMs' | 'pageCrossingMs'>,
  giveUp: (reason: string) => void,
  crossedAt?: () => number,
): ReplayWatch {
  return {
    slowAfterMs: timings.ackTimeoutMs,
    pageCrossingMs: timings.pageCrossingMs,
    giveUpAfterMs: timings.replayGiveUpMs,
    giveUp,
    ...(crossedAt !== undefined && { crossedAt }),
  }
}

/** Send one replay and read its answer; rejects when the connection drops or the answer is malformed. */
export async function requestReplay(
  deps: ReplayRequestDeps,
  after: number,
  options: ReplayOptions,
  hooks: ReplayHooks,
): Promise<ReplayPage> {
  const sent = deps.reading()
  const answer: Promise<unknown> = deps.connection.request(REPLAY_EVENT, {
    ...options,
    after,
    snapshot: options.snapshot ?? false,
  })
  const slow = deps.clock.setTimeout(() => hooks.onSlow?.(), deps.slowAfterMs)
  // Counted from the last bytes of an answer on its way: on a link slow enough, one page of the
  // smallest size takes longer to cross than the give-up, and asking again would only start it over.
  const sentAt = steadyNow(deps.clock)
  let giveUp: TimerHandle
  const look = (inputRead: boolean): void => {
    const quiet = steadyNow(deps.clock) - Math.max(sentAt, deps.crossedAt?.() ?? sentAt)
    if (quiet < deps.giveUpAfterMs) return watch(deps.giveUpAfterMs - quiet)
    // A process frozen past the give-up reads what came meanwhile before calling it unanswered.
    if (!inputRead) {
      giveUp = afterPendingInput(deps.clock, () => look(true))
      return
    }
    deps.giveUp(
      `The platform did not answer a replay within ${deps.giveUpAfterMs / 1000} s. If this goes on, check your connection.`,
    )
  }
  const watch = (delayMs: number): void => {
    giveUp = deps.clock.setTimeout(() => look(false), delayMs)
  }
  watch(deps.giveUpAfterMs)
  let raw: unknown
  try {
    raw = await answer
  } finally {
    slow.cancel()
    giveUp!.cancel()
  }
  const ack = CommandAck.safeParse(raw)
  if (!ack.success) throw new Error('The platform sent a malformed replay acknowledgement')
  deps.timed(sent, ack.data.serverTime, raw)
  deps.answered(sentAt)
  if (!ack.data.ok)
    throw new ReplayRefused(ack.data.error.message, ack.data.error.retryAfterMs, ack.data.error.code)
  const elapsedMs = steadyNow(deps.clock) - sentAt
  hooks.onCrossed?.({ bytes: wireBytes(raw), elapsedMs, aimMs: deps.pageCrossingMs })
  return parseReplayPage(ack.data.result, hooks.log ?? deps.log, hooks.cachedExpert)
}
