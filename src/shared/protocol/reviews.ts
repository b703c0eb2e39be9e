/**
 * What clients say about a session after it ends (a rating and a comment), the chargebacks the
 * platform records against sessions, and the review figures it keeps about an expert. Poor reviews
 * and chargebacks can get an expert removed, so the app warns when the platform's figures say so.
 */
import { z } from 'zod'
import { RATING_RANGE, REVIEW_WINDOW } from './review-limits'
import { Text } from './text'
import { Timestamp } from './time'

export { RATING_RANGE, REVIEW_WINDOW } from './review-limits'

/** A client's rating: a whole number of stars from 1 to 5. */
export const Rating = z
  .number({ message: 'A rating is a whole number of stars from 1 to 5' })
  .int({ message: 'A rating is a whole number of stars from 1 to 5, not a fraction' })
  .min(RATING_RANGE.min, { message: 'A rating is at least 1 star' })
  .max(RATING_RANGE.max, { message: 'A rating is at most 5 stars' })

/** What the client wrote beside the rating; may be empty. */
export const ReviewComment = Text({
  min: 0,
  max: 2_000,
  multiline: true,
  tooLong: 'A comment is at most 2,000 characters',
})

/** Why the client disputed the payment, as the payment provider reported it; may be empty. */
export const ChargebackReason = Text({ min: 0, max: 500, tooLong: 'A reason is at most 500 characters' })

/** A client's review of one ended session. A session is reviewed once. */
export const Review = z.object({
  rating: Rating,
  comment: ReviewComment,
  reviewedAt: Timestamp,
})
/** A client's review of one ended session. */
export type Review = z.infer<typeof Review>

/** A payment the client disputed and got back: recorded against the session, once. */
export const Chargeback = z.object({
  reason: ChargebackReason,
  recordedAt: Timestamp,
})
/** A payment the client disputed and got back. */
export type Chargeback = z.infer<typeof Chargeback>

/** A mean of ratings, from 1 to 5. */
const MeanRating = z.number().min(RATING_RANGE.min).max(RATING_RANGE.max)
/** How many reviews a mean covers. */
const ReviewCount = z.number().int().min(0).max(REVIEW_WINDOW)

/** The expert's reviews and chargebacks as the platform counts them, with the line it holds them to. */
export const ReviewStats = z.object({
  /** Mean rating of the latest reviewed sessions (at most REVIEW_WINDOW); null before any review. */
  average: MeanRating.nullable(),
  /** How many reviews `average` covers. */
  count: ReviewCount,
  /** Mean rating of the reviewed sessions before those (the trend's baseline); null when none. */
  previousAverage: MeanRating.nullable(),
  /** How many reviews `previousAverage` covers. */
  previousCount: ReviewCount,
  /** Below this average the expert's standing is at risk (the platform's setting). */
  threshold: MeanRating,
  /** Chargebacks recorded against the expert's sessions, in all. */
  chargebacks: z.number().int().nonnegative(),
  /** Of those, the ones recorded in the last 30 days (the platform's clock, when it sent these figures). */
  recentChargebacks: z.number().int().nonnegative(),
  /** When the latest chargeback was recorded; null when there is none. */
  lastChargebackAt: Timestamp.nullable(),
})
/** The expert's reviews and chargebacks as the platform counts them. */
export type ReviewStats = z.infer<typeof ReviewStats>
