/**
 * A bound on how fast one expert's connections may send. The expert's allowance (rate-limiter.ts)
 * refuses what is past it with an answer, but each message is still read, decoded and answered
 * first, and one that asks for no answer is not even counted: a client sending as fast as its link
 * allows would hold the platform's one thread and slow every other expert's answers and events. So
 * every message, answered or not, is counted before it is decoded, against one budget per expert
 * shared by all their connections (an expert may hold many sign-ins, each several sockets, and a
 * budget per connection multiplied with them). Once the budget is spent, the connections that drew
 * most of it lately are cut, with one log line each: whichever sends next may be the expert's own app
 * sending a little beside another device that floods. An app backs off when told it is rate limited,
 * and never comes near.
 */
import type { Socket } from 'socket.io'
import { CLOSING_EVENT, TOO_MANY_MESSAGES, type ClosingNotice } from '../../src/shared/protocol'
import type { LogFields, Logger } from './logger'
import { steadyNow, type Clock } from '../../src/shared/clock'
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
 * The part of its expert's budget a connection must have drawn lately to be cut when another of the
 * expert's connections finds the budget spent: far past what an app sends, so a device sending one
 * message at a time cannot have the expert's own app cut for the few it sent.
 */
export const HEAVY_SHARE = 0.25

/**
 * The most closed connections' draws one expert's budget remembers by where they came from: far
 * more than the places an expert signs in from, so only a client opening from ever new addresses
 * sheds its history, the lightest first.
 */
export const MOST_ORIGINS_REMEMBERED = 64

/** One connection's recent draw on its expert's budget, fading as fast as the budget refills. */
export interface ConnectionDraw {
  /** What it drew, faded to `at`. */
  share: number
  at: number
  /** Where it came from: its sign-in and address; a connection from the same place takes on what it drew. */
  readonly origin: string
  /** Cut the connection, once. */
  readonly cut: () => void
}

/** What closed connections from one origin drew, faded to `at`. */
interface PastDraw {
  share: number
  at: number
}

/**
 * One expert's flood budget, FLOOD_FACTOR times their allowance, shared by every connection they
 * hold, with each connection's recent share of what was drawn.
 */
export class ExpertFlood {
  private readonly bucket: TokenBucket
  private readonly draws = new Set<ConnectionDraw>()
  // Closed connections' draws by origin: a client cut for flooding that comes straight back, or
  // that opens a connection per message, carries what it drew, and is cut as the heavy one again.
  private readonly past = new Map<string, PastDraw>()

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {
    this.bucket = new TokenBucket(limit, clock)
  }

  /** Whether nothing holds it and it has refilled: one made afresh would be the same. */
  get idle(): boolean {
    if (this.draws.size > 0 || !this.bucket.full) return false
    const now = steadyNow(this.clock)
    for (const past of this.past.values()) if (this.fade(past, now) >= 1) return false
    return true
  }

  /** Take `cost` from the budget without a connection to count it against. */
  take(cost = 1): boolean {
    return this.bucket.take(cost)
  }

  /**
   * Count a connection from `origin`, cut with `cut`, against the budget until it leaves; it starts
   * with what closed connections from the same origin drew lately.
   */
  join(cut: () => void, origin: string): ConnectionDraw {
    const at = steadyNow(this.clock)
    const past = this.past.get(origin)
    this.past.delete(origin)
    const draw: ConnectionDraw = { share: past === undefined ? 0 : this.fade(past, at), at, origin, cut }
    this.draws.add(draw)
    return draw
  }

  /** Stop counting `draw`: its connection is closed; what it drew stays with its origin while it fades. */
  leave(draw: ConnectionDraw): void {
    if (!this.draws.delete(draw)) return
    const now = steadyNow(this.clock)
    const before = this.past.get(draw.origin)
    const share = this.fade(draw, now) + (before === undefined ? 0 : this.fade(before, now))
    if (share < 1) return void this.past.delete(draw.origin)
    this.past.delete(draw.origin)
    this.past.set(draw.origin, { share, at: now })
    if (this.past.size > MOST_ORIGINS_REMEMBERED) this.forgetLightest(now)
  }

  /**
   * Count `cost` drawn by `sender`, and name the connections to cut: none while the budget holds it;
   * once spent, the others that drew far more of it lately than `sender` did (and `sender` is read
   * on, the cut being what bounds it); with none such, every connection from an origin that drew as
   * much together, counting its closed connections; with none such either, the heaviest of those
   * that drew more than `sender`, as many as drew as much together; or `sender` itself.
   */
  draw(sender: ConnectionDraw, cost: number): readonly ConnectionDraw[] {
    const now = steadyNow(this.clock)
    this.fade(sender, now)
    sender.share += cost
    if (this.bucket.take(cost)) return []
    const heaviness = this.limit.burst * HEAVY_SHARE
    const heavy: ConnectionDraw[] = []
    // What each origin drew together: its live connections and its closed ones.
    const byOrigin = new Map<string, number>()
    for (const [origin, past] of this.past) byOrigin.set(origin, this.fade(past, now))
    for (const other of this.draws) {
      if (other !== sender) this.fade(other, now)
      byOrigin.set(other.origin, (byOrigin.get(other.origin) ?? 0) + other.share)
      if (other !== sender && other.share >= heaviness && other.share > sender.share) heavy.push(other)
    }
    if (heavy.length > 0) return heavy
    // None heavy alone: many light connections from one place (or one reconnecting after each
    // cut) keep the budget spent together, and are cut together, the sender too when it is one.
    const swarm = [...this.draws].filter((other) => {
      const together = byOrigin.get(other.origin) ?? 0
      return together >= heaviness && together > sender.share
    })
    if (swarm.length > 0) return swarm
    return this.heavierTogether(sender, heaviness) ?? [sender]
  }

  /**
   * A swarm spread over many sign-ins or addresses, light by origin too: the connections that drew
   * more than `sender`, heaviest first, as many as drew a heavy share together (a device of the
   * expert's sending a little is the last to go); null when even all of them drew less.
   */
  private heavierTogether(sender: ConnectionDraw, heaviness: number): ConnectionDraw[] | null {
    const heavier = [...this.draws]
      .filter((other) => other !== sender && other.share > sender.share)
      .sort((a, b) => b.share - a.share)
    let together = 0
    for (const [taken, other] of heavier.entries()) {
      together += other.share
      if (together >= heaviness) return heavier.slice(0, taken + 1)
    }
    return null
  }

  // Fades as the budget refills: a connection sending at the refill rate holds about the whole burst.
  private fade(draw: { share: number; at: number }, now: number): number {
    const since = Math.max(0, now - draw.at)
    draw.share *= Math.exp((-since / 1000) * (this.limit.perSecond / this.limit.burst))
    draw.at = now
    return draw.share
  }

  private forgetLightest(now: number): void {
    let lightest: string | undefined
    let least = Infinity
    for (const [origin, past] of this.past) {
      const share = this.fade(past, now)
      if (share < least) [lightest, least] = [origin, share]
    }
    if (lightest !== undefined) this.past.delete(lightest)
  }
}

/**
 * Each expert's flood budget, kept across reconnects (a budget that started full on each new socket
 * would let a client that reconnects after each cut send on for ever) until no connection holds it
 * and it has refilled: then it is dropped.
 */
export class ExpertFloodBudgets {
  private readonly budgets = new Map<string, ExpertFlood>()
  // Idle budgets are dropped (a fresh one is the same) each time the map doubles since the last sweep.
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
  of(expertId: string): ExpertFlood {
    let budget = this.budgets.get(expertId)
    if (budget === undefined) {
      const { burst, perSecond } = this.limit
      budget = new ExpertFlood(
        { burst: burst * FLOOD_FACTOR, perSecond: perSecond * FLOOD_FACTOR },
        this.clock,
      )
      this.budgets.set(expertId, budget)
      if (this.budgets.size >= 2 * this.sweptAt) {
        for (const [id, kept] of this.budgets) if (kept.idle && id !== expertId) this.budgets.delete(id)
        this.sweptAt = this.budgets.size
      }
    }
    return budget
  }
}

/**
 * Count what `socket` sends against its expert's `budget`; once it is spent, cut the connections
 * that drew most of it lately, each with one log line.
 */
export function limitIncomingFlood(
  socket: Socket,
  budget: ExpertFlood,
  limit: RateLimit,
  logger: Logger,
  fields: LogFields,
): void {
  let cut = false
  // Its sign-in and address: a reconnect from the same place is the same client as far as can be told.
  const origin = `${String(socket.data.tokenHash)} ${socket.handshake.address}`
  const draw = budget.join(() => {
    if (cut) return
    cut = true
    budget.leave(draw)
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
  }, origin)
  socket.once('disconnect', () => budget.leave(draw))
  // Before socket.io decodes the message: the cost being bounded is the decoding and answering.
  socket.conn.on('packet', (packet: ReceivedPacket) => {
    if (cut || packet.type !== 'message') return
    for (const heavy of budget.draw(draw, costOf(packet, limit.burst))) heavy.cut()
  })
}
