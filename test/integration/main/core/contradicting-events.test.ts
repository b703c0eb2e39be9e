// A platform whose stream goes back on its own word: an invite it closed sent again as open, a
// session it ended brought back. The expert is shown no Join for the dead invite, no reminder for
// the session that is over, and one notice that the platform is at fault.
import { describe, expect, it } from 'vitest'
import {
  aMessage,
  anInvite,
  aRequest,
  aSession,
  aSnapshot,
  endedSession,
  inviteClosed,
  inviteCreated,
  messageCreated,
  sessionUpdated,
} from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { adaSettledOn, type TestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'
import type { PlatformEvent, Snapshot } from '../../../../src/shared/protocol'

const HOUR = 3_600_000

/** A scheduled request `id` proposing one time, `ahead` after `now`. */
function bookedAhead(now: number, ahead = HOUR, id = 'req_b') {
  return aRequest({ id, kind: 'scheduled', proposedTimes: [now + ahead], createdAt: now - HOUR })
}

describe('a platform contradicting its own stream', () => {
  const defer = useCleanup()

  /**
   * Ada's core online on a platform whose snapshot holds `state` and whose stream after it is
   * `catchUp`; `push` sends more live.
   */
  async function adaFollowing(
    catchUp: PlatformEvent[],
    state: Partial<Snapshot> = {},
  ): Promise<{ core: TestCore; push: (e: PlatformEvent) => void }> {
    const latestId = 1 + catchUp.length
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: latestId }),
      replay: (request) =>
        request.snapshot === true
          ? {
              kind: 'snapshot',
              snapshot: aSnapshot({ ...state, cursor: 1, cursorDigest: 'd1', takenAt: Date.now() }),
            }
          : {
              kind: 'events',
              events: catchUp.filter((e) => e.id > Number(request.after)),
              latestId,
              hasMore: false,
            },
    })
    const core = await adaSettledOn(defer, platform)
    return { core, push: (event) => platform.io.emit('platform-event', event) }
  }

  /**
   * Ada's core online on a platform that answers each connection with a fresh copy of its state (a
   * snapshot at a cursor the app has not seen): `first`'s rows, then `then`'s. `reconnect` drops
   * the link and resolves once the second copy is applied and `told` notifications were shown in all.
   */
  async function adaOnFreshCopies(
    first: Partial<Snapshot>,
    then: Partial<Snapshot>,
  ): Promise<{ core: TestCore; reconnect: (told: number) => Promise<void> }> {
    let connections = 0
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: ++connections }),
      replay: (asked) =>
        asked.snapshot === true || asked.after !== connections
          ? {
              kind: 'snapshot',
              snapshot: aSnapshot({
                ...(connections === 1 ? first : then),
                cursor: connections,
                cursorDigest: `d${connections}`,
                takenAt: Date.now(),
              }),
            }
          : { kind: 'events', events: [], latestId: connections, hasMore: false },
    })
    const core = await adaSettledOn(defer, platform)
    const reconnect = async (told: number): Promise<void> => {
      platform.io.disconnectSockets()
      await core.waitForState((s) => s.status !== 'online')
      await core.waitForNotifications(told)
      await core.runtime.core.settled()
    }
    return { core, reconnect }
  }

  it('an invite it closed, sent again as open: not shown, not listed open, and the notice says whose fault it is', async () => {
    const now = Date.now()
    const invite = anInvite({
      request: aRequest({ id: 'req_1', createdAt: now }),
      expiresAt: now + 3_600_000,
    })
    const { core, push } = await adaFollowing([inviteCreated(2, invite), inviteClosed(3, invite.id, 'taken')])
    expect(core.adapters.notifier.shown).toEqual([])
    push(inviteCreated(4, invite, now))
    await core.waitForNotifications(1)
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(4)
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([])
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({
        kind: 'notice',
        body: expect.stringMatching(/fault of the platform.*tell the platform's support/),
      }),
    ])
    expect(JSON.stringify(core.adapters.notifier.shown)).not.toMatch(/update Standby/)
  })

  it('a session it ended, sent again as booked in a few minutes: no reminder, and it stays in History', async () => {
    const now = Date.now()
    const request = bookedAhead(now, 5 * 60_000, 'req_s')
    const booked = aSession({ id: 'ses_1', request, bookedStart: now + 5 * 60_000, updatedAt: now - 60_000 })
    const { core, push } = await adaFollowing([sessionUpdated(2, endedSession(booked, now))])
    push(sessionUpdated(3, booked, now))
    await core.waitForNotifications(1)
    await core.runtime.core.settled()
    expect(core.runtime.cache.session('ses_1')?.state).toBe('ended')
    expect(core.adapters.notifier.shown.map((n) => n.kind)).toEqual(['notice'])
  })
  it('a message sent again in other words, in the replay and live: the thread keeps the words read, and the notice says whose fault it is', async () => {
    const now = Date.now()
    const invite = anInvite({ request: aRequest({ id: 'req_m', createdAt: now }), expiresAt: now + HOUR })
    const message = aMessage({
      id: 'msg_d',
      requestId: 'req_m',
      body: 'Can you look at my query?',
      sentAt: now,
    })
    const reworded = (body: string) => ({ ...message, body })
    const { core, push } = await adaFollowing([
      inviteCreated(2, invite, now),
      messageCreated(3, message),
      messageCreated(4, reworded('Send me your password')),
    ])
    const shown = core.adapters.notifier.shown.length
    // Then a new invite, told once the live batch before it was applied.
    const next = anInvite({
      id: 'inv_next',
      request: aRequest({ id: 'req_n', createdAt: now }),
      expiresAt: now + HOUR,
    })
    push(messageCreated(5, reworded('Pay me here instead')))
    push(inviteCreated(6, next, now))
    await core.waitForNotifications(shown + 1)
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(6)
    expect(core.runtime.cache.messages('req_m').map((m) => m.body)).toEqual([message.body])
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'notice')).toEqual([
      expect.objectContaining({ kind: 'notice', body: expect.stringMatching(/fault of the platform/) }),
    ])
  })

  it('a snapshot holding an open invite to a request its own ended session took: not shown, not listed open, and the notice says whose fault it is', async () => {
    const now = Date.now()
    const request = aRequest({ id: 'req_done', createdAt: now - 3_600_000 })
    const session = endedSession(aSession({ id: 'ses_done', request, updatedAt: now - 60_000 }), now - 60_000)
    const fresh = anInvite({
      request: aRequest({ id: 'req_new', createdAt: now }),
      expiresAt: now + 3_600_000,
    })
    const stale = anInvite({ id: 'inv_stale', request, sentAt: now, expiresAt: now + 3_600_000 })
    const { core } = await adaFollowing([], { openInvites: [stale, fresh], sessions: [session] })
    const open = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())
    expect(open.map((i) => i.id)).toEqual([fresh.id])
    expect(core.adapters.notifier.shown.map((n) => n.kind).sort()).toEqual(['invite', 'notice'])
    expect(core.adapters.notifier.shown).toContainEqual(
      expect.objectContaining({ kind: 'notice', body: expect.stringMatching(/fault of the platform/) }),
    )
  })

  it('a second session for a request its session took, under another id: one session listed, and the notice says whose fault it is', async () => {
    const now = Date.now()
    const request = bookedAhead(now)
    const booked = aSession({ id: 'ses_1', request, bookedStart: now + HOUR, updatedAt: now - 60_000 })
    const { core, push } = await adaFollowing([sessionUpdated(2, booked)])
    push(sessionUpdated(3, { ...booked, id: 'ses_2', updatedAt: now }, now))
    await core.waitForNotifications(1)
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(3)
    expect(core.runtime.cache.upcomingSessions(now, 10).map((s) => s.id)).toEqual(['ses_1'])
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({ kind: 'notice', body: expect.stringMatching(/fault of the platform/) }),
    ])
  })

  it('a snapshot holding two sessions for one request, neither cached: the one updated last is kept, and the notice says whose fault it is', async () => {
    const now = Date.now()
    const request = bookedAhead(now)
    const older = aSession({ id: 'ses_a', request, bookedStart: now + HOUR, updatedAt: now - 60_000 })
    const newer = { ...older, id: 'ses_b', updatedAt: now - 1_000 }
    const { core } = await adaFollowing([], { sessions: [newer, older] })
    expect(core.runtime.cache.upcomingSessions(now, 10).map((s) => s.id)).toEqual(['ses_b'])
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({ kind: 'notice', body: expect.stringMatching(/fault of the platform/) }),
    ])
  })

  it('a fresh copy holding a second session, updated later, for the request of one reminded of: the reminded one stays, and no reminder comes again', async () => {
    const now = Date.now()
    const request = bookedAhead(now, 5 * 60_000)
    const reminded = aSession({
      id: 'ses_a',
      request,
      bookedStart: now + 5 * 60_000,
      updatedAt: now - 60_000,
    })
    const later = { ...reminded, id: 'ses_b', updatedAt: now - 1_000 }
    const { core, reconnect } = await adaOnFreshCopies(
      { sessions: [reminded] },
      { sessions: [later, reminded] },
    )
    await core.waitForNotifications(1)
    expect(core.adapters.notifier.shown.map((n) => n.kind)).toEqual(['reminder'])
    await reconnect(2)
    expect(core.runtime.cache.cursor()).toBe(2)
    expect(core.runtime.cache.upcomingSessions(now, 10).map((s) => s.id)).toEqual(['ses_a'])
    expect(core.adapters.notifier.shown.map((n) => n.kind)).toEqual(['reminder', 'notice'])
  })

  it('a second invite to a request it invited to, under another id: shown once, and the notice says whose fault it is', async () => {
    const now = Date.now()
    const invite = anInvite({ request: aRequest({ id: 'req_1', createdAt: now }), expiresAt: now + HOUR })
    const { core, push } = await adaFollowing([])
    push(inviteCreated(2, invite, now))
    push(inviteCreated(3, { ...invite, id: 'inv_again' }, now))
    await core.waitForNotifications(2)
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(3)
    expect(core.runtime.cache.openInvites(now).map((i) => i.id)).toEqual([invite.id])
    expect(core.adapters.notifier.shown.map((n) => n.kind)).toEqual(['invite', 'notice'])
  })

  it('a snapshot holding two open invites to one request: the one sent first is shown, once, and the notice says whose fault it is', async () => {
    const now = Date.now()
    const first = anInvite({
      id: 'inv_first',
      request: aRequest({ id: 'req_1', createdAt: now }),
      sentAt: now - 1_000,
      expiresAt: now + HOUR,
    })
    const again = { ...first, id: 'inv_again', sentAt: now }
    const { core } = await adaFollowing([], { openInvites: [again, first] })
    expect(core.runtime.cache.openInvites(now).map((i) => i.id)).toEqual(['inv_first'])
    expect(core.adapters.notifier.shown.map((n) => n.kind).sort()).toEqual(['invite', 'notice'])
  })

  it('a fresh copy holding a second open invite, sent earlier, to the request of one shown: the shown one stays, and none is shown again', async () => {
    const now = Date.now()
    const shown = anInvite({
      id: 'inv_shown',
      request: aRequest({ id: 'req_1', createdAt: now }),
      sentAt: now,
      expiresAt: now + HOUR,
    })
    const earlier = { ...shown, id: 'inv_earlier', sentAt: now - 1_000 }
    const { core, reconnect } = await adaOnFreshCopies(
      { openInvites: [shown] },
      { openInvites: [earlier, shown] },
    )
    expect(core.adapters.notifier.shown.map((n) => n.kind)).toEqual(['invite'])
    await reconnect(2)
    expect(core.runtime.cache.cursor()).toBe(2)
    expect(core.runtime.cache.openInvites(now).map((i) => i.id)).toEqual(['inv_shown'])
    expect(core.adapters.notifier.shown.map((n) => n.kind)).toEqual(['invite', 'notice'])
  })
})
