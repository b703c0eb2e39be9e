import { describe, expect, it } from 'vitest'
import {
  CacheRetention,
  RETENTION_EVERY_MS,
  RETENTION_FIRST_AFTER_MS,
} from '../../../../src/main/core/cache-retention'
import { MessageAlerts } from '../../../../src/main/core/messages/message-alerts'
import type { CacheStore } from '../../../../src/main/core/ports/cache-store'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { ReminderMarks } from '../../../../src/main/core/reminders/reminder-marks'
import { tellSessionChanges } from '../../../../src/main/core/reminders/session-changes'
import { InviteAlerts } from '../../../../src/main/core/sync/invite-alerts'
import type { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { PlatformClock } from '../../../../src/main/core/platform-clock/platform-clock'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../src/shared/clock'
import { MISSED_INVITES_LISTED } from '../../../../src/shared/ipc/list-limits'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import {
  aMessage,
  anInvite,
  aRequest,
  aSnapshot,
  inviteClosed,
  inviteCreated,
  messageCreated,
  sessionUpdated,
} from '../../../support/fixtures'
import { countRows, linesLogger, useFreshStores } from '../db/cache-test-kit'
import { DAY, fillMonths, MONTHS_LATER, trimAll } from '../db/months-of-rows'

const fresh = useFreshStores()

/** The retention over `cache` on a manual clock that is also the platform's. */
function retentionOver(cache: CacheStore, measured = { now: true }) {
  const clock = new ManualClock(MONTHS_LATER)
  const log = linesLogger()
  const platformMeasured = (): boolean => measured.now
  const retention = new CacheRetention({ cache, clock, platformTime: clock, platformMeasured, log })
  return { clock, log, retention }
}

/** `count` invites closed (taken) at `at`, with event ids after the cursor. */
function takenInvites(store: SqliteCacheStore, count: number, at: number): PlatformEvent[] {
  let id = store.cursor()
  return Array.from({ length: count }, (_, i) => {
    const invite = anInvite({ request: aRequest({ id: `req_later_${i}`, createdAt: at + i }) })
    return [inviteCreated(++id, invite), inviteClosed(++id, invite.id, 'taken', null, at + i)]
  }).flat()
}

describe('CacheRetention', () => {
  it('leaves the cache alone at start, trims it a while later, and again on its timer, months on end', () => {
    const { store, db } = fresh()
    fillMonths(store)
    const { clock, retention } = retentionOver(store)
    const filled = countRows(db, 'invites')
    retention.start()
    // Off the path to the first page: nothing is read or written at start.
    clock.advance(RETENTION_FIRST_AFTER_MS - 1)
    expect(countRows(db, 'invites')).toBe(filled)
    clock.advance(1)
    expect(countRows(db, 'invites')).toBe(1 + MISSED_INVITES_LISTED)
    // More invites come and close; a week and a day later only the Missed list's are left.
    store.applyEvents(takenInvites(store, 60, clock.now()))
    clock.advance(8 * DAY)
    expect(countRows(db, 'invites')).toBe(MISSED_INVITES_LISTED)
    expect(store.missedInvites(clock.now(), MISSED_INVITES_LISTED)).toHaveLength(MISSED_INVITES_LISTED)
    retention.stop()
    expect(clock.pendingTimers).toBe(0)
  })

  it('trims nothing by a platform time only guessed (the computer’s clock set months ahead, offline), and trims once it is measured', () => {
    const { store, db } = fresh()
    fillMonths(store)
    const measured = { now: false }
    const { clock, log, retention } = retentionOver(store, measured)
    const filled = countRows(db, 'invites')
    retention.start()
    clock.advance(RETENTION_FIRST_AFTER_MS * 10)
    expect(countRows(db, 'invites')).toBe(filled)
    expect(log.lines.filter((line) => line.includes('not trimmed until the platform'))).toHaveLength(1)
    measured.now = true
    clock.advance(RETENTION_FIRST_AFTER_MS)
    // The open invite ran out meanwhile: it leads the Missed list now.
    expect(countRows(db, 'invites')).toBe(MISSED_INVITES_LISTED)
    retention.stop()
  })

  it('trims nothing by one answer’s word after a start: a first platform time months ahead, never borne out', () => {
    const { store, db } = fresh()
    fillMonths(store)
    const local = new ManualClock(MONTHS_LATER)
    const log = linesLogger()
    const platform = new PlatformClock(local, createPowerHook(), log)
    const retention = new CacheRetention({
      cache: store,
      clock: local,
      platformTime: platform.deadlines,
      platformMeasured: () => platform.measuredSurely(),
      log,
    })
    const filled = countRows(db, 'invites')
    retention.start()
    const reading = platform.reading()
    platform.record({ sent: reading, received: reading, serverTime: MONTHS_LATER + 60 * DAY })
    local.advance(RETENTION_FIRST_AFTER_MS * 10)
    expect(countRows(db, 'invites')).toBe(filled)
    retention.stop()
  })

  it('tries again at the next period when a batch fails, and the app carries on', () => {
    const { store, db } = fresh()
    fillMonths(store)
    let failures = 1
    const failingOnce = new Proxy(store, {
      get(target, key) {
        if (key === 'trimBatch' && failures-- > 0)
          return () => {
            throw new Error('SQLITE_BUSY: database is locked')
          }
        const value: unknown = Reflect.get(target, key, target)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
    const { clock, log, retention } = retentionOver(failingOnce)
    const filled = countRows(db, 'invites')
    retention.start()
    clock.advance(RETENTION_FIRST_AFTER_MS)
    expect(countRows(db, 'invites')).toBe(filled)
    expect(log.lines.some((line) => line.startsWith('warn Could not trim the offline cache'))).toBe(true)
    clock.advance(RETENTION_EVERY_MS)
    // The open invite ran out meanwhile: it leads the Missed list now.
    expect(countRows(db, 'invites')).toBe(MISSED_INVITES_LISTED)
    retention.stop()
  })

  it('never shows an invite, a message or a session change twice when the platform sends them again after it', () => {
    const { store } = fresh()
    const world = fillMonths(store)
    const clock = new ManualClock(MONTHS_LATER)
    const shown: AppNotification[] = []
    const notifier = { show: (n: AppNotification) => shown.push(n) }
    const invites = new InviteAlerts(store, { clock, notifier, platformTime: clock })
    const messages = new MessageAlerts({
      cache: store,
      clock,
      platformTime: clock,
      notifier,
      log: linesLogger(),
      windowFocused: () => false,
    })
    trimAll(store, clock.now())
    const cursor = store.cursor()
    const bookedMessage = aMessage({
      id: 'msg_booked',
      requestId: world.booked.request.id,
      sentAt: clock.now() - 30 * DAY,
    })
    const openMessage = aMessage({
      id: 'msg_open',
      requestId: world.openInvite.request.id,
      sentAt: clock.now() - 60_000,
    })
    const oldMessage = aMessage({ id: world.oldMessageId, requestId: world.oldInvite.request.id })
    // A platform restored from a backup: its snapshot is behind the cursor and still calls the
    // first day's invite open; its stream then sends what the cache already had.
    const openBefore = invites.openBeforeSnapshot()
    store.applySnapshot(
      aSnapshot({
        openInvites: [world.openInvite, world.oldInvite],
        sessions: [world.booked, world.cancelledLongAgo],
        recentMessages: [oldMessage, bookedMessage, openMessage],
        cursor: cursor - 100,
      }),
    )
    invites.afterSnapshot(openBefore)
    messages.cacheChanged({ kind: 'replaced' })
    const chargedBack = { ...world.cancelledLongAgo, updatedAt: clock.now() }
    const replayed = [
      inviteCreated(cursor - 99, world.openInvite),
      inviteCreated(cursor - 98, world.oldInvite),
      messageCreated(cursor - 97, bookedMessage),
      messageCreated(cursor - 96, openMessage),
      sessionUpdated(cursor - 95, chargedBack),
    ]
    const { applied } = store.applyEvents(replayed)
    expect(applied).toHaveLength(replayed.length)
    invites.afterEvents([], applied, false)
    messages.cacheChanged({ kind: 'events', events: applied })
    tellSessionChanges(
      {
        cache: store,
        marks: new ReminderMarks({ cache: store, log: linesLogger() }),
        show: (_session, _now, moment) =>
          shown.push({ kind: 'reminder', moment } as unknown as AppNotification),
        time: String,
        dayTime: String,
        takeDue: () => null,
      },
      new Set([chargedBack.id]),
      clock.now(),
    )
    invites.caughtUp()
    expect(shown).toEqual([])
  })
})
