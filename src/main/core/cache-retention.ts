/**
 * Keeps the cache bounded over months of running: a pass of the cache's retention (what goes and
 * why: src/main/db/retention-policy.ts) a while after start and then on a long timer. A pass runs
 * in small batches, each its own short transaction, with a turn of the event loop between them,
 * so an invite arriving meanwhile is applied and shown between two batches, not after the pass.
 * Ages are counted on the platform's clock, as every time in the cache is the platform's, and only
 * once this run has measured it: until then the platform's time is the computer's clock or the
 * offset an earlier run kept, and a computer clock set days ahead would make the rows and marks
 * of days still to come look old, and drop them (a reminder whose mark goes fires again).
 */
import type { Clock, TimerHandle } from '../../shared/clock'
import type { CacheStore, RetentionProgress } from './ports/cache-store'
import type { Logger } from './ports/logger'

/**
 * The first pass waits this long after start: it is never on the path to the first page, and a
 * start is when the app is busiest (sign-in, catching up, the window's first reads).
 */
export const RETENTION_FIRST_AFTER_MS = 2 * 60_000

/** How often a pass runs after the first: what it drops is days old, so a few times a day is plenty. */
export const RETENTION_EVERY_MS = 6 * 60 * 60_000

/** What the retention needs. */
export interface CacheRetentionDeps {
  readonly cache: CacheStore
  /** The computer's clock: the timers. */
  readonly clock: Clock
  /** The platform's time as estimated here: what ages are counted in. */
  readonly platformTime: Clock
  /** Whether the platform's time was measured this run and borne out by a second answer; a pass waits until it is. */
  readonly platformMeasured: () => boolean
  readonly log: Logger
}

/** Runs the cache's retention now and then, a batch at a time. */
export class CacheRetention {
  private timer: TimerHandle | undefined
  private running = false
  /** Said once per run: the log would otherwise repeat it at every try while offline. */
  private toldUnmeasured = false

  constructor(private readonly deps: CacheRetentionDeps) {}

  /** Schedule the first pass; the next ones follow it. */
  start(): void {
    this.stop()
    this.schedule(RETENTION_FIRST_AFTER_MS)
  }

  /** Stop, between two batches if a pass is under way. */
  stop(): void {
    this.running = false
    this.timer?.cancel()
    this.timer = undefined
  }

  private schedule(delayMs: number): void {
    this.timer = this.deps.clock.setTimeout(() => {
      if (!this.deps.platformMeasured()) return this.putOff()
      this.running = true
      this.batch(undefined)
    }, delayMs)
  }

  private batch(from: RetentionProgress | undefined): void {
    if (!this.running) return
    let progress: RetentionProgress
    try {
      progress = this.deps.cache.trimBatch(this.deps.platformTime.now(), from)
    } catch (error) {
      // A busy or full disk: nothing is lost by waiting, and the next pass starts over.
      this.deps.log.warn('Could not trim the offline cache; trying again later', error)
      this.finish()
      return
    }
    if (progress.position === null) {
      if (progress.removed > 0)
        this.deps.log.info(`Trimmed ${progress.removed} old rows from the offline cache`)
      this.finish()
      return
    }
    // A turn of the event loop between batches: what arrived meanwhile goes first.
    this.timer = this.deps.clock.setTimeout(() => this.batch(progress), 0)
  }

  /** The platform's time is not known yet: try again a while later, as at start. */
  private putOff(): void {
    if (!this.toldUnmeasured)
      this.deps.log.info(
        "The offline cache is not trimmed until the platform's clock is measured: by this computer's clock alone, rows still needed could look old.",
      )
    this.toldUnmeasured = true
    this.schedule(RETENTION_FIRST_AFTER_MS)
  }

  private finish(): void {
    this.running = false
    this.schedule(RETENTION_EVERY_MS)
  }
}
