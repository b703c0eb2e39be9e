// CacheStore reads, snapshots, clearing, notification and reminder state (applyEvents: apply-events.test.ts).
import { describe, expect, it, vi } from 'vitest'
import { historyCursorOf } from '../../../../src/shared/rules/history-order'
import { AUTO_CANCEL_AFTER_MS } from '../../../../src/shared/rules/session-timing'
import {
  aMessage,
  anExpert,
  anInvite,
  aRequest,
  aScheduledRequest,
  aSession,
  aSnapshot,
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
import { allHistoryPages, countRows, scheduled, useFreshStores } from './cache-test-kit'

const fresh = useFreshStores()

/** The key of the reminder `minutesBefore` minutes before a session booked at FIXTURE_NOW. */
const rk = (sessionId: string, minutesBefore: number) => ({
  sessionId,
  bookedStart: FIXTURE_NOW,
  alert: String(minutesBefore),
})

describe('session lists', () => {
  const now = FIXTURE_NOW
  const at = (minutes: number) => now + minutes * MINUTE
  const session = (id: string, start: number, state: 'booked' | 'live' | 'ended' | 'cancelled') => {
    const booked = aSession({ id, request: aScheduledRequest(`r_${id}`, start), bookedStart: start })
    if (state === 'booked') return booked
    if (state === 'live') return liveSession(booked, start)
    if (state === 'ended') return endedSession(liveSession(booked, start), start + 30 * MINUTE)
    return {
      ...booked,
      state,
      cancellation: { reason: 'both_absent' as const, feeAssessedTo: null, cancelledAt: start },
    }
  }

  it('lists live sessions and booked ones from the auto-cancel grace on, soonest first', () => {
    const { store } = fresh()
    const sessions = [
      session('later', at(120), 'booked'),
      session('soon', at(5), 'booked'),
      session('in-grace', now - AUTO_CANCEL_AFTER_MS, 'booked'),
      session('stale', now - AUTO_CANCEL_AFTER_MS - 1, 'booked'),
      session('live-long', at(-90), 'live'),
      session('done', at(-30), 'ended'),
      session('cancelled', at(30), 'cancelled'),
    ]
    store.applyEvents(sessions.map((s, i) => sessionUpdated(i + 1, s)))
    expect(store.upcomingSessions(now, 10).map((s) => s.id)).toEqual([
      'live-long',
      'in-grace',
      'soon',
      'later',
    ])
    expect(store.upcomingSessions(now, 2).map((s) => s.id)).toEqual(['live-long', 'in-grace'])
    expect(store.upcomingSessions(now, 1)[0]).toEqual(sessions[4])
  })

  it('gives every scheduled session booked, at any start, with its request and whether reminders are marked for it', () => {
    const { store } = fresh()
    const instant = { ...session('instant', at(10), 'booked'), kind: 'instant' as const }
    const sessions = [
      session('later', at(3 * 24 * 60), 'booked'),
      session('long-ago', at(-3 * 24 * 60), 'booked'),
      session('live', at(-10), 'live'),
      session('cancelled', at(30), 'cancelled'),
      instant,
    ]
    store.applyEvents(sessions.map((s, i) => sessionUpdated(i + 1, s)))
    store.markReminder({ sessionId: 'later', bookedStart: at(60), alert: '30' }, 'fired', now)
    const starts = [...store.bookedSessionStarts()].sort((a, b) => a.bookedStart - b.bookedStart)
    expect(starts).toEqual([
      { id: 'long-ago', bookedStart: at(-3 * 24 * 60), requestId: 'r_long-ago', remindersMarked: false },
      { id: 'later', bookedStart: at(3 * 24 * 60), requestId: 'r_later', remindersMarked: true },
    ])
  })

  it('pages the history of ended and cancelled sessions, most recent first', () => {
    const { store } = fresh()
    const sessions = [1, 2, 3, 4, 5].map((n) =>
      session(`h${n}`, at(-n * 60), n % 2 === 0 ? 'cancelled' : 'ended'),
    )
    sessions.push(session('upcoming', at(60), 'booked'))
    store.applyEvents(sessions.map((s, i) => sessionUpdated(i + 1, s)))
    const first = store.sessionHistory(2)
    expect(first.map((s) => s.id)).toEqual(['h1', 'h2'])
    const second = store.sessionHistory(2, historyCursorOf(first.at(-1)!))
    expect(second.map((s) => s.id)).toEqual(['h3', 'h4'])
    expect(store.sessionHistory(10, historyCursorOf(second.at(-1)!)).map((s) => s.id)).toEqual(['h5'])
    expect(first[0]).toEqual(sessions[0])
  })

  it('pages sessions that share a start time without skipping or repeating any', () => {
    const { store } = fresh()
    // Seven sessions at the same moment and two older: pages of two cut through the tie.
    const sessions = [
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => session(`same-${id}`, at(-60), 'ended')),
      session('older-1', at(-120), 'ended'),
      session('older-2', at(-180), 'cancelled'),
    ]
    store.applyEvents(sessions.map((s, i) => sessionUpdated(i + 1, s)))
    expect(allHistoryPages(store, 2)).toEqual([
      'same-g',
      'same-f',
      'same-e',
      'same-d',
      'same-c',
      'same-b',
      'same-a',
      'older-1',
      'older-2',
    ])
  })

  it('reads the lists through their partial indexes', () => {
    const { db } = fresh()
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 0) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ')
    expect(
      plan(`SELECT id FROM sessions WHERE state IN ('booked', 'live') AND (state = 'live' OR booked_start >= ?)
            ORDER BY booked_start, id LIMIT ?`),
    ).toMatch(/USING INDEX sessions_upcoming(?!.*TEMP B-TREE)/)
    expect(
      plan(`SELECT id FROM sessions WHERE state IN ('ended', 'cancelled') AND booked_start < ?
            ORDER BY booked_start DESC, id DESC LIMIT ?`),
    ).toMatch(/USING INDEX sessions_history(?!.*TEMP B-TREE)/)
    expect(
      plan(`SELECT id FROM invites WHERE state IN ('declined', 'taken', 'expired', 'withdrawn') AND ? = ?
            ORDER BY sent_at DESC, id DESC`),
    ).toMatch(/USING INDEX invites_missed(?!.*TEMP B-TREE)/)
  })
})

describe('applySnapshot', () => {
  it('replaces everything and sets the cursor', () => {
    const { store, db } = fresh()
    const oldInvite = anInvite({ id: 'inv_old', request: aRequest({ id: 'r_old' }) })
    const oldSession = aSession({ id: 'ses_old', request: aRequest({ id: 'r_old_s' }) })
    store.applyEvents([
      inviteCreated(1, oldInvite),
      sessionUpdated(2, oldSession),
      messageCreated(3, aMessage({ id: 'm_old' })),
      inviteCreated(4, anInvite({ id: 'inv_missed', request: aRequest({ id: 'r_m' }) })),
      inviteClosed(5, 'inv_missed', 'taken'),
    ])
    const invite = anInvite({ id: 'inv_new', request: scheduled(7, FIXTURE_NOW + 60 * MINUTE) })
    const session = aSession({ id: 'ses_new', request: aRequest({ id: 'r_new_s' }) })
    const message = aMessage({ id: 'm_new', requestId: 'r_new_s' })
    const expert = anExpert({ availability: 'busy' })
    store.applySnapshot(
      aSnapshot({
        expert,
        openInvites: [invite],
        sessions: [session],
        recentMessages: [message],
        cursor: 40,
      }),
    )
    expect(store.cursor()).toBe(40)
    expect(store.expert()).toEqual(expert)
    expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
    expect(store.missedInvites(FIXTURE_NOW, 10)).toEqual([])
    expect(store.session('ses_old')).toBeNull()
    expect(store.session('ses_new')).toEqual(session)
    expect(store.messages('req_1')).toEqual([])
    expect(store.messages('r_new_s')).toEqual([message])
    expect(db.prepare('SELECT id FROM requests ORDER BY id').pluck().all()).toEqual(['r_new_s', 'req_7'])
    // Events continue from the snapshot's cursor.
    expect(store.applyEvents([inviteClosed(41, 'inv_new', 'expired')])).toMatchObject({
      cursor: 41,
      gap: false,
    })
  })

  it('keeps notification and reminder state of invites and sessions that still exist, and only theirs', () => {
    const { store, db } = fresh()
    const stays = anInvite({ id: 'inv_stays', request: aRequest({ id: 'r1' }) })
    const goes = anInvite({ id: 'inv_goes', request: aRequest({ id: 'r2' }) })
    const kept = aSession({ id: 'ses_kept', request: aRequest({ id: 'r3' }) })
    const dropped = aSession({ id: 'ses_dropped', request: aRequest({ id: 'r4' }) })
    store.applyEvents([
      inviteCreated(1, stays),
      inviteCreated(2, goes),
      sessionUpdated(3, kept),
      sessionUpdated(4, dropped),
    ])
    store.markNotified(['inv_stays', 'inv_goes'], FIXTURE_NOW)
    store.markReminder(rk('ses_kept', 30), 'fired', FIXTURE_NOW)
    store.markReminder(rk('ses_dropped', 30), 'fired', FIXTURE_NOW)
    store.applySnapshot(aSnapshot({ openInvites: [stays], sessions: [kept], cursor: 9 }))
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    expect(store.reminderHandled(rk('ses_kept', 30))).toBe(true)
    expect(store.reminderHandled(rk('ses_dropped', 30))).toBe(false)
    expect(countRows(db, 'reminders')).toBe(1)
  })

  it('takes an invite the snapshot holds for another request than the cache did for a new one, to be shown', () => {
    const { store } = fresh()
    store.applyEvents([inviteCreated(1, anInvite({ id: 'inv_1', request: aRequest({ id: 'r1' }) }))])
    store.markNotified(['inv_1'], FIXTURE_NOW)
    const moved = anInvite({ id: 'inv_1', request: aRequest({ id: 'r2', title: 'Another request' }) })
    store.applySnapshot(aSnapshot({ openInvites: [moved], cursor: 9 }))
    expect(store.openInvites(FIXTURE_NOW)).toEqual([moved])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([moved])
  })

  it("starts over when the snapshot is another expert's", () => {
    const { store } = fresh()
    const invite = anInvite()
    store.applyEvents([expertUpdated(1, anExpert()), inviteCreated(2, invite)])
    store.markNotified([invite.id], FIXTURE_NOW)
    store.markSynced(FIXTURE_NOW)
    const bob = anExpert({ id: 'exp_bob', email: 'bob@standby.test' })
    store.applySnapshot(aSnapshot({ expert: bob, openInvites: [invite], cursor: 3 }))
    expect(store.expert()).toEqual(bob)
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([invite])
    expect(store.lastSyncedAt()).toBeNull()
    expect(store.cursor()).toBe(3)
  })
})

describe('sync time, clearing, notifications and reminders', () => {
  it('remembers when it last synced', () => {
    const { store } = fresh()
    store.markSynced(FIXTURE_NOW)
    store.markSynced(FIXTURE_NOW + 5)
    expect(store.lastSyncedAt()).toBe(FIXTURE_NOW + 5)
  })

  it('forgets everything on clear', () => {
    const { store, db } = fresh()
    const invite = anInvite()
    store.applyEvents([
      expertUpdated(1, anExpert()),
      inviteCreated(2, invite),
      sessionUpdated(3, aSession()),
      messageCreated(4, aMessage()),
    ])
    store.markReminder(rk('ses_req_1', 10), 'fired', FIXTURE_NOW)
    store.markSynced(FIXTURE_NOW)
    store.clear()
    expect(store.cursor()).toBe(0)
    expect(store.expert()).toBeNull()
    expect(store.lastSyncedAt()).toBeNull()
    for (const table of ['requests', 'invites', 'sessions', 'messages', 'reminders', 'expert']) {
      expect(countRows(db, table), table).toBe(0)
    }
  })

  it('lists open invites not yet notified, and keeps the first notification time', () => {
    const { store, db } = fresh()
    const invites = [1, 2, 3].map((n) =>
      anInvite({ id: `inv_${n}`, request: aRequest({ id: `r${n}` }), sentAt: FIXTURE_NOW + n }),
    )
    store.applyEvents([
      ...invites.map((inv, i) => inviteCreated(i + 1, inv)),
      inviteClosed(4, 'inv_3', 'taken'),
    ])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW).map((i) => i.id)).toEqual(['inv_2', 'inv_1'])
    store.markNotified(['inv_2'], FIXTURE_NOW + 10)
    store.markNotified(['inv_2'], FIXTURE_NOW + 20)
    store.markNotified([], FIXTURE_NOW + 30)
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([invites[0]])
    expect(db.prepare(`SELECT notified_at FROM invites WHERE id = 'inv_2'`).pluck().get()).toBe(
      FIXTURE_NOW + 10,
    )
  })

  it('keys reminder state by booked time: the same session rebooked starts afresh', () => {
    const { store } = fresh()
    store.markReminder(rk('ses_1', 30), 'fired', FIXTURE_NOW)
    expect(store.reminderHandled(rk('ses_1', 30))).toBe(true)
    expect(store.reminderHandled({ ...rk('ses_1', 30), bookedStart: FIXTURE_NOW + 1 })).toBe(false)
  })

  it('keeps one snooze per session, drops it with its session, and forgets all on clear', () => {
    const { store } = fresh()
    const B = FIXTURE_NOW
    const kept = aSession({ id: 'ses_kept', request: aRequest({ id: 'r1' }) })
    const dropped = aSession({ id: 'ses_dropped', request: aRequest({ id: 'r2' }) })
    store.applyEvents([sessionUpdated(1, kept), sessionUpdated(2, dropped)])
    store.snoozeReminder({ sessionId: 'ses_kept', bookedStart: B, at: B + 10 })
    store.snoozeReminder({ sessionId: 'ses_kept', bookedStart: B, at: B + 20 })
    store.snoozeReminder({ sessionId: 'ses_dropped', bookedStart: B, at: B + 15 })
    expect(store.snoozedReminders()).toEqual([
      { sessionId: 'ses_dropped', bookedStart: B, at: B + 15 },
      { sessionId: 'ses_kept', bookedStart: B, at: B + 20 },
    ])
    store.applySnapshot(aSnapshot({ sessions: [kept], cursor: 9 }))
    expect(store.snoozedReminders()).toEqual([{ sessionId: 'ses_kept', bookedStart: B, at: B + 20 }])
    store.dropSnooze('ses_kept')
    expect(store.snoozedReminders()).toEqual([])
    store.snoozeReminder({ sessionId: 'ses_kept', bookedStart: B, at: B + 30 })
    store.clear()
    expect(store.snoozedReminders()).toEqual([])
  })

  it('records each reminder once; the first outcome stands', () => {
    const { store, db } = fresh()
    expect(store.reminderHandled(rk('ses_1', 30))).toBe(false)
    store.markReminder(rk('ses_1', 30), 'skipped', FIXTURE_NOW)
    store.markReminder(rk('ses_1', 30), 'fired', FIXTURE_NOW + 1)
    expect(store.reminderHandled(rk('ses_1', 30))).toBe(true)
    expect(store.reminderHandled(rk('ses_1', 10))).toBe(false)
    expect(db.prepare('SELECT outcome, at FROM reminders').all()).toEqual([
      { outcome: 'skipped', at: FIXTURE_NOW },
    ])
  })

  it('keeps one start told per session, the latest, also when it was told before', () => {
    const { store } = fresh()
    store.markReminder(rk('ses_1', 30), 'fired', FIXTURE_NOW)
    for (const [start, at] of [
      [FIXTURE_NOW + 1_000, 1],
      [FIXTURE_NOW + 2_000, 2],
      [FIXTURE_NOW + 1_000, 3],
    ] as const)
      store.keepToldStart('ses_1', start, FIXTURE_NOW + at)
    store.keepToldStart('ses_2', FIXTURE_NOW + 5_000, FIXTURE_NOW)
    expect(store.reminderMarks('ses_1')).toEqual([
      { bookedStart: FIXTURE_NOW + 1_000, alert: 'told' },
      { bookedStart: FIXTURE_NOW, alert: '30' },
    ])
    expect(store.reminderMarks('ses_2')).toEqual([{ bookedStart: FIXTURE_NOW + 5_000, alert: 'told' }])
  })
})

describe('reading stored rows', () => {
  /** A cache of two sessions, the second one's stored JSON damaged (`ses_bad`); `good` is the first. */
  function withDamagedRow() {
    const cache = fresh()
    const good = aSession({ id: 'ses_good', request: aRequest({ id: 'r1' }), bookedStart: FIXTURE_NOW + 1 })
    const bad = aSession({ id: 'ses_bad', request: aRequest({ id: 'r2' }), bookedStart: FIXTURE_NOW + 2 })
    cache.store.applyEvents([sessionUpdated(1, good), sessionUpdated(2, bad)])
    cache.db.prepare(`UPDATE sessions SET json = '{"id": "ses_bad", oops' WHERE id = 'ses_bad'`).run()
    return { ...cache, good }
  }

  it('skips a row whose stored JSON does not parse, with a log line, and returns the rest', () => {
    const { store, log, good } = withDamagedRow()
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([good])
    expect(store.session('ses_bad')).toBeNull()
    expect(log.lines.join('\n')).toMatch(/warn Skipped the cached session ses_bad/)
  })

  it('still reads the rest past a damaged row when the cache refuses writes (a full disk, a read-only file)', () => {
    const { store, db, log, good } = withDamagedRow()
    db.pragma('query_only = ON')
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([good])
    expect(store.session('ses_bad')).toBeNull()
    expect(log.lines.join('\n')).toMatch(/Skipped the cached session ses_bad/)
    db.pragma('query_only = OFF')
  })

  it('compiles each statement once, on its first use, however often it runs after', () => {
    const { store, db } = fresh()
    const prepare = vi.spyOn(db, 'prepare')
    const useEverything = (): void => {
      const invite = anInvite()
      store.applyEvents([
        expertUpdated(1, anExpert()),
        inviteCreated(2, invite),
        sessionUpdated(3, aSession()),
      ])
      store.applyEvents([messageCreated(4, aMessage()), inviteClosed(5, invite.id, 'taken')])
      store.applySnapshot(aSnapshot({ cursor: 6 }))
      store.markSynced(1)
      store.markNotified(['x'], 1)
      store.markReminder(rk('s', 30), 'fired', 1)
      store.snoozeReminder({ sessionId: 's', bookedStart: 1, at: 2 })
      store.dropSnooze('s')
      ;[
        store.cursor(),
        store.lastSyncedAt(),
        store.expert(),
        store.openInvites(FIXTURE_NOW),
        store.missedInvites(FIXTURE_NOW, 1),
        store.upcomingSessions(1, 1),
        store.sessionHistory(1),
        store.session('s'),
        store.messages('r'),
        store.unnotifiedOpenInvites(FIXTURE_NOW),
        store.reminderHandled(rk('s', 30)),
        store.snoozedReminders(),
      ].forEach(() => undefined)
      store.clear()
    }
    useEverything()
    const compiled = prepare.mock.calls.length
    useEverything()
    expect(prepare).toHaveBeenCalledTimes(compiled)
  })
})

describe('an invite shown before a snapshot that does not hold it', () => {
  /**
   * inv_7 for r_first, shown, then gone from the rows (a snapshot without it), its mark kept; and
   * another request's invite under the same id, as a platform restored from a backup sends it.
   */
  function shownThenGone() {
    const { store } = fresh()
    const first = anInvite({ id: 'inv_7', request: aRequest({ id: 'r_first' }) })
    store.applyEvents([inviteCreated(1, first)])
    store.markNotified([first.id], FIXTURE_NOW)
    store.applySnapshot(aSnapshot({ cursor: 1 }))
    const other = anInvite({ id: first.id, request: aRequest({ id: 'r_other', title: 'Another request' }) })
    return { store, first, other }
  }

  it('is not shown again when the events after the snapshot bring it back', () => {
    const { store } = fresh()
    const invite = anInvite({ id: 'inv_back', request: aRequest({ id: 'r_back' }) })
    store.applySnapshot(aSnapshot({ cursor: 4, cursorDigest: 'd4' }))
    store.applyEvents([inviteCreated(5, invite)])
    store.markNotified(['inv_back'], FIXTURE_NOW)
    // A snapshot taken behind the app's cursor, then the events after it again.
    store.applySnapshot(aSnapshot({ cursor: 4, cursorDigest: 'd4' }))
    expect(store.openInvites(FIXTURE_NOW)).toEqual([])
    store.applyEvents([inviteCreated(5, invite)])
    expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
  })

  it('is no reason to pass over an invite the platform sends under its id for another request once its row is gone', () => {
    const { store } = fresh()
    const first = anInvite({ id: 'inv_7', request: aRequest({ id: 'r_first' }) })
    store.applyEvents([inviteCreated(1, first)])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([first])
    store.markNotified([first.id], FIXTURE_NOW)
    store.applyEvents([inviteClosed(2, first.id, 'taken')])
    // Its row is gone (a snapshot without it), its mark kept; a platform restored from a backup,
    // or one numbering its invites, sends another request's invite under the same id.
    const later = FIXTURE_NOW + 60 * MINUTE
    store.applySnapshot(aSnapshot({ cursor: 2 }))
    expect(store.invite(first.id)).toBeNull()
    expect(store.shownInvites([first.id])).toEqual([first.id])
    const other = anInvite({
      id: first.id,
      request: aRequest({ id: 'r_other', title: 'Another request', createdAt: later }),
    })
    store.applyEvents([inviteCreated(3, other)])
    expect(store.unnotifiedOpenInvites(later)).toEqual([other])
    // Shown once: after it, neither a restart nor a snapshot without it and its replay shows it again.
    store.markNotified([other.id], later)
    expect(store.unnotifiedOpenInvites(later)).toEqual([])
    store.applySnapshot(aSnapshot({ cursor: 2 }))
    store.applyEvents([inviteCreated(3, other)])
    expect(store.unnotifiedOpenInvites(later)).toEqual([])
    // Nor does a snapshot that holds it.
    store.applySnapshot(aSnapshot({ openInvites: [other], cursor: 3 }))
    expect(store.unnotifiedOpenInvites(later)).toEqual([])
  })

  it('counts an invite under a shown id but for another request as not shown until it is, so its closing is not told', () => {
    const { store, first, other } = shownThenGone()
    // Gone from the rows, the id still reads as shown: a toast or a link of it is the expert's.
    expect(store.shownInvites([first.id])).toEqual([first.id])
    store.applyEvents([inviteCreated(2, other)])
    expect(store.shownInvites([other.id])).toEqual([])
    store.markNotified([other.id], FIXTURE_NOW)
    expect(store.shownInvites([other.id])).toEqual([other.id])
  })

  it('still passes over the same invite (same id, same request) sent again once its row is gone', () => {
    const { store, first: invite } = shownThenGone()
    expect(store.invite(invite.id)).toBeNull()
    store.applyEvents([inviteCreated(2, invite)])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    store.applySnapshot(aSnapshot({ openInvites: [invite], cursor: 2 }))
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
  })

  it("takes a snapshot holding another request's invite under a shown id whose row is gone as new, shown once", () => {
    const { store, first, other } = shownThenGone()
    store.applySnapshot(aSnapshot({ openInvites: [other], cursor: 1 }))
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([other])
    store.markNotified([other.id], FIXTURE_NOW)
    // The first request's invite back under the id (a platform restored again) was shown already.
    store.applySnapshot(aSnapshot({ openInvites: [first], cursor: 1 }))
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
  })

  it('is forgotten with the rest of the cache when it is cleared', () => {
    const { store } = fresh()
    const invite = anInvite({ id: 'inv_back', request: aRequest({ id: 'r_back' }) })
    store.applyEvents([expertUpdated(1, anExpert()), inviteCreated(2, invite)])
    store.markNotified(['inv_back'], FIXTURE_NOW)
    store.clear()
    store.applyEvents([expertUpdated(1, anExpert()), inviteCreated(2, invite)])
    expect(store.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([invite])
  })
})
