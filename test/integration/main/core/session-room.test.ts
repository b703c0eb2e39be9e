// Joining a session opens its room in the system browser, once, whichever caller joined; a room
// anywhere but the platform signed in to is never opened.
import { describe, expect, it } from 'vitest'
import type { Session } from '../../../../src/shared/protocol'
import { anInvite, aRequest, aSession } from '../../../support/fixtures'
import { snapshotThenNothing, startHostilePlatform } from '../../../support/hostile-platform'
import {
  adaSettledOn,
  inviteTitled,
  startOnlineCore,
  startTestCore,
  type PlatformReach,
  type TestCore,
} from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

const MINUTE = 60_000

/** An instant session `id` that Ada joined just now, for request `requestId`, with its room at `roomUrl`. */
function aLiveSession(id: string, requestId: string, roomUrl: string): Session {
  const request = aRequest({ id: requestId, kind: 'instant', proposedTimes: [], createdAt: Date.now() })
  return {
    ...aSession({ id, request, kind: 'instant', bookedStart: Date.now() }),
    state: 'live',
    expertJoinedAt: Date.now(),
    roomUrl,
  }
}

describe('the session room', () => {
  const defer = useCleanup()

  /** Ada's core online on a fresh platform, with an open instant invite titled `title`. */
  async function adaWithInvite(title: string, reach: PlatformReach = {}) {
    const online = await startOnlineCore(defer, reach)
    const { platform, expert, core } = online
    platform.inviteDirectly(expert.id, title)
    await core.waitForNotifications(1)
    const [invite] = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())
    return { ...online, inviteId: invite!.id, api: core.runtime.api, opened: core.adapters.browser.opened }
  }

  it.each([
    ['at its own address', {}],
    // Behind a proxy at https://host/standby the host's root is not the platform's.
    ['served under a path', { underPath: '/standby' }],
  ])(
    'opens the room once when the window’s Join takes an instant invite on a platform %s, and the page is the session’s',
    async (_, reach: PlatformReach) => {
      const { platformUrl, api, inviteId, opened } = await adaWithInvite('Hooks question', reach)
      const outcome = await api['invites.accept']({ inviteId, proposedTime: null })
      if (!outcome.ok) throw new Error(outcome.error.message)
      const { session } = outcome.result
      expect(opened).toEqual([`${platformUrl}${session.roomUrl}`])
      const page = await fetch(opened[0]!)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Hooks question')
    },
  )

  it('takes the invite once when the notification’s Join and the window’s are pressed together: both succeed, one room', async () => {
    const { platformUrl, core, api, inviteId, opened } = await adaWithInvite('Pressed on both')
    const { notifier } = core.adapters
    const shownBefore = notifier.shown.length
    notifier.press({ inviteId }, 'primary')
    const outcome = await api['invites.accept']({ inviteId, proposedTime: null })
    if (!outcome.ok) throw new Error(outcome.error.message)
    await core.runtime.core.settled()
    expect(opened).toEqual([`${platformUrl}${outcome.result.session.roomUrl}`])
    // No "Could not join" for the press that found the invite already taken by its twin.
    expect(notifier.shown.slice(shownBefore).map((n) => n.kind)).not.toContain('notice')
  })

  it('opens no room when the accept fails, nor when it only books a scheduled session; Start opens it', async () => {
    const { platform, expert, core, api, inviteId, opened } = await adaWithInvite('Taken already')
    platform.server.marketplace.withdrawRequest(
      core.runtime.cache.openInvites(core.runtime.core.platformClock.now())[0]!.request.id,
    )
    expect((await api['invites.accept']({ inviteId, proposedTime: null })).ok).toBe(false)
    expect(opened).toEqual([])

    const start = platform.clock.now() + 60 * MINUTE
    platform.server.marketplace.createRequest({
      clientId: platform.addClient(),
      title: 'Booked later',
      kind: 'scheduled',
      proposedTimes: [start],
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const scheduled = await inviteTitled(core, 'Booked later')
    const booked = await api['invites.accept']({ inviteId: scheduled.id, proposedTime: start })
    if (!booked.ok) throw new Error(booked.error.message)
    expect(opened).toEqual([])

    platform.clock.advanceTo(start - 5 * MINUTE)
    const joined = await api['sessions.join']({ sessionId: booked.result.session.id })
    if (!joined.ok) throw new Error(joined.error.message)
    expect(opened).toEqual([`${platform.server.url}${booked.result.session.roomUrl}`])
  })

  it('opens a cached session’s room on "Open room", and says why when there is none', async () => {
    const { platform, core, api, inviteId, opened } = await adaWithInvite('Open it again')
    const outcome = await api['invites.accept']({ inviteId, proposedTime: null })
    if (!outcome.ok) throw new Error(outcome.error.message)
    await core.runtime.core.settled()
    const again = await api['sessions.openRoom']({ sessionId: outcome.result.session.id })
    const url = `${platform.server.url}${outcome.result.session.roomUrl}`
    expect(again).toEqual({ ok: true, result: { url } })
    expect(opened).toEqual([url, url])
    expect(await api['sessions.openRoom']({ sessionId: 'ses_nobody' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    await api['auth.signOut']()
    expect(await api['sessions.openRoom']({ sessionId: outcome.result.session.id })).toMatchObject({
      ok: false,
    })
    expect(opened).toHaveLength(2)
  })

  it('drops a room a platform puts on another site on arrival and refuses to open it, with log lines, keeping the session', async () => {
    const foreign = aLiveSession('ses_1', 'req_1', 'https://evil.example/rooms/ses_1?key=stolen')
    const platform = await startHostilePlatform({
      replay: snapshotThenNothing({ sessions: [foreign] }),
      command: () => ({ session: foreign }),
    })
    defer(() => platform.close())
    const warnings: string[] = []
    const core: TestCore = await startTestCore({
      platformUrl: platform.url,
      token: 't',
      expertId: 'exp_ada',
      log: { info: () => {}, warn: (line) => warnings.push(line), error: () => {} },
    })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()

    // Checked on arrival: the session is kept, its room dropped.
    expect(core.runtime.cache.session('ses_1')).toMatchObject({ state: 'live', roomUrl: null })
    expect(warnings.filter((w) => w.includes('Dropped the room of session ses_1'))).toHaveLength(1)

    // And when opening: the accept's own answer carries the foreign room, which is not opened.
    const accepted = await core.runtime.api['invites.accept']({ inviteId: 'inv_1', proposedTime: null })
    expect(accepted.ok).toBe(true)
    expect(warnings.filter((w) => w.includes('Refused to open the room of session ses_1'))).toHaveLength(1)
    await core.waitForNotifications(1)
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({ kind: 'notice', title: 'The session’s room did not open' }),
    ])
    const opening = await core.runtime.api['sessions.openRoom']({ sessionId: 'ses_1' })
    expect(opening).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(!opening.ok && opening.error.message).toMatch(/on another site/)
    expect(core.adapters.browser.opened).toEqual([])
    expect(warnings.join('\n')).not.toContain('stolen')
  })
})

describe('the session room, from a platform that answers about another session', () => {
  const defer = useCleanup()

  it('opens no room when Join is answered with another session, and says whether it was done is not known', async () => {
    const other = aLiveSession('ses_2', 'req_2', '/rooms/ses_2')
    const platform = await startHostilePlatform({
      replay: () => ({ kind: 'events', events: [], latestId: 0, hasMore: false }),
      command: () => ({ session: other }),
    })
    defer(() => platform.close())
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada' })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')

    const joined = await core.runtime.api['sessions.join']({ sessionId: 'ses_1' })
    expect(joined).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
    expect(!joined.ok && joined.error.message).toMatch(/cannot tell whether it was done/)
    await core.runtime.core.settled()
    expect(core.adapters.browser.opened).toEqual([])
  })

  it('opens no room when Join on an invite is answered with a session for another request, and says whether it was done is not known', async () => {
    const request = aRequest({ id: 'req_1', kind: 'instant', proposedTimes: [], createdAt: Date.now() })
    const invite = anInvite({ id: 'inv_1', request, expiresAt: Date.now() + 5 * MINUTE })
    const other = aLiveSession('ses_2', 'req_2', '/rooms/ses_2')
    const platform = await startHostilePlatform({
      replay: snapshotThenNothing({ openInvites: [invite] }),
      command: () => ({ session: other }),
    })
    const core = await adaSettledOn(defer, platform)
    expect(core.runtime.cache.invite('inv_1')).not.toBeNull()

    const accepted = await core.runtime.api['invites.accept']({ inviteId: 'inv_1', proposedTime: null })
    expect(accepted).toMatchObject({ ok: false, error: { code: 'invalid_response' } })
    expect(!accepted.ok && accepted.error.message).toMatch(/cannot tell whether it was done/)
    expect(core.adapters.browser.opened).toEqual([])
  })
})
