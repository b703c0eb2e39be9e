import { describe, expect, it } from 'vitest'
import { Expert, PlatformEvent, Session } from '../../../../src/shared/protocol'
import { anExpert, aSession } from '../../../support/fixtures'

describe('reviews on the wire', () => {
  it('reads a session and an expert from a platform without reviews as having none', () => {
    const { review: _r, chargeback: _c, ...older } = aSession()
    expect(Session.parse(older)).toMatchObject({ review: null, chargeback: null })
    const expert = anExpert()
    const { reviews: _none, ...olderStats } = expert.stats
    expect(Expert.parse({ ...expert, stats: olderStats }).stats.reviews).toBeNull()
  })

  it('carries a review in session.updated, so a stream an older app follows stays readable', () => {
    const session = {
      ...aSession(),
      review: { rating: 5, comment: 'Great', reviewedAt: Date.UTC(2026, 0, 5) },
    }
    const event = { id: 1, at: Date.UTC(2026, 0, 5), type: 'session.updated', payload: { session } }
    expect(PlatformEvent.parse(event)).toEqual(event)
  })

  it('refuses a review the platform could not have recorded', () => {
    const at = Date.UTC(2026, 0, 5)
    for (const rating of [0, 6, 4.5]) {
      expect(
        Session.safeParse({ ...aSession(), review: { rating, comment: '', reviewedAt: at } }).success,
      ).toBe(false)
    }
  })
})
