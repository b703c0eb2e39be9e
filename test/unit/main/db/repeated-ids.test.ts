// An id the stream repeats with a field changed that never changes in the marketplace: a message's
// time or writer, an invite's sending time or reason, a session's kind or client, a request's kind.
// Each is passed over as the platform's mistake; what may change (states, times, words of a
// request) is applied as before.
import { describe, expect, it } from 'vitest'
import {
  aClient,
  aMessage,
  anInvite,
  aRequest,
  aScheduledRequest,
  aSession,
  FIXTURE_NOW,
  inviteCreated,
  messageCreated,
  MINUTE,
  sessionUpdated,
} from '../../../support/fixtures'
import { useFreshStores } from './cache-test-kit'

const fresh = useFreshStores()
const request = aRequest({ id: 'req_1' })
const invite = anInvite({ id: 'inv_1', request, expiresAt: FIXTURE_NOW + 30 * MINUTE })

describe('a message repeated under its id', () => {
  const message = aMessage({ id: 'msg_1', requestId: 'req_1', body: 'Can you look at my query?' })

  it.each([
    ['at another time', { sentAt: FIXTURE_NOW + MINUTE }, /message msg_1 sent at another time/],
    [
      'as written for another expert',
      { expertId: 'exp_bob' },
      /expert exp_bob's thread, not expert exp_ada's/,
    ],
  ])(
    '%s, with the same words, is passed over: the thread keeps the one the expert read',
    (_, change, problem) => {
      const { store } = fresh()
      const later = aMessage({
        id: 'msg_2',
        requestId: 'req_1',
        body: 'Hello?',
        sentAt: FIXTURE_NOW + 30_000,
      })
      store.applyEvents([inviteCreated(1, invite), messageCreated(2, message), messageCreated(3, later)])
      const result = store.applyEvents([messageCreated(4, { ...message, ...change })])
      expect(result.applied).toEqual([])
      expect(result.skipped).toEqual([
        expect.objectContaining({ id: 4, platformFault: true, problem: expect.stringMatching(problem) }),
      ])
      expect(result.cursor).toBe(4)
      expect(store.messages('req_1')).toEqual([message, later])
    },
  )
})

describe('an invite repeated under its id', () => {
  it.each([
    ['sent at another time', { sentAt: FIXTURE_NOW - MINUTE }, /invite inv_1 sent at another time/],
    [
      'as a direct request, after a match',
      { reason: 'direct_profile' as const },
      /invite inv_1 sent as direct_profile, which it sent as matched/,
    ],
    [
      'for its request turned scheduled',
      { request: aScheduledRequest('req_1', FIXTURE_NOW + 60 * MINUTE) },
      /request req_1 as scheduled, which it sent as instant/,
    ],
  ])('%s is passed over: the invite stays as shown', (_, change, problem) => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite)])
    const result = store.applyEvents([inviteCreated(2, { ...invite, ...change })])
    expect(result.skipped.map((e) => e.problem)).toEqual([expect.stringMatching(problem)])
    expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
  })

  it('with a later expiry, or closed, is applied: those are what the marketplace changes', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite)])
    const longer = { ...invite, expiresAt: invite.expiresAt + 10 * MINUTE }
    const result = store.applyEvents([
      inviteCreated(2, longer),
      inviteCreated(3, { ...longer, state: 'expired' }),
    ])
    expect(result.skipped).toEqual([])
    expect(result.applied).toHaveLength(2)
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
  })
})

describe('a session repeated under its id', () => {
  const start = FIXTURE_NOW + 60 * MINUTE
  const booked = aSession({ id: 'ses_1', request: aScheduledRequest('req_s', start) })

  it.each([
    [
      'as instant, for a request turned instant',
      { kind: 'instant' as const, request: aRequest({ id: 'req_s' }) },
      /request req_s as instant, which it sent as scheduled/,
    ],
    ['as instant', { kind: 'instant' as const }, /session ses_1 as instant, which it booked as scheduled/],
    [
      'with another client',
      { client: aClient(1) },
      /session ses_1 with client cli_1, which it booked with client cli_0/,
    ],
  ])('%s is passed over: it stays the session booked', (_, change, problem) => {
    const { store } = fresh()
    store.applyEvents([sessionUpdated(1, booked)])
    const result = store.applyEvents([
      sessionUpdated(2, { ...booked, ...change, updatedAt: FIXTURE_NOW + MINUTE }),
    ])
    expect(result.skipped.map((e) => e.problem)).toEqual([expect.stringMatching(problem)])
    expect(store.session('ses_1')).toEqual(booked)
  })

  it('moved to another time, then live, is applied: those are what the marketplace changes', () => {
    const { store } = fresh()
    store.applyEvents([sessionUpdated(1, booked)])
    const moved = { ...booked, bookedStart: start + 60 * MINUTE, updatedAt: FIXTURE_NOW + MINUTE }
    const result = store.applyEvents([
      sessionUpdated(2, moved),
      sessionUpdated(3, { ...moved, state: 'live' }),
    ])
    expect(result.skipped).toEqual([])
    expect(store.session('ses_1')?.bookedStart).toBe(start + 60 * MINUTE)
    expect(store.session('ses_1')?.state).toBe('live')
  })
})
