/**
 * The signed-in expert as it crosses the wire: availability and who set it, and the figures the
 * platform keeps (response times, earnings, reviews). entities.ts re-exports every name here.
 */
import { z } from 'zod'
import { EarningsSummary } from '../money/earnings-summary'
import { Price } from '../money/money'
import { Id, PersonName, Tag, ZoneName } from './entity-fields'
import { ReviewStats } from './reviews'
import { DurationMs, Timestamp } from './time'

/** What the expert has told the platform about taking new work. */
export const Availability = z.enum(['online', 'away', 'busy', 'offline'])
/** What the expert has told the platform about taking new work. */
export type Availability = z.infer<typeof Availability>

/**
 * Who set the availability: the expert (`chosen`), or a rule acting for them: a live session
 * (busy), the app seeing the computer idle or its screen locked (away), or "online until"
 * passing (away). Only what a rule set is ever undone by one: the expert's own choice stands.
 */
export const AvailabilityCause = z.enum(['chosen', 'session', 'idle', 'screen_locked', 'online_until'])
/** Who set the availability: the expert, or a rule acting for them. */
export type AvailabilityCause = z.infer<typeof AvailabilityCause>

/** The longest idle time the wire carries, in minutes: a day; a longer one is said as a day. */
export const IDLE_MINUTES_MAX = 1440
/** How long the computer had been idle when an idle rule set away, in whole minutes. */
export const IdleMinutes = z.number().int().min(1).max(IDLE_MINUTES_MAX)

/** The automatic changes the app asks for: away while idle or locked, and back when the expert is. */
export const AutoAvailability = z.enum(['idle', 'screen_locked', 'back'])
/** The automatic changes the app asks for. */
export type AutoAvailability = z.infer<typeof AutoAvailability>

/** How the expert answered the invites sent in one recent window (the last 7 or 30 days). */
export const ResponseWindow = z.object({
  /** Median time from sent to answered; null when nothing in the window was answered. */
  medianMs: DurationMs.nullable(),
  /** The time nine answers in ten beat (nearest rank); null when nothing was answered. */
  p90Ms: DurationMs.nullable(),
  answered: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  /** Invites that expired unanswered. */
  missed: z.number().int().nonnegative(),
  /** Accepted over accepted, declined and missed; null when there were none. */
  acceptanceRate: z.number().min(0).max(1).nullable(),
})
/** How the expert answered the invites sent in one recent window. */
export type ResponseWindow = z.infer<typeof ResponseWindow>

/** Response figures over recent windows, beside the platform's own average response time. */
export const RecentResponseStats = z.object({
  last7Days: ResponseWindow,
  last30Days: ResponseWindow,
  platformAverageMs: DurationMs,
})
/** Response figures over recent windows, beside the platform's own average. */
export type RecentResponseStats = z.infer<typeof RecentResponseStats>

/** The figures the platform keeps about an expert. */
export const ExpertStats = z.object({
  /** Mean time from an invite being sent to the expert answering it; null before any answer. */
  averageResponseMs: DurationMs.nullable(),
  /**
   * Mean of every review rating the platform holds for the expert, 1 to 5 (until the first review,
   * an account's rating from before reviews were recorded); null when there is none.
   */
  rating: z.number().min(1).max(5).nullable(),
  sessionsDone: z.number().int().nonnegative(),
  /** Recent response figures; a platform that does not send them leaves them null. */
  recent: RecentResponseStats.nullable().default(null),
  /** Earnings this week, this month and per week; null from a platform that does not sum them. */
  earnings: EarningsSummary.nullable().default(null),
  /** Review average, trend and chargebacks; a platform that does not send them leaves them null. */
  reviews: ReviewStats.nullable().default(null),
})
/** The figures the platform keeps about an expert. */
export type ExpertStats = z.infer<typeof ExpertStats>

/** The signed-in expert. */
export const Expert = z.object({
  id: Id,
  name: PersonName,
  email: z.email().max(320),
  timeZone: ZoneName,
  availability: Availability,
  /** When set, the platform switches an online expert to away at this time. */
  onlineUntil: Timestamp.nullable(),
  /** Who set `availability`; a platform that does not say is taken to mean the expert did. */
  availabilityCause: AvailabilityCause.default('chosen'),
  /** When an idle rule set away: how long the computer had been idle, in whole minutes. */
  idleMinutes: IdleMinutes.nullable().default(null),
  tags: z.array(Tag).max(50),
  stats: ExpertStats,
  /** The price of a quarter hour of billable time; null from a platform that does not say. */
  rate: Price.nullable().default(null),
})
/** The signed-in expert. */
export type Expert = z.infer<typeof Expert>
