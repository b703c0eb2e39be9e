// CacheStore.applyEvents: what each event type writes, duplicates, gaps, atomicity, another expert.
import { describe, expect, it } from 'vitest'
import {
  Invite as InviteSchema,
  Session as SessionSchema,
  type PlatformEvent,
} from '../../../../src/shared/protocol'
import {
  aMessage,
  anExpert,
  anInvite,
  aRequest,
  aSession,
  endedSession,
  expertUpdated,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  liveSession,
  messageCreated,
  MINUTE,
  sessionUpdated,
} from '../../../support/fixtures'
import { scheduled, useFreshStores } from './cache-test-kit'

const fresh = useFreshStores()

describe('an empty cache', () => {
  it('has cursor 0, no expert, no sync time and empty lists', () => {
    const { store } = fresh()
    expect(store.cursor()).toBe(0)
    expect(store.expert()).toBeNull()
    expect(store.lastSyncedAt()).toBeNull()
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
    expect(store.missedInvites(FIXTURE_NOW, 10)).toEqual([])
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([])
    expect(store.sessionHistory(10)).toEqual([])
    expect(store.session('ses_x')).toBeNull()
    expect(store.messages('req_1')).toEqual([])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    expect(store.applyEvents([])).toEqual({ applied: [], skipped: [], gap: false, cursor: 0 })
  })
})

describe('applyEvents', () => {
  it('stores an invite with its request, proposed times and attachments, and reads back the same object', () => {
    const { store } = fresh()
    const invite = anInvite({ id: 'inv_1', request: scheduled(1, FIXTURE_NOW + 60 * MINUTE) })
    const result = store.applyEvents([inviteCreated(1, invite)])
    expect(result).toEqual({ applied: [inviteCreated(1, invite)], skipped: [], gap: false, cursor: 1 })
    expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
    expect(store.openInviteCount(FIXTURE_NOW)).toBe(1)
    expect(InviteSchema.parse(store.openInvites(FIXTURE_NOW)[0])).toEqual(invite)
    expect(store.openInvites(FIXTURE_NOW)[0]?.request.proposedTimes).toEqual(invite.request.proposedTimes)
    expect(store.openInvites(FIXTURE_NOW)[0]?.request.attachments.map((a) => a.url)).toEqual([
      'https://f.test/a.png',
      'https://f.test/b.pdf',
    ])
  })

  it('lists open invites newest first', () => {
    const { store } = fresh()
    const older = anInvite({ id: 'inv_old', request: aRequest({ id: 'r1' }), sentAt: FIXTURE_NOW })
    const newer = anInvite({ id: 'inv_new', request: aRequest({ id: 'r2' }), sentAt: FIXTURE_NOW + 1 })
    store.applyEvents([inviteCreated(1, older), inviteCreated(2, newer)])
    expect(store.openInvites(FIXTURE_NOW).map((i) => i.id)).toEqual(['inv_new', 'inv_old'])
  })

  it('closes an invite with each reason as its state; all but accepted are missed, newest first', () => {
    const { store } = fresh()
    const reasons = ['accepted', 'declined', 'taken', 'expired', 'withdrawn'] as const
    const events: PlatformEvent[] = []
    reasons.forEach((reason, n) => {
      const invite = anInvite({
        id: `inv_${reason}`,
        request: aRequest({ id: `r_${n}` }),
        sentAt: FIXTURE_NOW + n,
      })
      events.push(inviteCreated(events.length + 1, invite))
      events.push(inviteClosed(events.length + 1, invite.id, reason, reason === 'accepted' ? 'ses_1' : null))
    })
    store.applyEvents(events)
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
    expect(store.openInviteCount(FIXTURE_NOW)).toBe(0)
    const missed = store.missedInvites(FIXTURE_NOW, 10)
    expect(missed.map((i) => [i.id, i.state])).toEqual([
      ['inv_withdrawn', 'withdrawn'],
      ['inv_expired', 'expired'],
      ['inv_taken', 'taken'],
      ['inv_declined', 'declined'],
    ])
    expect(store.missedInvites(FIXTURE_NOW, 2)).toHaveLength(2)
    expect(InviteSchema.parse(missed[0])).toEqual(missed[0])
  })

  it('ignores invite.closed for an invite it never had', () => {
    const { store } = fresh()
    expect(store.applyEvents([inviteClosed(1, 'inv_unknown', 'taken')]).cursor).toBe(1)
    expect(store.missedInvites(FIXTURE_NOW, 10)).toEqual([])
  })

  it('upserts the full session on every session.updated', () => {
    const { store } = fresh()
    const booked = aSession({ id: 'ses_1', request: scheduled(1, FIXTURE_NOW + 60 * MINUTE) })
    const live = liveSession(booked, booked.bookedStart)
    store.applyEvents([sessionUpdated(1, booked), sessionUpdated(2, live)])
    expect(store.session('ses_1')).toEqual(live)
    expect(SessionSchema.parse(store.session('ses_1'))).toEqual(live)
    expect(store.session('ses_2')).toBeNull()
  })

  it('stores messages and returns a thread oldest first', () => {
    const { store } = fresh()
    const later = aMessage({ id: 'm2', sentAt: FIXTURE_NOW + 2, from: 'expert' })
    const earlier = aMessage({ id: 'm1', sentAt: FIXTURE_NOW + 1 })
    const other = aMessage({ id: 'm3', requestId: 'req_other' })
    const threads = [
      inviteCreated(1, anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })),
      sessionUpdated(2, aSession({ id: 'ses_1', request: aRequest({ id: 'req_other' }) })),
    ]
    store.applyEvents([
      ...threads,
      messageCreated(3, later),
      messageCreated(4, earlier),
      messageCreated(5, other),
    ])
    expect(store.messages('req_1')).toEqual([earlier, later])
    expect(store.messages('req_other')).toEqual([other])
  })

  it('replaces the expert on expert.updated', () => {
    const { store } = fresh()
    store.applyEvents([expertUpdated(1, anExpert())])
    const away = anExpert({
      availability: 'away',
      stats: {
        averageResponseMs: 1,
        rating: 5,
        sessionsDone: 2,
        recent: null,
        earnings: null,
        reviews: null,
      },
    })
    store.applyEvents([expertUpdated(2, away)])
    expect(store.expert()).toEqual(away)
  })

  it('drops events at or below the cursor, so a repeated batch changes nothing', () => {
    const { store, db } = fresh()
    const invites = [1, 2, 3, 4].map((n) => anInvite({ id: `inv_${n}`, request: aRequest({ id: `r${n}` }) }))
    const batch = invites.map((invite, i) => inviteCreated(i + 1, invite))
    store.applyEvents(batch.slice(0, 2))
    const again = store.applyEvents(batch)
    expect(again.applied.map((e) => e.id)).toEqual([3, 4])
    expect(again).toMatchObject({ gap: false, cursor: 4 })
    db.prepare(`UPDATE invites SET notified_at = 1`).run()
    expect(store.applyEvents(batch)).toEqual({ applied: [], skipped: [], gap: false, cursor: 4 })
    expect(store.openInvites(FIXTURE_NOW)).toHaveLength(4)
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    // The same event twice in one batch is applied once.
    const five = inviteCreated(5, anInvite({ id: 'inv_5', request: aRequest({ id: 'r5' }) }))
    expect(store.applyEvents([five, five]).applied).toEqual([five])
  })

  it('stops at the first gap: what came before is applied, nothing after it', () => {
    const { store } = fresh()
    const invite = (n: number) => anInvite({ id: `inv_${n}`, request: aRequest({ id: `r${n}` }) })
    store.applyEvents([inviteCreated(1, invite(1)), inviteCreated(2, invite(2))])
    const result = store.applyEvents([
      inviteCreated(3, invite(3)),
      inviteCreated(4, invite(4)),
      inviteCreated(6, invite(6)),
      inviteCreated(7, invite(7)),
    ])
    expect(result.applied.map((e) => e.id)).toEqual([3, 4])
    expect(result).toMatchObject({ gap: true, cursor: 4 })
    expect(store.cursor()).toBe(4)
    expect(
      store
        .openInvites(FIXTURE_NOW)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['inv_1', 'inv_2', 'inv_3', 'inv_4'])
  })

  it('reports a gap at the very first event and applies nothing', () => {
    const { store } = fresh()
    const result = store.applyEvents([inviteCreated(5, anInvite())])
    expect(result).toEqual({ applied: [], skipped: [], gap: true, cursor: 0 })
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
  })

  it('applies a batch in one transaction: an event that fails undoes the whole batch', () => {
    const { store } = fresh()
    const good = anInvite({ id: 'inv_good', request: aRequest({ id: 'r_good' }) })
    // A state the schema's CHECK refuses makes the second write throw.
    const bad = { ...anInvite({ id: 'inv_bad', request: aRequest({ id: 'r_bad' }) }), state: 'lost' } as never
    expect(() => store.applyEvents([inviteCreated(1, good), inviteCreated(2, bad)])).toThrow(/CHECK/)
    expect(store.cursor()).toBe(0)
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
  })

  it('passes over an event about another expert: the cache, and which invites were shown, stay', () => {
    const { store } = fresh()
    const adaInvite = anInvite({ id: 'inv_ada', request: aRequest({ id: 'r_ada' }) })
    store.applyEvents([expertUpdated(1, anExpert()), inviteCreated(2, adaInvite)])
    store.markNotified(['inv_ada'], FIXTURE_NOW)
    const bob = anExpert({ id: 'exp_bob', email: 'bob@standby.test', name: 'Bob' })
    const bobSession = aSession({ id: 'ses_bob', expertId: 'exp_bob', request: aRequest({ id: 'r_bob' }) })
    const after = inviteCreated(6, anInvite({ id: 'inv_after', request: aRequest({ id: 'r_after' }) }))
    const result = store.applyEvents([
      expertUpdated(3, bob),
      sessionUpdated(4, bobSession),
      messageCreated(5, aMessage({ expertId: 'exp_bob' })),
      after,
    ])
    expect(result).toMatchObject({ applied: [after], gap: false, cursor: 6 })
    expect(result.skipped.map((e) => e.id)).toEqual([3, 4, 5])
    expect(store.expert()).toEqual(anExpert())
    expect(store.session('ses_bob')).toBeNull()
    expect(
      store
        .openInvites(FIXTURE_NOW)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['inv_ada', 'inv_after'])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)).toEqual(['inv_after'])
  })
})

describe('an event that contradicts what the platform said before', () => {
  const request = aRequest({ id: 'req_1' })
  const invite = anInvite({ id: 'inv_1', request })

  it('opening a closed invite again is passed over: the invite stays closed, unlisted and never shown', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite), inviteClosed(2, 'inv_1', 'taken')])
    const result = store.applyEvents([inviteCreated(3, invite)])
    expect(result).toMatchObject({ applied: [], gap: false, cursor: 3 })
    expect(result.skipped).toEqual([
      expect.objectContaining({
        id: 3,
        platformFault: true,
        problem: expect.stringMatching(/closed as taken/),
      }),
    ])
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    expect(store.missedInvites(FIXTURE_NOW, 10).map((i) => `${i.id} ${i.state}`)).toEqual(['inv_1 taken'])
  })

  it('an invite to a request a session already took is passed over, whatever its id', () => {
    const { store } = fresh()
    const session = aSession({ id: 'ses_1', request })
    store.applyEvents([
      inviteCreated(1, invite),
      inviteClosed(2, 'inv_1', 'accepted', 'ses_1'),
      sessionUpdated(3, endedSession(session, FIXTURE_NOW + MINUTE)),
    ])
    const again = anInvite({ id: 'inv_2', request })
    const result = store.applyEvents([inviteCreated(4, again)])
    expect(result.skipped.map((e) => e.problem)).toEqual([
      expect.stringMatching(/session ses_1 already took/),
    ])
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
  })

  it('a second invite to one request, under another id, is passed over in whatever state it comes', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite)])
    const result = store.applyEvents([
      inviteCreated(2, anInvite({ id: 'inv_2', request })),
      inviteCreated(3, anInvite({ id: 'inv_3', request, state: 'expired' })),
    ])
    expect(result.skipped.map((e) => e.problem)).toEqual([
      expect.stringMatching(/invites to request req_1 again as invite inv_2, which invite inv_1 already did/),
      expect.stringMatching(/again as invite inv_3/),
    ])
    expect(store.openInvites(FIXTURE_NOW).map((i) => i.id)).toEqual(['inv_1'])
    expect(store.invite('inv_3')).toBeNull()
  })

  it('a second session for one request, under another id, is passed over: the booked one stays alone', () => {
    const { store } = fresh()
    const booked = aSession({ id: 'ses_1', request, bookedStart: FIXTURE_NOW + 30 * MINUTE })
    store.applyEvents([sessionUpdated(1, booked), sessionUpdated(2, { ...booked, state: 'live' })])
    const result = store.applyEvents([sessionUpdated(3, { ...booked, id: 'ses_2' })])
    expect(result.skipped.map((e) => e.problem)).toEqual([
      expect.stringMatching(/books session ses_2 for request req_1, which session ses_1 already took/),
    ])
    expect(store.session('ses_2')).toBeNull()
    expect(store.session('ses_1')?.state).toBe('live')
  })

  it('an invite sent again for another request is passed over: the request the expert was shown stays behind its Join', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite)])
    const moved = anInvite({ id: 'inv_1', request: aRequest({ id: 'req_2', title: 'Another request' }) })
    const result = store.applyEvents([inviteCreated(2, moved)])
    expect(result.skipped.map((e) => e.problem)).toEqual([
      expect.stringMatching(/moves invite inv_1 from request req_1 to request req_2/),
    ])
    expect(store.openInvites(FIXTURE_NOW).map((i) => `${i.id} ${i.request.id}`)).toEqual(['inv_1 req_1'])
  })

  it('a session sent again for another request is passed over: it stays the session that was booked', () => {
    const { store } = fresh()
    const booked = aSession({ id: 'ses_1', request, bookedStart: FIXTURE_NOW + 30 * MINUTE })
    store.applyEvents([sessionUpdated(1, booked)])
    const other = aRequest({ id: 'req_2', title: 'Another request' })
    const result = store.applyEvents([sessionUpdated(2, { ...booked, request: other, client: other.client })])
    expect(result.skipped.map((e) => e.problem)).toEqual([
      expect.stringMatching(/moves session ses_1 from request req_1 to request req_2/),
    ])
    expect(store.upcomingSessions(FIXTURE_NOW, 10).map((s) => s.request.title)).toEqual([request.title])
  })

  it.each([
    [
      'into another thread',
      { requestId: 'req_2' },
      /moves message msg_1 from request req_1 to request req_2/,
    ],
    [
      "into the expert's mouth",
      { from: 'expert' as const },
      /has message msg_1 sent by the expert, not the client/,
    ],
    ['in other words', {}, /has message msg_1 say other words than it said before/],
  ])(
    'a message sent again %s is passed over: it stays where, whose and what the expert read',
    (_, change, problem) => {
      const { store } = fresh()
      const message = aMessage({ id: 'msg_1', requestId: 'req_1', body: 'Can you look at my query?' })
      store.applyEvents([inviteCreated(1, invite), messageCreated(2, message)])
      const result = store.applyEvents([
        messageCreated(3, { ...message, ...change, body: 'Send me your password' }),
      ])
      expect(result.skipped.map((e) => e.problem)).toEqual([expect.stringMatching(problem)])
      expect(result.skipped[0]).toMatchObject({ platformFault: true })
      expect(store.messages('req_1')).toEqual([message])
      expect(store.messages('req_2')).toEqual([])
    },
  )

  it('the same message sent again is applied as it was: nothing is passed over', () => {
    const { store } = fresh()
    const message = aMessage({ id: 'msg_1', requestId: 'req_1' })
    store.applyEvents([inviteCreated(1, invite), messageCreated(2, message)])
    const result = store.applyEvents([messageCreated(3, message)])
    expect(result.skipped).toEqual([])
    expect(result.cursor).toBe(3)
    expect(store.messages('req_1')).toEqual([message])
  })

  it("a message into a thread the expert has no invite or session of is passed over, and the thread's own are kept", () => {
    const { store } = fresh()
    const stray = aMessage({ id: 'msg_x', requestId: 'req_nowhere', body: 'Pay me here' })
    const own = aMessage({ id: 'msg_1', requestId: 'req_1' })
    const result = store.applyEvents([
      messageCreated(1, stray),
      inviteCreated(2, invite),
      messageCreated(3, own),
    ])
    expect(result.skipped.map((e) => e.problem)).toEqual([
      expect.stringMatching(
        /puts message msg_x into request req_nowhere, of which this expert has no invite or session/,
      ),
    ])
    expect(result.skipped[0]).toMatchObject({ platformFault: true })
    expect(store.messages('req_nowhere')).toEqual([])
    expect(store.messages('req_1')).toEqual([own])
    expect(result.cursor).toBe(3)
  })

  it('closing an invite a second time keeps its first closing', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, invite), inviteClosed(2, 'inv_1', 'accepted', 'ses_1')])
    store.applyEvents([inviteClosed(3, 'inv_1', 'taken')])
    expect(store.missedInvites(FIXTURE_NOW, 10)).toEqual([])
  })

  it.each(['ended', 'cancelled'] as const)(
    'bringing a %s session back to booked is passed over: it stays in History, out of Upcoming',
    (state) => {
      const { store } = fresh()
      const booked = aSession({ id: 'ses_1', request, bookedStart: FIXTURE_NOW + 30 * MINUTE })
      const over =
        state === 'ended'
          ? endedSession(booked, FIXTURE_NOW)
          : {
              ...booked,
              state,
              cancellation: {
                reason: 'client_cancelled' as const,
                feeAssessedTo: null,
                cancelledAt: FIXTURE_NOW,
                by: 'client' as const,
              },
            }
      store.applyEvents([sessionUpdated(1, over)])
      const result = store.applyEvents([sessionUpdated(2, booked)])
      expect(result.skipped.map((e) => e.problem)).toEqual([
        expect.stringMatching(new RegExp(`from ${state} back to booked`)),
      ])
      expect(store.session('ses_1')?.state).toBe(state)
      expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([])
      // Still its own state, updated: applied as any other change.
      const reviewed = { ...over, updatedAt: FIXTURE_NOW + MINUTE, privateNote: 'went well' }
      expect(store.applyEvents([sessionUpdated(3, reviewed)]).applied).toHaveLength(1)
      expect(store.session('ses_1')?.privateNote).toBe('went well')
    },
  )
})

describe('an unreadable event', () => {
  it('is passed over: the cursor moves past it, with its digest, and the events after it apply', () => {
    const { store } = fresh()
    const first = inviteCreated(1, anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) }))
    const third = inviteCreated(3, anInvite({ id: 'inv_3', request: aRequest({ id: 'req_3' }) }))
    const unreadable = { type: 'unreadable', id: 2, digest: 'd2', problem: 'title: too long' } as const
    const result = store.applyEvents([first, unreadable, third])
    expect(result).toMatchObject({ applied: [first, third], skipped: [unreadable], gap: false, cursor: 3 })
    expect(
      store
        .openInvites(FIXTURE_NOW)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['inv_1', 'inv_3'])
    // Seen again (a replay overlapping the cursor), it is a duplicate like any other.
    expect(store.applyEvents([unreadable])).toMatchObject({ skipped: [], cursor: 3 })
  })
})

describe('a batch whose transaction fails after it moved the cursor', () => {
  it('leaves the cursor where the file has it, so the retry applies the events and marks the invite shown', () => {
    const { store, db } = fresh()
    store.applyEvents([expertUpdated(1, anExpert())])
    const showing = { openAt: FIXTURE_NOW, at: FIXTURE_NOW }
    const next = [inviteCreated(2, anInvite({ request: aRequest({ id: 'r2' }) }))]
    // The disk refuses the mark, the batch's last write, after the cursor was moved.
    db.exec(
      `CREATE TRIGGER refuse_mark BEFORE INSERT ON shown_invites BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    )
    expect(() => store.applyEvents(next, showing)).toThrow('disk is full')
    expect(store.cursor()).toBe(1)
    expect(store.invite('inv_r2')).toBeNull()

    db.exec('DROP TRIGGER refuse_mark')
    expect(store.applyEvents(next, showing)).toMatchObject({ applied: next, cursor: 2 })
    expect(store.shownInvites(['inv_r2'])).toEqual(['inv_r2'])
  })
})

describe('the invites a batch leaves unshown (applyEvents with showing)', () => {
  const showing = { openAt: FIXTURE_NOW, at: FIXTURE_NOW }

  it('are the invites as the cache holds them: the request a later event of the batch rewrote, not the one the invite came with', () => {
    const { store } = fresh()
    const request = aRequest({ id: 'r1', title: 'Hooks question' })
    const invite = anInvite({ id: 'inv_1', request })
    const session = aSession({ request: { ...request, title: 'Hooks question, with the repository linked' } })
    const result = store.applyEvents([inviteCreated(1, invite), sessionUpdated(2, session)], showing)
    expect(result.unshown).toEqual(store.openInvites(FIXTURE_NOW))
    expect(result.unshown?.[0]?.request.title).toBe('Hooks question, with the repository linked')
  })

  it('take in, newest first, an invite an earlier batch left unshown', () => {
    const { store } = fresh()
    const older = anInvite({ request: aRequest({ id: 'r1', createdAt: FIXTURE_NOW - MINUTE }) })
    const newer = anInvite({ request: aRequest({ id: 'r2' }) })
    // Written by a catch-up page that more pages follow: nothing marked.
    store.applyEvents([inviteCreated(1, older)])
    const result = store.applyEvents([inviteCreated(2, newer)], showing)
    expect(result.unshown).toEqual([newer, older])
    expect(store.shownInvites([newer.id, older.id])).toEqual([newer.id])
  })

  it('leave out an invite the batch opened and closed, and one it was told twice keeps its last word', () => {
    const { store } = fresh()
    const gone = anInvite({ request: aRequest({ id: 'r1' }) })
    const first = anInvite({ request: aRequest({ id: 'r2', title: 'First words' }) })
    const again = {
      ...first,
      expiresAt: first.expiresAt + MINUTE,
      request: { ...first.request, title: 'Second words' },
    }
    const result = store.applyEvents(
      [
        inviteCreated(1, gone),
        inviteClosed(2, gone.id, 'withdrawn'),
        inviteCreated(3, first),
        inviteCreated(4, again),
      ],
      showing,
    )
    expect(result.unshown).toEqual([again])
    expect(result.unshown).toEqual(store.openInvites(FIXTURE_NOW))
  })

  it('hold nothing of an event the batch passed over: a repeat that moves the invite, another expert’s session', () => {
    const { store } = fresh()
    store.applyEvents([expertUpdated(1, anExpert())])
    const request = aRequest({ id: 'r1', title: 'Hooks question' })
    const invite = anInvite({ id: 'inv_1', request })
    const moved = { ...invite, request: aRequest({ id: 'r2', title: 'Another request' }) }
    const theirs = aSession({ expertId: 'exp_other', request: { ...request, title: 'Their words' } })
    const result = store.applyEvents(
      [inviteCreated(2, invite), inviteCreated(3, moved), sessionUpdated(4, theirs)],
      showing,
    )
    expect(result.skipped.map((e) => e.id)).toEqual([3, 4])
    expect(result.unshown).toEqual([invite])
    expect(result.unshown).toEqual(store.openInvites(FIXTURE_NOW))
  })
})
