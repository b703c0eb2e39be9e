import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { InviteAlerts } from '../../../../../src/main/core/sync/invite-alerts'
import { createRecordingNotifier } from '../../../../../src/main/node/adapters/recording-notifier'
import { ManualClock } from '../../../../../src/shared/clock'
import { anInvite, aRequest, FIXTURE_NOW, inviteClosed, inviteCreated } from '../../../../support/fixtures'
import { storeFactory, useTempDirs } from '../../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()

describe('invite alerts around a batch of events', () => {
  it('an invite taken among hundreds open: its notification alone is taken down, without reading every open invite', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const clock = new ManualClock(FIXTURE_NOW)
    const notifier = createRecordingNotifier()
    const alerts = new InviteAlerts(store, { clock, notifier, platformTime: clock })
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
        reason: 'taken',
        title: 'Request 42',
        body: 'Another expert took it.',
      },
    ])
    expect(reads).not.toHaveBeenCalled()
  })
})

describe('invite alerts when showing stops halfway', () => {
  it('a notifier that fails on the third of five new invites: the two after it are shown next time, none twice', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const clock = new ManualClock(FIXTURE_NOW)
    const recorded = createRecordingNotifier()
    let failOn: number | null = 3
    const notifier = {
      ...recorded,
      show: (n: Parameters<typeof recorded.show>[0]) => {
        if (recorded.shown.length + 1 === failOn) throw new Error('the notification service went away')
        recorded.show(n)
      },
    }
    const alerts = new InviteAlerts(store, { clock, notifier, platformTime: clock })
    const created = Array.from({ length: 5 }, (_, i) =>
      inviteCreated(
        i + 1,
        anInvite({ id: `inv_${i}`, request: aRequest({ id: `req_${i}` }), sentAt: FIXTURE_NOW - i }),
      ),
    )
    store.applyEvents(created)
    expect(() => alerts.afterEvents([], created, false)).toThrow('went away')
    expect(recorded.shown.map((n) => n.kind === 'invite' && n.inviteId)).toEqual(['inv_0', 'inv_1'])

    failOn = null
    alerts.caughtUp()
    // The one being shown when it failed is lost, as in a crash at that instant; the rest are not.
    expect(recorded.shown.map((n) => n.kind === 'invite' && n.inviteId)).toEqual([
      'inv_0',
      'inv_1',
      'inv_3',
      'inv_4',
    ])
  })
})
