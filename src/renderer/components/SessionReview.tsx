/** What the client said about a past session (stars and comment) and a chargeback, on one line. */
import type { Session } from '../../shared/protocol/entities'
import { ratingLabel, starsText } from '../logic/stars'

/** The review line of a History row; nothing when the session has neither review nor chargeback. */
export function SessionReview({ session }: { readonly session: Session }) {
  // A session cached by an older version may lack the fields altogether.
  const review = session.review ?? null
  const chargeback = session.chargeback ?? null
  if (review === null && chargeback === null) return null
  return (
    <span className="history-review">
      {review !== null && (
        <>
          <span className="stars" role="img" aria-label={ratingLabel(review.rating)}>
            {starsText(review.rating)}
          </span>
          {review.comment !== '' && (
            <span className="review-comment">
              {' '}
              “<bdi>{review.comment}</bdi>”
            </span>
          )}
        </>
      )}
      {chargeback !== null && <span className="chargeback warning-text"> Charged back</span>}
    </span>
  )
}
