/**
 * One replay asked over the link's connection. The answer is awaited however long it takes to cross a slow
 * link, since asking again beside it would only queue a second copy behind the first: the caller
 * hears when the ack timeout has passed (to ask for smaller pages next), and a platform that
 * answers nothing at all for much longer is given up on.
 */
import type { Clock } from '../../../shared/clock'
import { CommandAck, REPLAY_EVENT, type Expert, type SnapshotPosition } from '../../../shared/protocol'
import type { LocalReading } from '../../../shared/clock-offset'
import type { LinkConnection } from '../ports/link-transport'
import type { Logger } from '../ports/logger'
import { parseReplayPage, type ReplayPage } from './replay-page'

/** What a replay asks for beyond the cursor. */
export interface ReplayOptions {
  readonly limit?: number
  readonly maxBytes?: number
  /** The digest of the event at the cursor, for the platform to check it is still its history. */
  readonly digest?: string
  readonly snapshot?: boolean
  /** The next part of a snapshot sent in parts. */
  readonly snapshotAfter?: SnapshotPosition
}

/** What the caller of a replay hears about, and what it lends to read the answer. */
export interface ReplayHooks {
  /** The ack timeout passed and the answer is still on its way. */
  readonly onSlow?: () => void
  /** The expert to keep when a snapshot's own profile cannot be read. */
  readonly cachedExpert?: () => Expert | null
}

/** How one replay is sent and watched. */
export interface ReplayRequestDeps {
  readonly connection: LinkConnection
  readonly clock: Clock
  readonly log: Logger
  readonly slowAfterMs: number
  readonly giveUpAfterMs: number
  /** Called when the platform answered nothing for `giveUpAfterMs`. */
  readonly giveUp: (reason: string) => void
  /** The local clocks now, for the platform-clock estimate (undefined when nothing estimates it). */
  readonly reading: () => LocalReading | undefined
  /** Hands the exchange's local readings and the platform's time to the clock estimate. */
  readonly timed: (sent: LocalReading | undefined, serverTime: number | undefined) => void
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
  const giveUp = deps.clock.setTimeout(
    () => deps.giveUp(`The platform did not answer a replay within ${deps.giveUpAfterMs / 1000} s.`),
    deps.giveUpAfterMs,
  )
  let raw: unknown
  try {
    raw = await answer
  } finally {
    slow.cancel()
    giveUp.cancel()
  }
  const ack = CommandAck.safeParse(raw)
  if (!ack.success) throw new Error('The platform sent a malformed replay acknowledgement')
  deps.timed(sent, ack.data.serverTime)
  if (!ack.data.ok) throw new Error(`The platform refused the replay: ${ack.data.error.message}`)
  return parseReplayPage(ack.data.result, deps.log, hooks.cachedExpert)
}
