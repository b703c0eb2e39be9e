/**
 * When the platform clock wants an answer from the platform, which the link gets with a probe: an
 * idle expert's connection carries no time for hours, and some doubts only the platform can settle.
 * A wake over a step of the computer's clock is always asked about; other steps at most once per
 * STEP_ASK_GAP_MS (a clock that steps at every read, a broken one or a virtual machine's, would
 * otherwise have the link probe the platform without pause), and first answers that disagree at
 * most ASKS_WHILE_UNCONFIRMED times until a reset (a platform that keeps at it gets no more).
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import { Listeners } from '../../../shared/listeners'
import type { Logger } from '../ports/logger'

/** The least time between two asks about steps of the computer's clock. */
export const STEP_ASK_GAP_MS = 2_000
/** How many more answers are asked for when the first ones disagree. */
export const ASKS_WHILE_UNCONFIRMED = 3

/** What a step was read as, for the ask's reason. */
export type StepKind = 'step' | 'wake'

/** Decides when to ask the platform for its time, and tells `wanted` why. */
export class TimeAsks {
  /** Why an answer of the platform's is wanted now. */
  readonly wanted: Listeners<string>
  /** Answers asked for since the last reset because the first ones disagreed. */
  private disagreements = 0
  /** The monotonic reading when a step was last asked about. */
  private stepAskedAt = Number.NEGATIVE_INFINITY
  /** The ask about a step put off to the gap's end. */
  private later: TimerHandle | undefined

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

  /** The first answers disagree: one of them is wrong, and another answer says which. */
  disagree(): void {
    if (this.disagreements >= ASKS_WHILE_UNCONFIRMED) return
    this.disagreements++
    this.ask('answers that disagree')
  }

  /** A new platform, or none: its first answers may be asked about again. */
  reset(): void {
    this.disagreements = 0
  }

  /** Ask nothing more. */
  stop(): void {
    this.later?.cancel()
    this.later = undefined
  }

  /** Told once the current work is done: the asker may be in the middle of reading the time. */
  private ask(why: string): void {
    queueMicrotask(() => this.wanted.emit(why))
  }
}
