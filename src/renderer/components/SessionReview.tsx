/** What the client said about a past session (stars and comment) and a chargeback, on one line. */
import type { Session } from '../../shared/protocol/entities'
import { isolated, noticeText, theirs } from '../logic/isolate'
import { ratingLabel, starsText } from '../logic/stars'
import { HistoryLine } from './HistoryLine'

/**
 * The review line of a History row; nothing when the session has neither review nor chargeback.
 * The comment is what gives way when the line is too long: the stars and "Charged back" stay.
 */
export function SessionReview({ session }: { readonly session: Session }) {
  // A session cached by an older version may lack the fields altogether.
  const review = session.review ?? null
  const chargeback = session.chargeback ?? null
  if (review === null && chargeback === null) return null
  // The whole line for the eye when even the stars and "Charged back" are cut short.
  const whole = [
    review === null ? '' : starsText(review.rating),
    review === null || review.comment === '' ? '' : `“${isolated(review.comment)}”`,
    chargeback === null ? '' : 'Charged back',
  ]
    .filter((part) => part !== '')
    .join(' ')
  return (
    <span className="history-review" title={whole}>
      {review !== null && (
        <>
          <span className="stars" role="img" aria-label={ratingLabel(review.rating)}>
            {starsText(review.rating)}
          </span>
          {review.comment !== '' && (
            <HistoryLine className="review-comment" text={noticeText` “${theirs(review.comment)}”`} />
          )}
        </>
      )}
      {chargeback !== null && <span className="chargeback warning-text"> Charged back</span>}
    </span>
  )
}
