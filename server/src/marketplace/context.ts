/** What every marketplace operation works with: the database, the event log, the clock, settings. */
import type Database from 'better-sqlite3'
import type { Price } from '../../../src/shared/money/money'
import type { Clock } from '../../../src/shared/clock'
import { DEFAULT_FREE_CANCELLATION_HOURS } from '../../../src/shared/rules/cancellation-terms'
import type { EventLog } from '../event-log'
import { LOOKUP_BATCH } from '../expert-event-lookup'
import type { Logger } from '../logger'
import type { PlatformStore } from '../store/platform-store'
import { DEFAULT_REVIEW_THRESHOLD } from './review-stats'

/** Tunable marketplace rules. */
export interface MarketplaceConfig {
  /** How long an instant invite stays open. */
  readonly instantInviteTtlMs: number
  /** The longest a scheduled invite stays open (it also closes when its last proposed time passes). */
  readonly scheduledInviteTtlMs: number
  /** How many qualified experts a matched request goes to at once. */
  readonly defaultFanOut: number
  /** How many of each expert's newest events the platform keeps for replay. */
  readonly eventRetention: number
  /** How far back a snapshot reaches for ended and cancelled sessions. */
  readonly snapshotHistoryMs: number
  /** The rate per quarter hour of an expert created without one. */
  readonly defaultRate: Price
  /** The cancellation fee, in minor units of the expert's currency; fixed on each session when booked. */
  readonly cancellationFeeMinor: number
  /** Below this review average (1 to 5) the expert's standing is at risk, and the app warns them. */
  readonly reviewThreshold: number
  /** Cancelling a booked session is free until this many hours before its start; later costs a fee. */
  readonly freeCancellationHours: number
  /**
   * The most idempotency answers kept per expert within their window; past it the oldest go at
   * the next compaction, except the answers of decisions (see idempotency-bound.ts).
   */
  readonly maxIdempotencyKeysPerExpert: number
  /**
   * How many events' stream lookups are held at most after their fan-outs before they are written
   * together (expert-event-lookup.ts); every read that joins them writes them first.
   */
  readonly lookupBatchPlaces: number
  /** How many experts the held stream lookups name at most before they are written together. */
  readonly lookupBatchExperts: number
}

/** The defaults: 5-minute instant invites and free cancellation until a day before, as in the platform's rules. */
export const defaultMarketplaceConfig: MarketplaceConfig = {
  instantInviteTtlMs: 5 * 60_000,
  scheduledInviteTtlMs: 24 * 60 * 60_000,
  defaultFanOut: 5,
  eventRetention: 10_000,
  snapshotHistoryMs: 30 * 24 * 60 * 60_000,
  defaultRate: { amountMinor: 2_500, currency: 'USD' },
  cancellationFeeMinor: 1_000,
  reviewThreshold: DEFAULT_REVIEW_THRESHOLD,
  freeCancellationHours: DEFAULT_FREE_CANCELLATION_HOURS,
  maxIdempotencyKeysPerExpert: 10_000,
  lookupBatchPlaces: LOOKUP_BATCH.places,
  lookupBatchExperts: LOOKUP_BATCH.experts,
}

/**
 * The rules merged over the defaults, refused when a value would quietly defeat what it tunes: a
 * lookup batch of no experts or places (or a fraction, or less than none) would write the held lookups
 * after every change, at one write's cost per fan-out, and look like a working setting.
 */
export function marketplaceRules(config: Partial<MarketplaceConfig>): MarketplaceConfig {
  const rules = { ...defaultMarketplaceConfig, ...config }
  for (const key of ['lookupBatchPlaces', 'lookupBatchExperts'] as const) {
    const value = rules[key]
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(
        `The marketplace rule ${key} must be a whole number of 1 or more, not ${String(value)}: ` +
          `leave it out for the default of ${defaultMarketplaceConfig[key]}.`,
      )
    }
  }
  return rules
}

/** The dependencies of every marketplace operation. */
export interface MarketplaceContext {
  readonly db: Database.Database
  /** Prepares each SQL text once and hands back the same statement after: commands are a hot path. */
  readonly sql: Database.Database['prepare']
  readonly store: PlatformStore
  readonly events: EventLog
  readonly clock: Clock
  readonly config: MarketplaceConfig
  readonly logger: Logger
  /**
   * When each session's billing started on the steady clock, for those that started in this run:
   * the billed span is measured on it, so a wall clock set while a session runs charges no more or
   * less than the time that passed.
   */
  readonly billingStarts: Map<string, number>
  /** What the timed rules have logged as failing and not seen go through since, so each failure is said once. */
  readonly reportedFailures: Set<string>
}
