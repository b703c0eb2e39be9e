/**
 * A busy expert's weeks in the tray: hundreds of invites arrive live, are notified, get a client's
 * message and run out. What the core keeps for them (timers, notifications on screen, listeners)
 * must not grow with their number.
 */
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { LIVE_EVENT, PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../src/shared/protocol'
import {
  aMessage,
  aRequest,
  anInvite,
  aSnapshot,
  FIXTURE_NOW,
  inviteCreated,
  messageCreated,
} from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'
import { memoryCore, signInAnyone } from './core-kit'

const PLATFORM = 'http://127.0.0.1:4455'
const MINUTE = 60_000
// Enough that anything kept per invite shows as hundreds more; a run stays well inside the timeout on a busy machine.
const COUNT = 300
const tempDir = useTempDirs()
const openStore = storeFactory()

it('300 invites notified, written on and run out leave the timers and notifications one left', async () => {
  const clock = new ManualClock(FIXTURE_NOW)
  const { core, connections, notifier } = memoryCore({
    clock,
    cache: openStore(join(tempDir(), 'cache.db')).store,
    fetch: signInAnyone(),
  })
  await core.start()
  expect(await core.signIn(PLATFORM, 'exp_ada@example.test', 'password')).toMatchObject({ ok: true })
  const connection = connections.at(-1)
  if (connection === undefined) throw new Error('no connection')
  let id = 0
  const welcome = (): void => {
    connection.accept()
    connection.send(WELCOME_EVENT, {
      protocolVersion: PROTOCOL_VERSION,
      expertId: 'exp_ada',
      latestEventId: id,
      serverTime: clock.now(),
    })
  }
  welcome()
  let answered = 0
  /** Answer what the link asked since: a replay with a snapshot of an expert with nothing open, or no events past the last sent; a probe. */
  const catchUp = async (): Promise<void> => {
    for (let turn = 0; turn < 10; turn++) {
      for (const request of connection.requests.slice(answered)) {
        answered++
        const { snapshot } = request.payload as { snapshot?: boolean }
        const result =
          request.name !== 'replay'
            ? {}
            : snapshot === true
              ? { kind: 'snapshot', snapshot: aSnapshot({ cursor: id }) }
              : { kind: 'events', events: [], latestId: id, hasMore: false }
        request.answer({ ok: true, serverTime: clock.now(), result })
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  await catchUp()
  expect(core.connection.status).toBe('online')
  const invite = async (n: number): Promise<void> => {
    const now = clock.now()
    const request = aRequest({ id: `req_${n}`, createdAt: now, title: `Question ${n}` })
    connection.send(LIVE_EVENT, inviteCreated(++id, anInvite({ request })))
    connection.send(
      LIVE_EVENT,
      messageCreated(++id, aMessage({ id: `msg_${n}`, requestId: request.id, from: 'client', sentAt: now })),
    )
    await catchUp()
    // The invite runs out while the app sleeps: the link finds its connection dead, and makes another.
    clock.advance(6 * MINUTE)
    for (let step = 0; step < 10 && connection.state !== 'connecting'; step++) clock.advance(MINUTE)
    welcome()
    await catchUp()
    expect(core.connection.status).toBe('online')
  }
  const held = () => ({
    timers: clock.pendingTimers,
    invitesOnScreen: notifier.onScreen.length,
    openInvites: core.cache.openInvites(core.platformClock.now()).length,
    listeners: [core.states, core.cacheChanged, core.welcomed, core.threadsRead].map((l) => l.size),
  })
  await invite(0)
  const shownAfterOne = notifier.shown.length
  const after = held()
  for (let n = 1; n <= COUNT; n++) await invite(n)
  expect(held()).toEqual(after)
  expect(after).toMatchObject({ invitesOnScreen: 0, openInvites: 0 })
  // Each was told as the first was: the sync was live throughout, and nothing was told twice.
  expect(notifier.shown.length).toBe(shownAfterOne * (COUNT + 1))
  core.stop()
}, 120_000)
