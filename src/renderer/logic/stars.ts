/** A rating as stars in text, with the words a screen reader says for it: never an image alone. */
import { RATING_RANGE } from '../../shared/protocol/review-limits'

/** Filled stars for the rating, hollow ones for the rest: "★★★★☆" for 4. */
export function starsText(rating: number): string {
  const filled = Math.min(RATING_RANGE.max, Math.max(0, Math.round(rating)))
  return '★'.repeat(filled) + '☆'.repeat(RATING_RANGE.max - filled)
}

/** What the stars say: "Rated 4 out of 5". */
export function ratingLabel(rating: number): string {
  return `Rated ${rating} out of ${RATING_RANGE.max}`
}
