import { describe, expect, it } from 'vitest'
import { RETAINED_MS, ROWS_PER_BATCH } from '../../../../src/main/db/retention-policy'
import { SHOWN_REMEMBERED } from '../../../../src/main/db/repositories/invite-repository'
import { MISSED_INVITES_LISTED } from '../../../../src/shared/ipc/list-limits'
import { FIXTURE_NOW } from '../../../support/fixtures'
import { allHistoryPages, countRows, useFreshStores } from './cache-test-kit'
import { DAY, fillMonths, INVITES_A_DAY, MONTHS_LATER, trimAll } from './months-of-rows'

const fresh = useFreshStores()
const now = MONTHS_LATER

describe('the cache’s retention over months on a stable connection', () => {
  it('keeps everything the window shows, read as the window reads it', () => {
    const { store } = fresh()
    const world = fillMonths(store)
    const read = () => ({
      open: store.openInvites(now),
      missed: store.missedInvites(now, MISSED_INVITES_LISTED),
      upcoming: store.upcomingSessions(now, 200),
      history: allHistoryPages(store, 7),
      historyClients: store.historyClients(1_000),
      oldestThread: store.messages(world.endedFirst.request.id),
      bookedThread: store.messages(world.booked.request.id),
      openThread: store.messages(world.openInvite.request.id),
      unread: store.unreadThreads(now),
      cancelled: store.session(world.cancelledLongAgo.id),
    })
    const before = read()
    trimAll(store, now)
    expect(read()).toEqual(before)
    expect(before.missed).toHaveLength(MISSED_INVITES_LISTED)
    expect(before.history).toContain(world.endedFirst.id)
    expect(before.oldestThread.map((m) => m.id)).toEqual(['smsg_0'])
  })

  it('drops the invites, threads and requests nothing shows any more, and what was marked of them', () => {
    const { store, db } = fresh()
    const world = fillMonths(store)
    const invitesBefore = countRows(db, 'invites')
    const { removed, batches } = trimAll(store, now)
    // Open, the Missed list's, and those closed within RETAINED_MS (all among the Missed list's here).
    const recentDays = RETAINED_MS / DAY
    expect(countRows(db, 'invites')).toBe(1 + Math.max(MISSED_INVITES_LISTED, recentDays * INVITES_A_DAY))
    expect(invitesBefore).toBeGreaterThan(500)
    expect(store.invite(world.oldInvite.id)).toBeNull()
    // Every message left belongs to a cached invite's or session's thread (the stream stores no other).
    const stray = db
      .prepare(
        `SELECT id FROM messages WHERE request_id NOT IN (SELECT request_id FROM invites)
           AND request_id NOT IN (SELECT request_id FROM sessions)`,
      )
      .all()
    expect(stray).toEqual([])
    expect(countRows(db, 'message_state')).toBe(
      (
        db
          .prepare('SELECT COUNT(*) AS n FROM message_state JOIN messages ON messages.id = message_id')
          .get() as {
          n: number
        }
      ).n,
    )
    expect(countRows(db, 'requests')).toBe(countRows(db, 'invites') + countRows(db, 'sessions'))
    // The timed reminders of sessions long past went; "cancelled" stays with its cached session.
    const first = world.endedFirst
    expect(store.reminderHandled({ sessionId: first.id, bookedStart: first.bookedStart, alert: '30' })).toBe(
      false,
    )
    const cancelled = world.cancelledLongAgo
    expect(
      store.reminderHandled({
        sessionId: cancelled.id,
        bookedStart: cancelled.bookedStart,
        alert: 'cancelled',
      }),
    ).toBe(true)
    const booked = world.booked
    expect(
      store.reminderHandled({ sessionId: booked.id, bookedStart: booked.bookedStart, alert: '30' }),
    ).toBe(true)
    expect(store.snoozedReminders()).toEqual([])
    expect(removed).toBeGreaterThan(invitesBefore)
    // Small batches: never more rows looked at in one transaction than ROWS_PER_BATCH.
    expect(batches).toBeGreaterThan(invitesBefore / ROWS_PER_BATCH)
  })

  it('bounds the shown invites as a snapshot does, but never forgets one still cached or recently shown', () => {
    const { store, db } = fresh()
    const world = fillMonths(store)
    // Shown long ago, their rows gone with a snapshot long since: more than are remembered.
    const extra = SHOWN_REMEMBERED + 100
    for (let i = 0; i < extra; i++) store.markNotified([`inv_gone_${i}`], FIXTURE_NOW - DAY + i)
    trimAll(store, now)
    expect(countRows(db, 'shown_invites')).toBe(SHOWN_REMEMBERED)
    const asked = [world.openInvite.id, world.oldInvite.id, 'inv_gone_0', `inv_gone_${extra - 1}`]
    expect(new Set(store.shownInvites(asked))).toEqual(new Set(asked.filter((id) => id !== 'inv_gone_0')))
  })

  it('finds nothing more to drop in a second pass right after the first', () => {
    const { store, db } = fresh()
    fillMonths(store)
    trimAll(store, now)
    const after = countRows(db, 'invites') + countRows(db, 'messages') + countRows(db, 'reminders')
    expect(trimAll(store, now).removed).toBe(0)
    expect(countRows(db, 'invites') + countRows(db, 'messages') + countRows(db, 'reminders')).toBe(after)
  })

  it('keeps everything in a cache younger than its age limit', () => {
    const { store, db } = fresh()
    fillMonths(store)
    const tables = ['invites', 'messages', 'message_state', 'requests', 'shown_invites', 'reminders']
    const counts = tables.map((t) => countRows(db, t))
    expect(trimAll(store, FIXTURE_NOW + RETAINED_MS - DAY).removed).toBe(0)
    expect(tables.map((t) => countRows(db, t))).toEqual(counts)
  })
})
