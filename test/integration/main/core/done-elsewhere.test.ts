/**
 * An expert with Standby on two computers (or the platform's dashboard beside it) answers on one,
 * then presses the same button on the other before it has heard: the platform refuses the second
 * ("You already accepted this invite"), but what the expert asked for is done, so the second
 * Standby tells it as done. What was done otherwise (another time, another charge) is still told
 * as the platform's refusal.
 */
import { describe, expect, it } from 'vitest'
import type { AppNotice } from '../../../../src/main/core/notification-actions'
import { useCleanup } from '../../../support/cleanup'
import { inviteTitled, startCoreFor, startTestCore, type TestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

const MINUTE = 60_000

describe('a press on one computer after the same expert did it on another', () => {
  const defer = useCleanup()

  /** Ada's Standby on her laptop and on her desktop, both online on one platform. */
  async function adaOnTwoComputers() {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const ada = platform.addExpert()
    const [laptop, desktop] = await Promise.all([0, 1].map(() => startCoreFor(platform.server.url, ada)))
    for (const core of [laptop!, desktop!]) {
      defer(() => core.close(true))
      await core.waitForState((s) => s.status === 'online')
    }
    return { platform, ada, laptop: laptop!, desktop: desktop! }
  }

  /** The id of a new instant invite titled `title`, once both computers hold it. */
  async function instantInvite(
    { platform, ada, laptop, desktop }: Awaited<ReturnType<typeof adaOnTwoComputers>>,
    title = 'Hooks question',
  ): Promise<string> {
    platform.inviteDirectly(ada.id, title)
    const invite = await inviteTitled(laptop, title)
    await inviteTitled(desktop, title)
    return invite.id
  }

  const api = (core: TestCore) => core.runtime.api

  /** The id of an instant session joined on the desktop. */
  async function joinedOnDesktop(computers: Awaited<ReturnType<typeof adaOnTwoComputers>>): Promise<string> {
    const inviteId = await instantInvite(computers)
    const joined = await api(computers.desktop)['invites.accept']({ inviteId, proposedTime: null })
    if (!joined.ok) throw new Error(joined.error.message)
    return joined.result.session.id
  }
  const noticesOf = (core: TestCore) => core.adapters.notifier.shown.filter((n) => n.kind === 'notice')

  it('the window’s Join after the desktop joined is told as joined, and the room opens', async () => {
    const computers = await adaOnTwoComputers()
    const { laptop, desktop } = computers
    const inviteId = await instantInvite(computers)
    const first = await api(desktop)['invites.accept']({ inviteId, proposedTime: null })
    if (!first.ok) throw new Error(first.error.message)

    const second = await api(laptop)['invites.accept']({ inviteId, proposedTime: null })
    expect(second).toEqual({ ok: true, result: { session: first.result.session }, doneElsewhere: true })
    expect(laptop.adapters.browser.opened).toHaveLength(1)
    expect(laptop.adapters.tray.current?.openInvites).toBe(0)
    expect(noticesOf(laptop)).toEqual([])
  })

  it('Join on the toast that launched Standby, after the dashboard took the invite meanwhile, tells no failure', async () => {
    const { platform, ada, laptop } = await adaOnTwoComputers()
    platform.inviteDirectly(ada.id, 'Query plan')
    await laptop.waitForNotifications(1)
    const shown = laptop.adapters.notifier.onScreen[0]!
    laptop.close()
    const ack = platform.server.marketplace.execute(ada.id, {
      name: 'invite.accept',
      idempotencyKey: 'on-the-dashboard',
      payload: { inviteId: shown.inviteId, proposedTime: null },
    })
    expect(ack.ok).toBe(true)
    const again = await startTestCore({
      platformUrl: platform.server.url,
      token: ada.token,
      expertId: ada.id,
      dir: laptop.dir,
    })
    defer(() => again.close(true))
    const notices: AppNotice[] = []
    again.runtime.notificationActions.notices.add((notice) => notices.push(notice))
    expect(again.runtime.core.connection.status).toBe('connecting')

    await again.runtime.notificationActions.activate({ action: 'primary', notification: shown })
    expect(notices).toEqual([])
    expect(noticesOf(again)).toEqual([])
    expect(again.runtime.cache.invite(shown.inviteId)?.state).toBe('accepted')
    // Join was pressed here: the session's room opens here, as after a Join that went through.
    expect(again.adapters.browser.opened).toHaveLength(1)
    await again.waitForState((s) => s.status === 'online')
    expect(again.adapters.tray.current?.openInvites).toBe(0)
  })

  it('Book of the time booked on the desktop is told as booked; another of the proposed times is refused', async () => {
    const computers = await adaOnTwoComputers()
    const { platform, ada, laptop, desktop } = computers
    const [early, late] = [24 * 60, 26 * 60].map((m) => platform.clock.now() + m * MINUTE)
    platform.server.marketplace.createRequest({
      clientId: platform.addClient(),
      title: 'Tax return review',
      kind: 'scheduled',
      proposedTimes: [early!, late!],
      direct: { expertId: ada.id, via: 'dashboard' },
    })
    const { id: inviteId } = await inviteTitled(laptop, 'Tax return review')
    const first = await api(desktop)['invites.accept']({ inviteId, proposedTime: early! })
    if (!first.ok) throw new Error(first.error.message)

    expect(await api(laptop)['invites.accept']({ inviteId, proposedTime: early! })).toEqual({
      ...first,
      doneElsewhere: true,
    })
    expect(await api(laptop)['invites.accept']({ inviteId, proposedTime: late! })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `You already accepted this invite; its session is booked for ${new Date(early!).toISOString().slice(0, 16).replace('T', ' ')} UTC. To move it, propose another time from the session.`,
      },
    })
  })

  it('Decline after the desktop declined is told as declined elsewhere (its reason not sent); after the desktop joined, refused', async () => {
    const computers = await adaOnTwoComputers()
    const { laptop, desktop } = computers
    const declined = await instantInvite(computers)
    expect(await api(desktop)['invites.decline']({ inviteId: declined })).toMatchObject({ ok: true })
    // The platform takes a reason only with the decline itself: the window says this one was not sent.
    expect(await api(laptop)['invites.decline']({ inviteId: declined, reason: 'not_my_topic' })).toEqual({
      ok: true,
      result: { inviteId: declined },
      doneElsewhere: true,
    })

    const joined = await instantInvite(computers, 'Second question')
    expect(await api(desktop)['invites.accept']({ inviteId: joined, proposedTime: null })).toMatchObject({
      ok: true,
    })
    expect(await api(laptop)['invites.decline']({ inviteId: joined })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })

  // The platform takes these again as done: nothing to check.
  it('Start and Start billing after the desktop did them are told as done', async () => {
    const computers = await adaOnTwoComputers()
    const { platform, laptop, desktop } = computers
    const sessionId = await joinedOnDesktop(computers)
    platform.server.marketplace.clientJoin(sessionId)
    expect(await api(laptop)['sessions.join']({ sessionId })).toMatchObject({ ok: true })
    expect(await api(desktop)['sessions.startBilling']({ sessionId })).toMatchObject({ ok: true })
    expect(await api(laptop)['sessions.startBilling']({ sessionId })).toMatchObject({
      ok: true,
      result: { session: { phase: 'billable' } },
    })
  })

  it('End after the desktop ended it the same way is told as ended; ended another way, refused', async () => {
    const computers = await adaOnTwoComputers()
    const { laptop, desktop } = computers
    const sessionId = await joinedOnDesktop(computers)
    const ended = await api(desktop)['sessions.end']({ sessionId, outcome: { kind: 'free' } })
    if (!ended.ok) throw new Error(ended.error.message)

    expect(await api(laptop)['sessions.end']({ sessionId, outcome: { kind: 'free' } })).toEqual({
      ...ended,
      doneElsewhere: true,
    })
    expect(
      await api(laptop)['sessions.end']({ sessionId, outcome: { kind: 'free' }, closingNote: 'Thanks!' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_state' } })
    expect(
      await api(laptop)['sessions.end']({ sessionId, outcome: { kind: 'discounted', percent: 50 } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_state' } })
  })

  it('Cancel after the desktop cancelled with the same note is told as cancelled; with another, refused', async () => {
    const computers = await adaOnTwoComputers()
    const { platform, ada, laptop, desktop } = computers
    platform.server.marketplace.createRequest({
      clientId: platform.addClient(),
      title: 'Logo feedback',
      kind: 'scheduled',
      proposedTimes: [platform.clock.now() + 48 * 60 * MINUTE],
      direct: { expertId: ada.id, via: 'dashboard' },
    })
    const invite = await inviteTitled(laptop, 'Logo feedback')
    const booked = await api(desktop)['invites.accept']({
      inviteId: invite.id,
      proposedTime: invite.request.proposedTimes[0]!,
    })
    if (!booked.ok) throw new Error(booked.error.message)
    const sessionId = booked.result.session.id
    const cancelled = await api(desktop)['sessions.cancel']({ sessionId, message: 'Something came up.' })
    if (!cancelled.ok) throw new Error(cancelled.error.message)

    const again = await api(laptop)['sessions.cancel']({ sessionId, message: 'Something came up.' })
    expect(again).toEqual({ ...cancelled, doneElsewhere: true })
    expect(await api(laptop)['sessions.cancel']({ sessionId })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    })
  })
})
