import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { ManualClock } from '../../../../src/shared/clock'
import { bookWithNewClient } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { inviteTitled, startCoreFor, startOnlineCore, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

describe('a client’s messages reaching the core', () => {
  const defer = useCleanup()

  async function platformWithBookedSession() {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    bookWithNewClient(platform, expert.id)
    const session = platform.server.marketplace.store.sessionRow(
      platform.server.marketplace.db.prepare('SELECT id FROM sessions').pluck().get() as string,
    )!
    const write = (body: string) =>
      platform.server.marketplace.clientMessage(session.request_id, expert.id, body)
    return { platform, expert, session, write }
  }

  async function online(core: TestCore): Promise<void> {
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
  }

  const messages = (core: TestCore): AppNotification[] =>
    core.adapters.notifier.shown.filter((n) => n.kind === 'message')

  /** Resolves once the cache holds the message `id`. */
  const cached = (core: TestCore, requestId: string, id: string): Promise<void> =>
    new Promise((resolve) => {
      const has = () => core.runtime.cache.messages(requestId).some((m) => m.id === id)
      if (has()) return resolve()
      const off = core.runtime.core.cacheChanged.add(() => {
        if (!has()) return
        off()
        resolve()
      })
    })

  it('notifies each client message once across restarts and replays, and keeps the unread count', async () => {
    const { platform, expert, session, write } = await platformWithBookedSession()
    const first = await startCoreFor(platform.server.url, expert)
    await online(first)
    const hello = write('Hello!\nI have the logs ready.')
    await first.waitForNotifications(1)
    expect(messages(first)).toEqual([
      {
        kind: 'message',
        requestId: session.request_id,
        opens: { kind: 'session', sessionId: session.id },
        title: 'Message from Sam',
        body: 'Hello!',
      },
    ])
    expect(first.runtime.api['messages.unread']()).toEqual([{ requestId: session.request_id, count: 1 }])
    first.close()

    // Written while the app was closed: the restarted app replays it and shows it, and only it.
    const later = write('Are we still on?')
    const second = await startCoreFor(platform.server.url, expert, { dir: first.dir })
    defer(() => second.close(true))
    await online(second)
    await cached(second, session.request_id, later.id)
    expect(messages(second).map((n) => n.body)).toEqual(['Are we still on?'])
    expect(second.runtime.api['messages.unread']()).toEqual([{ requestId: session.request_id, count: 2 }])
    expect(second.runtime.cache.messages(session.request_id).map((m) => m.id)).toEqual([hello.id, later.id])
    second.close()

    const third = await startCoreFor(platform.server.url, expert, { dir: first.dir })
    defer(() => third.close(true))
    await online(third)
    expect(messages(third)).toEqual([])
    expect(third.runtime.api['messages.unread']()).toEqual([{ requestId: session.request_id, count: 2 }])
  })

  it('shows nothing while a page has the focus; reading the thread clears the count, for good', async () => {
    const { platform, expert, session, write } = await platformWithBookedSession()
    const core = await startCoreFor(platform.server.url, expert)
    await online(core)
    core.runtime.api['app.reportFocus']({ surface: 'window', focused: true })
    const seen = write('Quick one')
    await cached(core, session.request_id, seen.id)
    expect(messages(core)).toEqual([])
    expect(core.runtime.api['messages.unread']()).toEqual([{ requestId: session.request_id, count: 1 }])
    core.runtime.api['messages.markRead']({ requestId: session.request_id })
    expect(core.runtime.api['messages.unread']()).toEqual([])
    core.close()

    const again = await startCoreFor(platform.server.url, expert, { dir: core.dir })
    defer(() => again.close(true))
    await online(again)
    expect(again.runtime.api['messages.unread']()).toEqual([])
    expect(messages(again)).toEqual([])
  })

  it('stops counting an invite’s unread messages when its time runs out, before the platform says so, and tells the pages', async () => {
    const appClock = new ManualClock(TEST_START)
    const { platform, expert, core } = await startOnlineCore(defer, { appClock })
    const pushed: unknown[] = []
    let heard: () => void = () => {}
    defer(
      core.runtime.forwardPushes((event, payload) => {
        if (event !== 'messages.unreadChanged') return
        pushed.push(payload)
        heard()
      }),
    )
    /** Resolves once the pages are told counts equal to `counts` (counted once a run of changes is over). */
    const told = (counts: unknown): Promise<void> =>
      new Promise((resolve) => {
        heard = () => {
          if (JSON.stringify(pushed.at(-1)) === JSON.stringify(counts)) resolve()
        }
        heard()
      })
    const { request } = platform.inviteDirectly(expert.id, 'Quick question')
    const invite = await inviteTitled(core, 'Quick question')
    const asked = platform.server.marketplace.clientMessage(request.id, expert.id, 'Are you there?')
    await cached(core, request.id, asked.id)
    expect(core.runtime.api['messages.unread']()).toEqual([{ requestId: request.id, count: 1 }])
    await told([{ requestId: request.id, count: 1 }])

    // Away, the platform cannot say the invite expired: the expiry watch alone moves the count.
    await platform.stopServer()
    appClock.advanceTo(invite.expiresAt)
    expect(core.runtime.api['messages.unread']()).toEqual([])
    await told([])
  })

  it('reads a session’s thread from the cache while the platform is down', async () => {
    const { platform, expert, session, write } = await platformWithBookedSession()
    const core = await startCoreFor(platform.server.url, expert)
    const note = write('See you then')
    await online(core)
    await cached(core, session.request_id, note.id)
    core.close()
    await platform.stopServer()
    const offline = await startCoreFor(platform.server.url, expert, { dir: core.dir })
    defer(() => offline.close(true))
    await offline.waitForState((s) => s.status === 'offline')
    expect(offline.runtime.api['messages.list']({ requestId: session.request_id })).toEqual({
      messages: [note],
      earlier: false,
    })
  })
})
