/**
 * My stats' review figures: the average over the latest reviewed sessions beside the platform's
 * threshold, the trend (that average against the sessions reviewed before them) and chargebacks.
 */
import type { ReviewStats } from '../../shared/protocol/reviews'
import { REVIEW_WINDOW } from '../../shared/protocol/review-limits'
import {
  averageBelowThreshold,
  formatAverage,
  reviewTrend,
  STANDING_ADVICE,
} from '../../shared/rules/standing'
import { ratingLabel, starsText } from '../logic/stars'

/** The Reviews entry of the stats list; nothing from a platform that sends no review figures. */
export function ReviewFigures({ reviews }: { readonly reviews: ReviewStats | null }) {
  if (reviews === null) return null
  return (
    <div className="stat stat-wide">
      <dt>Reviews</dt>
      <dd>
        <ReviewAverage reviews={reviews} />
        <p className={`review-chargebacks ${reviews.chargebacks > 0 ? 'warning-text' : 'muted'}`}>
          {chargebackLine(reviews)}
        </p>
        <details className="review-help">
          <summary>What counts toward your standing</summary>
          <p>
            The platform warns you when the average of your last {REVIEW_WINDOW} reviewed sessions falls below{' '}
            {formatAverage(reviews.threshold)}, and for every chargeback. {STANDING_ADVICE}
          </p>
        </details>
      </dd>
    </div>
  )
}

function ReviewAverage({ reviews }: { readonly reviews: ReviewStats }) {
  if (reviews.average === null) return <p className="muted stat-none">No reviews yet</p>
  const below = averageBelowThreshold(reviews) === true
  const rounded = Math.round(reviews.average)
  return (
    <div className="review-figures">
      <p className="stat-value">
        {formatAverage(reviews.average)}
        <span className="stat-unit"> / 5 </span>
        <span className="stars" role="img" aria-label={ratingLabel(rounded)}>
          {starsText(rounded)}
        </span>
      </p>
      <p className="muted">
        Average of your last {reviews.count} reviewed {reviews.count === 1 ? 'session' : 'sessions'}
      </p>
      <p className="review-trend">{trendLine(reviews)}</p>
      <p className={below ? 'warning-text' : 'good-text'}>
        {below ? 'Below' : 'At or above'} the platform’s {formatAverage(reviews.threshold)}
      </p>
    </div>
  )
}

function trendLine(reviews: ReviewStats): string {
  const trend = reviewTrend(reviews)
  if (trend === null || reviews.previousAverage === null) return 'No earlier reviews to compare with yet'
  const before = `the ${reviews.previousCount} before (${formatAverage(reviews.previousAverage)})`
  switch (trend) {
    case 'up':
      return `Up from ${before}`
    case 'down':
      return `Down from ${before}`
    case 'steady':
      return `The same as ${before}`
  }
}

function chargebackLine(reviews: ReviewStats): string {
  if (reviews.chargebacks === 0) return 'No chargebacks'
  const all =
    reviews.chargebacks === 1 ? '1 chargeback' : `${reviews.chargebacks.toLocaleString()} chargebacks`
  return `${all}, ${reviews.recentChargebacks.toLocaleString()} in the last 30 days`
}
