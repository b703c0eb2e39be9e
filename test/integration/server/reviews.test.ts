import { describe, expect, it } from 'vitest'
import { Expert, Session, type Outcome } from '../../../src/shared/protocol'
import { adminFetch } from '../../support/admin-api'
import { endedSessionOn } from '../../support/ended-session'
import { useTestPlatform } from '../../support/test-platform'

describe('reviews and chargebacks on the platform', () => {
  const platform = useTestPlatform()
  const endedSession = (outcome?: Outcome, expertId?: string) => endedSessionOn(platform(), outcome, expertId)

  const review = (sessionId: string, body: unknown) =>
    adminFetch(platform().server, 'POST', `/admin/sessions/${sessionId}/review`, body)
  const chargeback = (sessionId: string, body: unknown) =>
    adminFetch(platform().server, 'POST', `/admin/sessions/${sessionId}/chargeback`, body)
  const refusal = async (response: Response) =>
    ((await response.json()) as { error: { code: string; message: string } }).error

  it('records a review once and tells the expert’s devices the session and the new figures', async () => {
    const { expertId, sessionId } = endedSession()
    const socket = await platform().connect(platform().server.tokens.issue(expertId, platform().clock.now()))

    const response = await review(sessionId, { rating: 4, comment: '  Quick and clear.\r\nThanks! ' })
    expect(response.status).toBe(200)
    const reviewedAt = platform().clock.now()
    const expected = { rating: 4, comment: 'Quick and clear.\nThanks!', reviewedAt }
    expect(((await response.json()) as { session: Session }).session.review).toEqual(expected)

    const updated = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.review !== null,
    )
    // The app parses what the wire carries: the review is part of the session.
    expect(Session.parse(updated.type === 'session.updated' && updated.payload.session).review).toEqual(
      expected,
    )
    const figures = await socket.waitForEvent(
      (e) => e.type === 'expert.updated' && e.payload.expert.stats.reviews?.count === 1,
    )
    const stats = Expert.parse(figures.type === 'expert.updated' && figures.payload.expert).stats
    expect(stats.reviews).toMatchObject({ average: 4, count: 1, previousAverage: null, threshold: 4 })
    expect(stats.rating).toBe(4)

    const again = await review(sessionId, { rating: 5 })
    expect(again.status).toBe(409)
    expect(await refusal(again)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already reviewed \(4 of 5 stars.*a session is reviewed once/),
    })
    expect(platform().server.marketplace.store.session(sessionId).review).toEqual(expected)
    expect(platform().logger.lines.some((line) => line.includes('review refused'))).toBe(true)
  })

  it('keeps an account’s earlier rating until its first review, then averages every review', () => {
    const marketplace = platform().server.marketplace
    const expertId = marketplace.createExpert({
      name: 'Rated Before',
      email: 'rated-before@example.test',
      passwordHash: 'unused',
      timeZone: 'Europe/Berlin',
      tags: [],
      rating: 4.9,
    })
    const rating = () => marketplace.store.expert(expertId).stats.rating
    expect(rating()).toBe(4.9)
    marketplace.review(endedSession(undefined, expertId).sessionId, { rating: 3 })
    marketplace.review(endedSession(undefined, expertId).sessionId, { rating: 4 })
    expect(rating()).toBe(3.5)
  })

  it.each([
    ['0 stars', { rating: 0 }, 'rating — A rating is at least 1 star'],
    ['6 stars', { rating: 6 }, 'rating — A rating is at most 5 stars'],
    [
      '1.5 stars',
      { rating: 1.5 },
      'rating — A rating is a whole number of stars from 1 to 5, not a fraction',
    ],
    ['a rating as text', { rating: '5' }, 'rating — A rating is a whole number of stars from 1 to 5'],
    ['no rating', {}, 'rating — A rating is a whole number of stars from 1 to 5'],
    [
      'a comment of 2,001 characters',
      { rating: 5, comment: 'x'.repeat(2_001) },
      'comment — A comment is at most 2,000 characters',
    ],
  ])('refuses a review with %s, saying what is wrong', async (_what, body, why) => {
    const { sessionId } = endedSession()
    const response = await review(sessionId, body)
    expect(response.status).toBe(400)
    expect(await refusal(response)).toEqual({ code: 'invalid_payload', message: `Invalid review: ${why}` })
    expect(platform().server.marketplace.store.session(sessionId).review).toBeNull()
  })

  it('refuses a comment too large to read, and reviews of sessions that did not end', async () => {
    const { sessionId } = endedSession()
    const huge = await review(sessionId, { rating: 5, comment: 'x'.repeat(200_000) })
    expect(huge.status).toBe(413)
    expect((await refusal(huge)).message).toMatch(/larger than 100000 bytes/)

    const { id: expertId } = platform().addExpert()
    const { request } = platform().inviteDirectly(expertId, 'Still open')
    const inviteId = platform()
      .server.marketplace.db.prepare('SELECT id FROM invites WHERE request_id = ?')
      .pluck()
      .get(request.id) as string
    const ack = platform().server.marketplace.execute(expertId, {
      name: 'invite.accept',
      idempotencyKey: 'reviews-live',
      payload: { inviteId, proposedTime: null },
    })
    const live = ack.ok ? (ack.result as { session: Session }).session.id : ''
    const early = await review(live, { rating: 5 })
    expect(early.status).toBe(409)
    expect((await refusal(early)).message).toBe(
      `Session ${live} has not ended yet; a review is recorded once it has ended.`,
    )
    expect((await review('ses_nobody', { rating: 5 })).status).toBe(404)
  })

  it('refuses a comment or a chargeback reason holding a broken character (half an emoji), and records neither', async () => {
    const { sessionId } = endedSession({ kind: 'charged' })
    const comment = await review(sessionId, { rating: 2, comment: 'slow \ud83d' })
    expect(comment.status).toBe(400)
    expect((await refusal(comment)).message).toContain('The comment holds a broken character')
    const reason = await chargeback(sessionId, { reason: 'fraud \udc00' })
    expect(reason.status).toBe(400)
    expect((await refusal(reason)).message).toContain('The reason holds a broken character')
    expect(platform().server.marketplace.store.session(sessionId)).toMatchObject({
      review: null,
      chargeback: null,
    })
  })

  it('records a chargeback once, on the session and in the expert’s figures', async () => {
    const { expertId, sessionId } = endedSession({ kind: 'discounted', percent: 20 })
    const paid = platform().server.marketplace.store.session(sessionId).earnings
    expect(paid?.amountMinor).toBeGreaterThan(0)
    const response = await chargeback(sessionId, { reason: 'Disputed with the bank' })
    expect(response.status).toBe(200)
    const recordedAt = platform().clock.now()
    expect(((await response.json()) as { session: Session }).session.chargeback).toEqual({
      reason: 'Disputed with the bank',
      recordedAt,
    })
    const stats = () => Expert.parse(platform().server.marketplace.store.expert(expertId)).stats.reviews
    expect(stats()).toMatchObject({ chargebacks: 1, recentChargebacks: 1, lastChargebackAt: recordedAt })

    const again = await chargeback(sessionId, {})
    expect(again.status).toBe(409)
    expect((await refusal(again)).message).toMatch(/already recorded .* a session is charged back once/)
  })

  it('refuses a chargeback of a session that ended free: nothing was paid', async () => {
    const { sessionId } = endedSession({ kind: 'free' })
    const response = await chargeback(sessionId, {})
    expect(response.status).toBe(409)
    expect((await refusal(response)).message).toBe(
      `Session ${sessionId} ended free of charge, so there is no payment to charge back.`,
    )
  })

  it.each([
    ['billed no time', { kind: 'charged' }, 0, 2_500],
    ['was discounted to nothing', { kind: 'discounted', percent: 1 }, 1_000, 1],
  ] as const)(
    'refuses a chargeback of a session that %s, and the expert’s figures do not change',
    async (_what, outcome, billedMs, rateMinor) => {
      const expertId = platform().server.marketplace.createExpert({
        name: 'Cheap Expert',
        email: `cheap-${rateMinor}@example.test`,
        passwordHash: 'unused',
        timeZone: 'Europe/Berlin',
        tags: [],
        rate: { amountMinor: rateMinor, currency: 'USD' },
      })
      const { sessionId } = endedSessionOn(platform(), outcome, expertId, { billedMs })
      const session = platform().server.marketplace.store.session(sessionId)
      expect(session.earnings).toEqual({ amountMinor: 0, currency: 'USD' })
      const response = await chargeback(sessionId, { reason: 'Disputed with the bank' })
      expect(response.status).toBe(409)
      expect(await refusal(response)).toEqual({
        code: 'invalid_state',
        message: `The client paid nothing for session ${sessionId}, so there is no payment to charge back.`,
      })
      expect(platform().server.marketplace.store.session(sessionId).chargeback).toBeNull()
      const stats = Expert.parse(platform().server.marketplace.store.expert(expertId)).stats.reviews
      expect(stats).toMatchObject({ chargebacks: 0, recentChargebacks: 0, lastChargebackAt: null })
    },
  )
})
