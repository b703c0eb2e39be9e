import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ReviewFigures } from '../../../src/renderer/components/ReviewFigures'
import { SessionReview } from '../../../src/renderer/components/SessionReview'
import { ratingLabel, starsText } from '../../../src/renderer/logic/stars'
import { standingBannerWords } from '../../../src/shared/rules/standing'
import { aSession, endedSession, FIXTURE_NOW } from '../../support/fixtures'
import { reviewFigures } from '../../support/review-fixtures'

const text = (html: string): string => html.replace(/<[^>]+>/g, '')

describe('reviews in the window', () => {
  it('writes a rating as stars in text with words for a screen reader', () => {
    expect(starsText(4)).toBe('★★★★☆')
    expect(starsText(1)).toBe('★☆☆☆☆')
    expect(ratingLabel(4)).toBe('Rated 4 out of 5')
    const session = {
      ...endedSession(aSession(), FIXTURE_NOW),
      review: { rating: 2, comment: 'Mostly me explaining', reviewedAt: FIXTURE_NOW },
      chargeback: { reason: '', recordedAt: FIXTURE_NOW },
    }
    const html = renderToStaticMarkup(<SessionReview session={session} />)
    expect(html).toContain('role="img" aria-label="Rated 2 out of 5"')
    expect(text(html)).toBe('★★☆☆☆ “Mostly me explaining” Charged back')
    expect(renderToStaticMarkup(<SessionReview session={aSession()} />)).toBe('')
  })

  it('shows the average of the last reviewed sessions, the trend against those before, and chargebacks', () => {
    const html = renderToStaticMarkup(
      <ReviewFigures
        reviews={reviewFigures(3.9, {
          count: 30,
          previousAverage: 4.4,
          previousCount: 30,
          chargebacks: 2,
          recentChargebacks: 1,
        })}
      />,
    )
    expect(text(html)).toContain('3.9 / 5 ★★★★☆')
    expect(text(html)).toContain('Average of your last 30 reviewed sessions')
    expect(text(html)).toContain('Down from the 30 before (4.4)')
    expect(text(html)).toContain('Below the platform’s 4.0')
    expect(text(html)).toContain('2 chargebacks, 1 in the last 30 days')
    expect(text(renderToStaticMarkup(<ReviewFigures reviews={reviewFigures(null)} />))).toContain(
      'No reviews yet',
    )
    expect(renderToStaticMarkup(<ReviewFigures reviews={null} />)).toBe('')
  })

  it('puts up the banner while the average is below the threshold or a chargeback is recent, and says what to do', () => {
    expect(standingBannerWords(reviewFigures(4))).toBeNull()
    expect(standingBannerWords(null)).toBeNull()
    expect(standingBannerWords(reviewFigures(3.8))?.body).toBe(
      'Your average over your last 30 reviewed sessions is 3.8, below the platform’s 4.0. Poor reviews and chargebacks can lead to removal from the platform: take only sessions you can quickly help with.',
    )
    expect(standingBannerWords(reviewFigures(4.5, { chargebacks: 3, recentChargebacks: 1 }))?.body).toMatch(
      /^A chargeback was recorded in the last 30 days\. Poor reviews/,
    )
    expect(standingBannerWords(reviewFigures(4.5, { chargebacks: 3, recentChargebacks: 0 }))).toBeNull()
  })
})
