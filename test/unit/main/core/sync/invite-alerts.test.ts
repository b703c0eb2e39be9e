import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { InviteExpiry } from '../../../../../src/main/core/invites/invite-expiry'
import { InviteAlerts } from '../../../../../src/main/core/sync/invite-alerts'
import type { Notifier } from '../../../../../src/main/core/ports/notifier'
import { createRecordingNotifier } from '../../../../../src/main/node/adapters/recording-notifier'
import { ManualClock } from '../../../../../src/shared/clock'
import {
  anExpert,
  anInvite,
  aRequest,
  aSnapshot,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  MINUTE,
} from '../../../../support/fixtures'
import { storeFactory, useTempDirs } from '../../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()

describe('invite alerts around a batch of events', () => {
  it('an invite taken among hundreds open: its notification alone is taken down, without reading every open invite', () => {
    const { store, notifier, alerts } = alertsOnFreshCache(createRecordingNotifier())
    const created = Array.from({ length: 300 }, (_, i) =>
      inviteCreated(
        i + 1,
        anInvite({
          id: `inv_${i}`,
          request: aRequest({ id: `req_${i}`, title: `Request ${i}` }),
          expiresAt: FIXTURE_NOW + 3_600_000,
        }),
      ),
    )
    store.applyEvents(created)
    alerts.afterEvents([], created, false)
    expect(notifier.shown).toHaveLength(300)

    const reads = vi.spyOn(store, 'openInvites')
    const closing = [inviteClosed(301, 'inv_42', 'taken'), inviteClosed(302, 'inv_gone', 'taken')]
    const before = alerts.openBeforeEvents(closing)
    store.applyEvents(closing)
    alerts.afterEvents(before, closing, false)

    expect(notifier.shown.slice(300)).toEqual([
      {
        kind: 'invite_closed',
        inviteId: 'inv_42',
        requestId: 'req_42',
        reason: 'taken',
        title: 'Request 42',
        body: 'Another expert took it.',
      },
    ])
    expect(reads).not.toHaveBeenCalled()
  })
})

/** The ids of the invites a notifier showed, in order (false for any other notification). */
function invitesShown(notifier: ReturnType<typeof createRecordingNotifier>): Array<string | false> {
  return notifier.shown.map((n) => n.kind === 'invite' && n.inviteId)
}

/** Invite alerts over a fresh cache, on a manual clock at FIXTURE_NOW, showing through `notifier`. */
function alertsOnFreshCache<N extends Notifier>(notifier: N) {
  const { store } = openStore(join(tempDir(), 'cache.db'))
  const clock = new ManualClock(FIXTURE_NOW)
  const alerts = new InviteAlerts(store, { clock, notifier, platformTime: clock })
  return { store, notifier, alerts }
}

/** Invite alerts over a fresh cache whose notifier fails on its `failOn`th notification, until `showAll`. */
function alertsFailingOnShow(failOn: number) {
  const recorded = createRecordingNotifier()
  let failing = true
  const { store, alerts } = alertsOnFreshCache({
    ...recorded,
    show: (n: Parameters<typeof recorded.show>[0]) => {
      if (failing && recorded.shown.length + 1 === failOn)
        throw new Error('the notification service went away')
      recorded.show(n)
    },
  })
  return { store, recorded, alerts, showAll: () => (failing = false) }
}

describe('invite alerts when showing stops halfway', () => {
  it('a notifier that fails on the third of five new invites: the two after it are shown next time, none twice', () => {
    const { store, recorded, alerts, showAll } = alertsFailingOnShow(3)
    const created = Array.from({ length: 5 }, (_, i) =>
      inviteCreated(
        i + 1,
        anInvite({ id: `inv_${i}`, request: aRequest({ id: `req_${i}` }), sentAt: FIXTURE_NOW - i }),
      ),
    )
    store.applyEvents(created)
    expect(() => alerts.afterEvents([], created, false)).toThrow('went away')
    expect(invitesShown(recorded)).toEqual(['inv_0', 'inv_1'])

    showAll()
    alerts.caughtUp()
    // The one being shown when it failed is lost, as in a crash at that instant; the rest are not.
    expect(invitesShown(recorded)).toEqual(['inv_0', 'inv_1', 'inv_3', 'inv_4'])
  })
})

describe('invite alerts when the batch that applies the invites marks the first shown', () => {
  const fiveNew = () =>
    Array.from({ length: 5 }, (_, i) =>
      inviteCreated(
        i + 1,
        anInvite({ id: `inv_${i}`, request: aRequest({ id: `req_${i}` }), sentAt: FIXTURE_NOW - i }),
      ),
    )

  it('a crash after the batch is saved, before its invite is shown: that one is lost, never shown after the restart', () => {
    const path = join(tempDir(), 'cache.db')
    const { store, db } = openStore(path)
    const clock = new ManualClock(FIXTURE_NOW)
    const alerts = new InviteAlerts(store, {
      clock,
      notifier: createRecordingNotifier(),
      platformTime: clock,
    })
    const created = fiveNew().slice(0, 1)
    const { unshown } = store.applyEvents(created, alerts.showingAt())
    expect(unshown?.map((i) => i.id)).toEqual(['inv_0'])
    // The process dies here: the batch is committed, nothing was shown.
    db.close()

    const again = openStore(path)
    const notifier = createRecordingNotifier()
    new InviteAlerts(again.store, { clock, notifier, platformTime: clock }).caughtUp()
    expect(notifier.shown).toEqual([])
  })

  it('a notifier that fails on the second of five new invites: the first is shown once, the three after it next time', () => {
    const { store, recorded, alerts, showAll } = alertsFailingOnShow(2)
    const created = fiveNew()
    const showing = alerts.showingAt()
    const { unshown = [] } = store.applyEvents(created, showing)
    const found = { invites: unshown, openAt: showing.openAt }
    expect(() => alerts.afterEvents([], created, false, found)).toThrow('went away')
    expect(invitesShown(recorded)).toEqual(['inv_0'])

    showAll()
    alerts.caughtUp()
    // The batch marked only its first: the one being shown when it failed is lost, the rest are not.
    expect(invitesShown(recorded)).toEqual(['inv_0', 'inv_2', 'inv_3', 'inv_4'])
  })
})

describe('invite alerts when a read for taking closed invites down fails', () => {
  it('the invite the batch marked shown is still shown, and the read failure is what the caller hears', () => {
    const { store, notifier, alerts } = alertsOnFreshCache(createRecordingNotifier())
    const first = [inviteCreated(1, anInvite({ id: 'inv_a', request: aRequest({ id: 'req_a' }) }))]
    store.applyEvents(first)
    alerts.afterEvents([], first, false)
    // inv_a taken elsewhere while inv_b comes, in one batch; the cache then fails to say which were shown.
    const batch = [
      inviteClosed(2, 'inv_a', 'taken'),
      inviteCreated(3, anInvite({ id: 'inv_b', request: aRequest({ id: 'req_b' }) })),
    ]
    const before = alerts.openBeforeEvents(batch)
    const showing = alerts.showingAt()
    const { unshown = [] } = store.applyEvents(batch, showing)
    vi.spyOn(store, 'shownInvites').mockImplementation(() => {
      throw new Error('database disk image is malformed')
    })
    expect(() =>
      alerts.afterEvents(before, batch, false, { invites: unshown, openAt: showing.openAt }),
    ).toThrow('malformed')
    expect(invitesShown(notifier)).toEqual(['inv_a', 'inv_b'])
  })
})

describe('invite alerts beside the expiry watch', () => {
  /**
   * One shown invite, its alerts and the core's expiry watch wired as the core wires them: the
   * watch tells the invites whose time ran out, and checks again after each change of the invites.
   */
  function watched() {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const clock = new ManualClock(FIXTURE_NOW)
    const notifier = createRecordingNotifier()
    const expiry: InviteExpiry = new InviteExpiry({
      cache: store,
      platformTime: clock,
      expired: (invites) => alerts.expired(invites),
      reopened: (invites) => {
        alerts.reopened(invites)
        alerts.caughtUp()
      },
    })
    const alerts = new InviteAlerts(store, {
      clock,
      notifier,
      platformTime: clock,
      runOutToldUntil: () => expiry.toldUntil(),
    })
    const invite = anInvite({
      id: 'inv_1',
      request: aRequest({ id: 'req_1' }),
      expiresAt: FIXTURE_NOW + 2 * MINUTE,
    })
    const created = [inviteCreated(1, invite)]
    store.applyEvents(created)
    alerts.afterEvents([], created, false)
    expiry.check()
    expect(notifier.onScreen.map((n) => n.inviteId)).toEqual(['inv_1'])
    /** Events applied as the sync engine applies a batch, then the watch's check the core makes. */
    const apply = (events: Parameters<typeof store.applyEvents>[0]): void => {
      const before = alerts.openBeforeEvents(events)
      store.applyEvents(events)
      alerts.afterEvents(before, events, false)
      expiry.check()
    }
    return { store, clock, notifier, alerts, expiry, apply }
  }

  it('an invite the platform closes just after its time ran out, before the watch woke, is taken down once', () => {
    for (const reason of ['taken', 'expired', 'withdrawn', 'declined'] as const) {
      const { clock, notifier, apply } = watched()
      // The event comes in before the watch's timer (the main process was busy at that moment).
      clock.sleep(2 * MINUTE + 50)
      apply([inviteClosed(2, 'inv_1', reason)])
      clock.advance(0)
      expect(notifier.onScreen, reason).toEqual([])
      expect(notifier.removed, reason).toEqual(['inv_1'])
    }
  })

  it('a snapshot without an invite whose time ran out before the watch woke takes it down once', () => {
    const { store, clock, notifier, alerts, expiry } = watched()
    clock.sleep(2 * MINUTE + 50)
    const before = alerts.openBeforeSnapshot()
    store.applySnapshot(aSnapshot({ expert: anExpert(), cursor: 2 }))
    alerts.afterSnapshot(before)
    expiry.check()
    clock.advance(0)
    expect(notifier.onScreen).toEqual([])
    expect(notifier.removed).toEqual(['inv_1'])
  })

  it('an invite the watch took down as run out is not taken down again when the platform’s word follows', () => {
    const { clock, notifier, apply } = watched()
    clock.advance(2 * MINUTE)
    expect(notifier.removed).toEqual(['inv_1'])
    apply([inviteClosed(2, 'inv_1', 'expired')])
    clock.advance(MINUTE)
    expect(notifier.removed).toEqual(['inv_1'])
  })

  it('an invite taken down as run out, then open again as the clock is found behind: shown again once, and taken down at its time', () => {
    const { clock, notifier, expiry } = watched()
    clock.advance(2 * MINUTE)
    expect(notifier.onScreen).toEqual([])
    clock.step(-MINUTE)
    expiry.check()
    expiry.check()
    expect(notifier.onScreen.map((n) => n.inviteId)).toEqual(['inv_1'])
    expect(invitesShown(notifier).filter(Boolean)).toEqual(['inv_1', 'inv_1'])
    clock.advance(MINUTE)
    expect(notifier.onScreen).toEqual([])
    expect(notifier.removed).toEqual(['inv_1', 'inv_1'])
  })

  it('an invite the watch never took down is not shown again when the clock is found behind', () => {
    const { clock, notifier, expiry } = watched()
    clock.step(-MINUTE)
    expiry.check()
    expect(invitesShown(notifier)).toEqual(['inv_1'])
  })

  it('an invite closed before its time ran out is taken down once, by the platform’s word', () => {
    const { clock, notifier, apply } = watched()
    clock.advance(MINUTE)
    apply([inviteClosed(2, 'inv_1', 'taken')])
    clock.advance(5 * MINUTE)
    expect(notifier.removed).toEqual(['inv_1'])
  })
})
