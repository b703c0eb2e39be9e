/**
 * When the platform clock wants an answer from the platform, which the link gets with a probe: an
 * idle expert's connection carries the platform's time only with its quiet checks, seconds apart,
 * and what the time decides in between (a reminder, an invite's closing) should not wait for one.
 * A wake over a step of the computer's clock is always asked about; other steps at most once per
 * STEP_ASK_GAP_MS (a clock that steps at every read, a broken one or a virtual machine's, would
 * otherwise have the link probe the platform without pause), and answers at odds with the estimate
 * at most ASKS_AT_ODDS times in a row, until one agrees (a platform that keeps at it gets no more).
 * Answers that scatter too widely for their middle to place the time are asked for until enough
 * are heard, paced and bounded per span of answers heard.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import { Listeners } from '../../../shared/listeners'
import type { Logger } from '../ports/logger'

/** The least time between two asks about steps of the computer's clock. */
export const STEP_ASK_GAP_MS = 2_000
/** How many more answers are asked for while answers keep disagreeing with the estimate. */
export const ASKS_AT_ODDS = 3

/**
 * An estimate that may be off by more than this (half the round trip of its quickest answer) is
 * asked about: a welcome's round trip counts the whole connecting, its time was stamped near the
 * end of it, and read at the middle the platform's time runs ahead and a reminder comes early.
 */
export const LOOSE_ESTIMATE_MS = 1_000

/** An answer at odds with the estimate by less than this is not asked about. */
export const WORTH_ASKING_MS = 2_000

/**
 * A live event stamped this far from the estimate is asked about: it was stamped a moment before it
 * was sent, so only a link held up that long (which the answer then bears out) or a clock read
 * wrong puts it there.
 */
export const EVENT_AT_ODDS_MS = 60_000
/** The least time between two asks about live events' stamps: a platform stamping every event oddly gets no more. */
export const EVENT_ASK_GAP_MS = 60_000

/** The least time between two asks for more answers while the answers heard scatter. */
export const SCATTER_ASK_GAP_MS = 1_000
/**
 * The most asks for more answers while they scatter, per SCATTER_ASKS_SPAN_MS: a platform whose
 * answers never settle, or a link whose answers are too slow to be heard, gets no more.
 */
export const SCATTER_ASKS_MAX = 64
/** The span SCATTER_ASKS_MAX is counted over: the answers heard are those of this span. */
export const SCATTER_ASKS_SPAN_MS = 30 * 60_000

/** What a step was read as, for the ask's reason. */
export type StepKind = 'step' | 'wake'

/** Decides when to ask the platform for its time, and tells `wanted` why. */
export class TimeAsks {
  /** Why an answer of the platform's is wanted now. */
  readonly wanted: Listeners<string>
  /** Answers asked for since one last agreed with the estimate (or the last reset), as others disagreed. */
  private disagreements = 0
  /** Answers asked for since the estimate was last as tight as LOOSE_ESTIMATE_MS (or the last reset). */
  private looseAsks = 0
  /** The monotonic reading when a step was last asked about. */
  private stepAskedAt = Number.NEGATIVE_INFINITY
  /** The ask about a step put off to the gap's end. */
  private later: TimerHandle | undefined
  /** The monotonic reading when a live event's stamp was last asked about. */
  private eventAskedAt = Number.NEGATIVE_INFINITY
  /** When (monotonic) each ask for more answers inside the last SCATTER_ASKS_SPAN_MS went, oldest first. */
  private scatterAskedAt: number[] = []
  /** The ask for more answers put off to the gap's end. */
  private scatterLater: TimerHandle | undefined

  /** `stillInDoubt` says, when a put-off ask comes due, what an answer would still settle (null: nothing). */
  constructor(
    private readonly clock: Clock,
    log: Logger,
    private readonly stillInDoubt: () => StepKind | null,
  ) {
    this.wanted = new Listeners((error) => log.error('A clock listener failed', error))
  }

  /** A step of the computer's clock (or a wake over one) left a doubt an answer settles. */
  step(kind: StepKind): void {
    const wait = this.stepAskedAt + STEP_ASK_GAP_MS - steadyNow(this.clock)
    if (kind === 'wake' || wait <= 0) {
      this.stepAskedAt = steadyNow(this.clock)
      this.ask(
        kind === 'wake' ? 'a wake over a step of the computer’s clock' : 'the computer’s clock stepped',
      )
      return
    }
    // Asked at the gap's end, if an answer has not settled it by then.
    this.later ??= this.clock.setTimeout(() => {
      this.later = undefined
      const kind = this.stillInDoubt()
      if (kind !== null) this.step(kind)
    }, wait)
  }

  /**
   * An answer is at odds with the estimate by `byMs`: one of them is wrong, and another answer says
   * which. Less than WORTH_ASKING_MS is not asked about: a platform whose clock reads whole seconds
   * is at odds by that much with most answers, and nothing the time decides moves for it.
   */
  disagree(byMs: number): void {
    if (byMs < WORTH_ASKING_MS || this.disagreements >= ASKS_AT_ODDS) return
    this.disagreements++
    this.ask('answers that disagree')
  }

  /**
   * A live event came stamped `byMs` from the estimate: the platform's clock may have been set, and
   * the event is judged now (an invite's closing), before the next quiet check's answer could say
   * so. At most once per EVENT_ASK_GAP_MS.
   */
  eventAtOdds(byMs: number): void {
    const now = steadyNow(this.clock)
    if (byMs < EVENT_AT_ODDS_MS || now - this.eventAskedAt < EVENT_ASK_GAP_MS) return
    this.eventAskedAt = now
    this.ask('a live event stamped at odds with the estimate')
  }

  /**
   * The estimate may be off by `uncertaintyMs`: a looser one than LOOSE_ESTIMATE_MS asks for a
   * quicker answer, at most ASKS_AT_ODDS times until one comes (a link whose every round trip is
   * that slow gets no more), rather than wait for the next quiet check: the gain is the first
   * minute after connecting, when a welcome's slow answer is all the estimate has.
   */
  measured(uncertaintyMs: number): void {
    if (uncertaintyMs <= LOOSE_ESTIMATE_MS) this.looseAsks = 0
    else if (this.looseAsks < ASKS_AT_ODDS) {
      this.looseAsks++
      this.ask('an answer too slow to tell the time within a second')
    }
  }

  /**
   * The answers heard scatter too widely for their middle (`wanted`, clock-scatter.ts): another is
   * asked for, one per SCATTER_ASK_GAP_MS and at most SCATTER_ASKS_MAX per SCATTER_ASKS_SPAN_MS,
   * as an idle link brings one only with each quiet check of the connection, and enough of those
   * take minutes. `stillWanted` says, when a put-off ask comes due, whether an answer since made it
   * needless.
   */
  scattered(wanted: boolean, stillWanted: () => boolean): void {
    if (!wanted || this.scatterLater !== undefined) return
    const now = steadyNow(this.clock)
    // Counted over the span before each ask: counted from the first ask of a span, asks late in
    // one and early in the next came to twice the bound within minutes.
    this.scatterAskedAt = this.scatterAskedAt.filter((at) => now - at < SCATTER_ASKS_SPAN_MS)
    if (this.scatterAskedAt.length >= SCATTER_ASKS_MAX) return
    const wait = (this.scatterAskedAt.at(-1) ?? Number.NEGATIVE_INFINITY) + SCATTER_ASK_GAP_MS - now
    if (wait > 0) {
      this.scatterLater = this.clock.setTimeout(() => {
        this.scatterLater = undefined
        this.scattered(stillWanted(), stillWanted)
      }, wait)
      return
    }
    this.scatterAskedAt.push(now)
    this.ask('answers that scatter too widely to place the time within a second')
  }

  /** An answer agreed with the estimate: a later one at odds is asked about again. */
  agreed(): void {
    this.disagreements = 0
  }

  /** A new platform, or none: its first answers may be asked about again. */
  reset(): void {
    this.agreed()
    this.looseAsks = 0
    this.scatterLater?.cancel()
    this.scatterLater = undefined
    this.scatterAskedAt = []
  }

  /** Ask nothing more. */
  stop(): void {
    this.later?.cancel()
    this.scatterLater?.cancel()
    this.later = this.scatterLater = undefined
  }

  /** Told once the current work is done: the asker may be in the middle of reading the time. */
  private ask(why: string): void {
    queueMicrotask(() => this.wanted.emit(why))
  }
}
