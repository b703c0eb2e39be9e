/**
 * A bound on how fast one expert's connections may send. The expert's allowance (rate-limiter.ts)
 * refuses what is past it with an answer, but each message is still read, decoded and answered
 * first, and one that asks for no answer is not even counted: a client sending as fast as its link
 * allows would hold the platform's one thread and slow every other expert's answers and events. So
 * every message, answered or not, is counted before it is decoded, against one budget per expert
 * shared by all their connections (an expert may hold many sign-ins, each several sockets, and a
 * budget per connection multiplied with them), and a connection that sends once the budget is
 * spent is cut, with one log line; an app backs off when told it is rate limited, and never comes near.
 */
import type { Socket } from 'socket.io'
import type { Clock } from '../../src/shared/clock'
import { CLOSING_EVENT, TOO_MANY_MESSAGES, type ClosingNotice } from '../../src/shared/protocol'
import type { LogFields, Logger } from './logger'
import { TokenBucket, type RateLimit } from './rate-limiter'

/**
 * How many times its expert's allowance one connection may send before it is cut: room for an app
 * that retries each refused message once after the wait it was told, and for a burst of replays.
 */
export const FLOOD_FACTOR = 4

/**
 * The size a message may have and still count once (characters of text, bytes of an attachment):
 * every command and replay an app sends fits,
 * while a larger message counts once more for each such share it holds, since reading it costs in
 * proportion; a client sending the largest messages the platform reads is cut that much sooner.
 */
export const FLOOD_BYTES_PER_MESSAGE = 4096

/** An engine.io packet as received: only messages carry what socket.io decodes. */
interface ReceivedPacket {
  readonly type?: string
  readonly data?: unknown
}

/** The length of what `packet` carries: characters of text, bytes of an attachment. */
function sizeOf({ data }: ReceivedPacket): number {
  if (typeof data === 'string') return data.length
  return ArrayBuffer.isView(data) || data instanceof ArrayBuffer ? data.byteLength : 0
}

/**
 * What reading `packet` counts for, at most `most`: a whole allowance of its expert's, so the
 * largest frame the platform reads is answered (refused as too large) and the connection carries
 * on, whatever the allowance is set to, while a client sending such frames again and again is cut.
 */
function costOf(packet: ReceivedPacket, most: number): number {
  return Math.min(most, 1 + Math.floor(sizeOf(packet) / FLOOD_BYTES_PER_MESSAGE))
}

/**
 * Each expert's flood budget, FLOOD_FACTOR times their allowance, shared by every connection they
 * hold and kept across reconnects (a budget that started full on each new socket would let a client
 * that reconnects after each cut send on for ever), until it has refilled: then it is dropped.
 */
export class ExpertFloodBudgets {
  private readonly budgets = new Map<string, TokenBucket>()
  // Full budgets are dropped (a fresh one is the same) each time the map doubles since the last sweep.
  private sweptAt = 1

  /** How many experts' budgets are held. */
  get size(): number {
    return this.budgets.size
  }

  constructor(
    readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** The budget every connection of `expertId` draws on. */
  of(expertId: string): TokenBucket {
    let budget = this.budgets.get(expertId)
    if (budget === undefined) {
      const { burst, perSecond } = this.limit
      budget = new TokenBucket(
        { burst: burst * FLOOD_FACTOR, perSecond: perSecond * FLOOD_FACTOR },
        this.clock,
      )
      this.budgets.set(expertId, budget)
      if (this.budgets.size >= 2 * this.sweptAt) {
        for (const [id, kept] of this.budgets) if (kept.full && id !== expertId) this.budgets.delete(id)
        this.sweptAt = this.budgets.size
      }
    }
    return budget
  }
}

/** Cut `socket`'s connection, with one log line, once it sends when its expert's `budget` is spent. */
export function limitIncomingFlood(
  socket: Socket,
  budget: TokenBucket,
  limit: RateLimit,
  logger: Logger,
  fields: LogFields,
): void {
  let cut = false
  // Before socket.io decodes the message: the cost being bounded is the decoding and answering.
  socket.conn.on('packet', (packet: ReceivedPacket) => {
    if (cut || packet.type !== 'message' || budget.take(costOf(packet, limit.burst))) return
    cut = true
    logger.warn(
      'connection cut: the client sent far more messages than its expert’s allowance, over all their connections',
      fields,
    )
    // Said before the cut, so the app tells its expert why rather than that the platform closed it;
    // engine.io writes what is queued before it closes.
    socket.emit(CLOSING_EVENT, { reason: TOO_MANY_MESSAGES } satisfies ClosingNotice)
    // Marked disconnected at once, so the messages already read in the same chunk are dropped
    // unanswered; engine.io drops whatever comes after on a closing connection unread.
    socket.disconnect(true)
  })
}
