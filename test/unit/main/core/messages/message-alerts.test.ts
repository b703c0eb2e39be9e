import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MESSAGE_QUIET_MS, MessageAlerts } from '../../../../../src/main/core/messages/message-alerts'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import { ManualClock } from '../../../../../src/shared/clock'
import type { PlatformEvent } from '../../../../../src/shared/protocol'
import {
  aClient,
  aMessage,
  anInvite,
  aRequest,
  aSession,
  endedSession,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  liveSession,
  messageCreated,
  sessionUpdated,
} from '../../../../support/fixtures'
import { linesLogger, storeFactory, useTempDirs } from '../../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()

const sam = aClient(0)
const invite = anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1', client: sam }) })
const booked = aSession({ id: 'ses_2', request: aRequest({ id: 'req_2', client: sam }) })

/** Alerts over a real cache, a manual clock and a notifier that keeps what it was asked to show. */
function setup(options: { focused?: boolean; path?: string; platformTime?: ManualClock } = {}) {
  const { store } = openStore(options.path ?? join(tempDir(), 'cache.db'))
  const clock = new ManualClock(FIXTURE_NOW)
  const shown: AppNotification[] = []
  let focused = options.focused ?? false
  const alerts = new MessageAlerts({
    cache: store,
    clock,
    platformTime: options.platformTime ?? clock,
    notifier: { show: (n) => shown.push(n) },
    log: linesLogger(),
    windowFocused: () => focused,
  })
  let nextId = store.cursor() + 1
  /** Apply events to the cache as the sync engine does, then tell the alerts. */
  const arrive = (...make: Array<(id: number) => PlatformEvent>): void => {
    const events = make.map((f) => f(nextId++))
    const { applied } = store.applyEvents(events)
    alerts.cacheChanged({ kind: 'events', events: applied })
  }
  arrive(
    (id) => inviteCreated(id, invite),
    (id) => sessionUpdated(id, booked),
  )
  return { store, clock, shown, alerts, arrive, focus: (value: boolean) => (focused = value) }
}

/** `count` threads, each with its invite's creation, named after `tag`; the invites open until `expiresAt`. */
function invitedThreads(count: number, tag: string, expiresAt?: number) {
  return Array.from({ length: count }, (_, i) => {
    const request = aRequest({ id: `req_${tag}${i}` })
    const invite = anInvite({
      id: `inv_${tag}${i}`,
      request,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    })
    return { id: request.id, created: (n: number) => inviteCreated(n, invite) }
  })
}

const clientSays = (id: string, requestId: string, body: string) => (n: number) =>
  messageCreated(n, aMessage({ id, requestId, from: 'client', body }))

describe('message notifications', () => {
  it('shows a client’s message with who wrote and its first line, opening the session’s thread', () => {
    const { shown, arrive } = setup()
    arrive(clientSays('m1', 'req_2', 'Quick question before we start:\nis the repo public?'))
    expect(shown).toEqual([
      {
        kind: 'message',
        requestId: 'req_2',
        opens: { kind: 'session', sessionId: 'ses_2' },
        title: `Message from ${sam.name}`,
        body: 'Quick question before we start:',
      },
    ])
  })

  it('cuts a long first line short and opens an invite’s thread in its card', () => {
    const { shown, arrive } = setup()
    arrive(clientSays('m1', 'req_1', 'x'.repeat(400)))
    expect(shown[0]).toMatchObject({ opens: { kind: 'invite', inviteId: 'inv_1' } })
    expect([...(shown[0]?.body ?? '')].length).toBeLessThanOrEqual(140)
    expect(shown[0]?.body.endsWith('…')).toBe(true)
  })

  it('never shows the expert’s own messages', () => {
    const { shown, arrive } = setup()
    arrive((n) => messageCreated(n, aMessage({ id: 'm1', requestId: 'req_2', from: 'expert' })))
    expect(shown).toEqual([])
  })

  it('shows nothing while a page of the app has the focus, and not later either', () => {
    const { shown, arrive, focus, store } = setup({ focused: true })
    arrive(clientSays('m1', 'req_2', 'Hi'))
    focus(false)
    arrive(clientSays('m2', 'req_1', 'Hello'))
    expect(shown.map((n) => n.body)).toEqual(['Hello'])
    // Still unread: the lists show both.
    expect(store.unreadThreads(FIXTURE_NOW)).toHaveLength(2)
  })

  it('shows a message once when the same events come again, or a restarted app considers them', () => {
    const path = join(tempDir(), 'cache.db')
    const first = setup({ path })
    const message = aMessage({ id: 'm1', requestId: 'req_2', from: 'client', body: 'Hi' })
    first.arrive((n) => messageCreated(n, message))
    // A replay hands the alerts the same event again.
    first.alerts.cacheChanged({ kind: 'events', events: [messageCreated(99, message)] })
    expect(first.shown).toHaveLength(1)
    const again = setup({ path })
    again.alerts.cacheChanged({ kind: 'events', events: [messageCreated(3, message)] })
    expect(again.shown).toEqual([])
  })

  it('tells a quick run of messages in one thread together, after a quiet spell', () => {
    const { shown, arrive, clock } = setup()
    arrive(clientSays('m1', 'req_2', 'Hi'))
    arrive(clientSays('m2', 'req_2', 'Are you there?'))
    arrive(clientSays('m3', 'req_2', 'I found the log'))
    expect(shown.map((n) => n.title)).toEqual([`Message from ${sam.name}`])
    clock.advance(MESSAGE_QUIET_MS)
    expect(shown.map((n) => [n.title, n.body])).toEqual([
      [`Message from ${sam.name}`, 'Hi'],
      [`2 messages from ${sam.name}`, 'I found the log'],
    ])
  })

  it('a client writing thousands of messages in a quiet spell is told once, with how many and the latest, and only the latest is kept meanwhile', () => {
    const { shown, arrive, clock, alerts } = setup()
    arrive(clientSays('m0', 'req_2', 'Hi'))
    for (let i = 1; i <= 5_000; i++) arrive(clientSays(`m${i}`, 'req_2', `Line ${i}`))
    expect(alerts.messagesKept).toBe(1)
    clock.advance(MESSAGE_QUIET_MS)
    expect(shown.map((n) => [n.title, n.body])).toEqual([
      [`Message from ${sam.name}`, 'Hi'],
      [`5000 messages from ${sam.name}`, 'Line 5000'],
    ])
    expect(alerts.messagesKept).toBe(0)
  })

  it('threads waiting for room keep only their latest message each', () => {
    const { shown, arrive, clock, alerts } = setup()
    const threads = invitedThreads(10, 'k')
    arrive(...threads.map(({ created }) => created))
    for (let round = 0; round < 50; round++)
      for (const { id } of threads) arrive(clientSays(`m${round}_${id}`, id, `Line ${round}`))
    expect(shown.map((n) => n.kind)).toEqual(['message', 'message', 'message'])
    expect(alerts.messagesKept).toBe(10)
    clock.advance(MESSAGE_QUIET_MS)
    // The seven waiting for room are told in one notice; the three told before, with their 49
    // messages since, as room allows: three notifications a spell.
    const told = [`49 messages from ${sam.name}`, 'Line 49']
    expect(shown.slice(3).map((n) => [n.title, n.body])).toEqual([
      ['New messages from 7 clients', expect.any(String)],
      told,
      told,
    ])
    expect(alerts.messagesKept).toBe(1)
    clock.advance(MESSAGE_QUIET_MS)
    expect(shown.slice(6).map((n) => [n.title, n.body])).toEqual([told])
    expect(alerts.messagesKept).toBe(0)
  })

  it('drops the held messages of a thread the expert read meanwhile', () => {
    const { shown, arrive, clock, store } = setup()
    arrive(clientSays('m1', 'req_2', 'Hi'))
    arrive(clientSays('m2', 'req_2', 'Are you there?'))
    store.markThreadRead('req_2', clock.now())
    clock.advance(MESSAGE_QUIET_MS)
    expect(shown).toHaveLength(1)
  })

  it('drops the held messages of an invite’s thread whose time ran out meanwhile, by the platform’s clock', () => {
    const platformTime = new ManualClock(invite.expiresAt - 1)
    const { shown, arrive, clock } = setup({ platformTime })
    arrive(clientSays('m1', 'req_1', 'Hi'))
    arrive(clientSays('m2', 'req_1', 'Are you there?'))
    platformTime.advance(1)
    clock.advance(MESSAGE_QUIET_MS)
    expect(shown.map((n) => n.body)).toEqual(['Hi'])
  })

  it('tells messages in many threads at once in one notice', () => {
    const { shown, arrive, store } = setup()
    const extra = [3, 4, 5].map((n) => anInvite({ id: `inv_${n}`, request: aRequest({ id: `req_${n}` }) }))
    arrive(...extra.map((i) => (n: number) => inviteCreated(n, i)))
    arrive(...['req_1', 'req_2', 'req_3', 'req_4', 'req_5'].map((r) => clientSays(`m_${r}`, r, 'Hi')))
    expect(shown).toEqual([expect.objectContaining({ kind: 'notice', title: 'New messages from 5 clients' })])
    expect(store.unreadThreads(FIXTURE_NOW)).toHaveLength(5)
  })

  it('a flood across many threads, one message at a time: a few notifications, then one notice for the rest', () => {
    const { shown, arrive, clock, store } = setup()
    const threads = invitedThreads(100, 'f')
    arrive(...threads.map(({ created }) => created))
    for (const { id } of threads) arrive(clientSays(`m_${id}`, id, 'Hi'))
    expect(shown.map((n) => n.kind)).toEqual(['message', 'message', 'message'])
    clock.advance(MESSAGE_QUIET_MS)
    expect(shown.slice(3)).toEqual([
      expect.objectContaining({ kind: 'notice', title: 'New messages from 97 clients' }),
    ])
    // Every client writes again: still no more than a few notifications per quiet spell.
    for (const { id } of threads) arrive(clientSays(`m2_${id}`, id, 'Still there?'))
    clock.advance(MESSAGE_QUIET_MS)
    clock.advance(MESSAGE_QUIET_MS)
    expect(shown.length).toBeLessThanOrEqual(3 + 1 + 2 * 3)
    expect(store.unreadThreads(FIXTURE_NOW).length).toBe(100)
  })

  it('over weeks of clients writing in a thousand threads, remembers only the threads told within the quiet spell', () => {
    const { shown, arrive, clock, alerts } = setup()
    // Open all along: a message on an invite whose time ran out is not told.
    const threads = invitedThreads(1_000, 'w', FIXTURE_NOW + 2_000 * MESSAGE_QUIET_MS)
    arrive(...threads.map(({ created }) => created))
    for (const { id } of threads) {
      clock.advance(MESSAGE_QUIET_MS)
      arrive(clientSays(`m_${id}`, id, 'Hi'))
    }
    // Each client was told at once, as a thread never told before.
    expect(shown.filter((n) => n.kind === 'message')).toHaveLength(1_000)
    expect(alerts.threadsInQuietSpell).toBeLessThanOrEqual(1)
  })

  it('shows nothing for a message whose thread closed in the same catch-up: its invite taken, withdrawn or declined, its session ended', () => {
    const { shown, arrive } = setup()
    const cases = [
      ['taken', 'withdrawn', 'declined'].map((reason, i) => {
        const request = aRequest({ id: `req_c${i}` })
        arrive((n) => inviteCreated(n, anInvite({ id: `inv_c${i}`, request })))
        // The client wrote while the expert was away; then the invite closed.
        return [
          clientSays(`m_c${i}`, request.id, 'Are you there?'),
          (n: number) => inviteClosed(n, `inv_c${i}`, reason as 'taken' | 'withdrawn' | 'declined'),
        ] as const
      }),
      [
        [
          clientSays('m_s', 'req_2', 'Thanks!'),
          (n: number) => sessionUpdated(n, endedSession(liveSession(booked, FIXTURE_NOW), FIXTURE_NOW)),
        ] as const,
      ],
    ].flat()
    for (const [message, closing] of cases) arrive(message, closing)
    expect(shown).toEqual([])
  })

  it('shows nothing for a message on an invite whose time already ran out by the platform’s clock', () => {
    const platformTime = new ManualClock(invite.expiresAt)
    const { shown, arrive } = setup({ platformTime })
    arrive(clientSays('m1', 'req_1', 'Hi'))
    arrive(clientSays('m2', 'req_2', 'Hello'))
    expect(shown.map((n) => n.body)).toEqual(['Hello'])
  })

  it('still shows one for an invite the expert accepted: its thread goes on in the session', () => {
    const { shown, arrive } = setup()
    const session = aSession({ id: 'ses_1', request: invite.request })
    arrive(
      clientSays('m1', 'req_1', 'Great, see you in the room'),
      (id) => inviteClosed(id, invite.id, 'accepted', session.id),
      (id) => sessionUpdated(id, session),
    )
    expect(shown).toEqual([
      expect.objectContaining({
        kind: 'message',
        requestId: 'req_1',
        opens: { kind: 'session', sessionId: 'ses_1' },
      }),
    ])
  })

  it('shows nothing for the messages a snapshot brings', () => {
    const { shown, alerts } = setup()
    alerts.cacheChanged({ kind: 'replaced' })
    expect(shown).toEqual([])
  })
})

describe('message notifications when the computer’s clock is set', () => {
  it('set back a day after a notification: the thread’s next message, a minute later, is told at once', () => {
    const { clock, shown, arrive } = setup()
    arrive(clientSays('m1', 'req_2', 'Are you there?'))
    expect(shown).toHaveLength(1)
    clock.step(-24 * 60 * 60_000)
    clock.advance(60_000)
    arrive(clientSays('m2', 'req_2', 'Hello?'))
    expect(shown.map((n) => n.body)).toEqual(['Are you there?', 'Hello?'])
  })

  it('set back a day after three threads were told: a fourth thread writing a minute later is told at once', () => {
    const { clock, shown, arrive } = setup()
    const threads = invitedThreads(4, 'back')
    arrive(...threads.map((t) => t.created))
    arrive(...threads.slice(0, 3).map((t, i) => clientSays(`m${i}`, t.id, `First ${i}`)))
    expect(shown).toHaveLength(3)
    clock.step(-24 * 60 * 60_000)
    clock.advance(60_000)
    arrive(clientSays('m9', threads[3]!.id, 'Late one'))
    expect(shown.map((n) => n.body)).toContain('Late one')
  })
})
