/**
 * A Join refused as "already accepted" is checked against the cache once the catch-up under way is
 * over. The expert's press is answered even when that catch-up does not end (a slow link, a
 * platform that never lets it), and a cache that stopped being theirs meanwhile (signed out) never
 * turns the refusal into a join. An availability lost with its connection is not sent again over
 * one the expert picked here since.
 */
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { BACKOFF_START_MS } from '../../../../src/main/core/connection/backoff'
import { ManualClock } from '../../../../src/shared/clock'
import { COMMAND_EVENT, LIVE_EVENT, PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../src/shared/protocol'
import {
  aMessage,
  aRequest,
  anInvite,
  aSession,
  aSnapshot,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  liveSession,
  messageCreated,
  sessionUpdated,
} from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'
import { memoryCore, signInAnyone } from './core-kit'

const PLATFORM = 'http://127.0.0.1:4455'
const tempDir = useTempDirs()
const openStore = storeFactory()
const ALREADY = { code: 'conflict', message: 'You already accepted this invite.' }

/** Let every promise and I/O callback that can run, run: several turns of the event loop. */
async function settledTurns(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/**
 * Ada signed in, her connection welcomed by a platform whose stream holds `latestEventId` events;
 * `beforeClear` settles before a sign-out removes her sign-in.
 */
async function adaWelcomed(clock: ManualClock, latestEventId: number, beforeClear?: () => Promise<void>) {
  const { core, connections, browser } = memoryCore({
    clock,
    cache: openStore(join(tempDir(), 'cache.db')).store,
    fetch: signInAnyone(),
    ...(beforeClear && { beforeClear }),
  })
  await core.start()
  expect(await core.signIn(PLATFORM, 'exp_ada@example.test', 'password')).toMatchObject({ ok: true })
  const connection = connections.at(-1)!
  connection.accept()
  connection.send(WELCOME_EVENT, {
    protocolVersion: PROTOCOL_VERSION,
    expertId: 'exp_ada',
    latestEventId,
    serverTime: clock.now(),
  })
  return { core, connection, connections, browser }
}

/** An invite Ada accepted on the dashboard, its live session, and the platform's events of both. */
function acceptedOnTheDashboard() {
  const request = aRequest({ id: 'req_1', createdAt: FIXTURE_NOW })
  const invite = anInvite({ request })
  const session = liveSession(aSession({ request }), FIXTURE_NOW)
  const events = [
    inviteCreated(1, invite),
    inviteClosed(2, invite.id, 'accepted', session.id),
    sessionUpdated(3, session),
  ]
  return { request, invite, session, events }
}

/** The platform's answer to a catch-up request: a snapshot when one is asked for, else `events`. */
function replayOf(asked: { payload: unknown }, events: ReturnType<typeof acceptedOnTheDashboard>['events']) {
  const { snapshot } = asked.payload as { snapshot?: boolean }
  const result = snapshot
    ? { kind: 'snapshot', snapshot: aSnapshot() }
    : { kind: 'events', events, latestId: events.length, hasMore: false }
  return { ok: true, result }
}

/**
 * Ada online, her cache holding an invite she accepted on the dashboard and its live session; then
 * a catch-up that the platform leaves unanswered, and her Join on the invite's stale toast, which
 * the platform refuses as accepted already.
 */
async function joinRefusedDuringCatchUp() {
  const clock = new ManualClock(FIXTURE_NOW)
  let removeSignIn = (): void => {}
  const removing = new Promise<void>((resolve) => (removeSignIn = resolve))
  const { request, invite, session, events } = acceptedOnTheDashboard()
  const { core, connection, browser } = await adaWelcomed(clock, events.length, () => removing)
  for (let answered = 0; core.connection.status !== 'online';) {
    await settledTurns()
    for (const asked of connection.requests.slice(answered)) {
      answered++
      asked.answer({ serverTime: clock.now(), ...replayOf(asked, events) })
    }
  }
  // An event past one never heard: the catch-up for the gap waits on a platform that does not answer.
  const message = aMessage({ requestId: request.id, from: 'client', sentAt: clock.now() })
  connection.send(LIVE_EVENT, messageCreated(events.length + 2, message))
  const told: unknown[] = []
  void core
    .command('invite.accept', { inviteId: invite.id, proposedTime: null })
    .then((outcome) => told.push(outcome))
  await settledTurns()
  const press = connection.requests.find((asked) => asked.name === COMMAND_EVENT)!
  press.answer({ ok: false, serverTime: clock.now(), error: ALREADY })
  await settledTurns()
  return { core, clock, told, session, opened: browser.opened, removeSignIn }
}

it('a Join refused while a catch-up never ends is answered after a while, from the cache as it is', async () => {
  const { clock, told, session, opened } = await joinRefusedDuringCatchUp()
  clock.advance(10_000)
  await settledTurns()
  expect(told).toEqual([{ ok: true, result: { session }, doneElsewhere: true }])
  expect(opened).toHaveLength(1)
})

it('a Join refused while the expert signs out is told as refused, and opens no room', async () => {
  const { core, told, opened, removeSignIn } = await joinRefusedDuringCatchUp()
  const signedOut = core.signOut()
  await settledTurns()
  expect(told).toEqual([{ ok: false, error: ALREADY }])
  expect(opened).toEqual([])
  removeSignIn()
  await signedOut
})

/**
 * Ada online, her first catch-up failed (the platform could not read its events) and waiting to
 * be tried again, and her Join on an invite she accepted on the dashboard, which the platform
 * refuses as accepted already; `replay` answers each catch-up request from then on.
 */
async function joinRefusedAfterAFailedCatchUp(replay: (asked: { payload: unknown }) => unknown) {
  const clock = new ManualClock(FIXTURE_NOW)
  // Ada accepted the invite on the dashboard: the platform's stream holds it, this cache does not.
  const { core, connection, browser } = await adaWelcomed(clock, 3)
  await settledTurns()
  const failure = { code: 'internal', message: 'The platform could not read its events.' }
  for (const asked of connection.requests)
    asked.answer({ ok: false, serverTime: clock.now(), error: failure })
  await settledTurns()
  const answered = new Set(connection.requests)
  const told: unknown[] = []
  void core
    .command('invite.accept', { inviteId: 'inv_req_1', proposedTime: null })
    .then((outcome) => told.push(outcome))
  await settledTurns()
  const press = connection.requests.find((asked) => asked.name === COMMAND_EVENT)!
  answered.add(press)
  press.answer({ ok: false, serverTime: clock.now(), error: ALREADY })
  await settledTurns()
  // A second at a time, as long as the press may wait for its answer, every catch-up answered.
  for (let second = 0; second < 10 && told.length === 0; second++) {
    clock.advance(1_000)
    await settledTurns()
    for (const asked of connection.requests.filter((asked) => !answered.has(asked))) {
      answered.add(asked)
      asked.answer({ serverTime: clock.now(), ...(replay(asked) as object) })
    }
    await settledTurns()
  }
  return { told, opened: browser.opened }
}

it('a Join refused while catching up keeps failing is told as not confirmed, not as refused, and opens no room', async () => {
  const failure = { code: 'internal', message: 'The platform could not read its events.' }
  const { told, opened } = await joinRefusedAfterAFailedCatchUp(() => ({ ok: false, error: failure }))
  expect(told).toEqual([
    {
      ok: false,
      error: { code: 'unconfirmed', message: expect.stringContaining('“You already accepted this invite.”') },
    },
  ])
  expect(opened).toEqual([])
})

it('a Join refused while a failed catch-up waits to be tried again is told as done once the retry brings the accept', async () => {
  const { session, events } = acceptedOnTheDashboard()
  const { told, opened } = await joinRefusedAfterAFailedCatchUp((asked) => replayOf(asked, events))
  expect(told).toEqual([{ ok: true, result: { session }, doneElsewhere: true }])
  expect(opened).toHaveLength(1)
})

it('an availability lost with its connection is not sent again over one picked here on the next connection', async () => {
  const clock = new ManualClock(FIXTURE_NOW)
  const { core, connection, connections } = await adaWelcomed(clock, 0)
  const welcome = (on: typeof connection): void =>
    on.send(WELCOME_EVENT, {
      protocolVersion: PROTOCOL_VERSION,
      expertId: 'exp_ada',
      latestEventId: 0,
      serverTime: clock.now(),
    })
  const catchUp = async (on: typeof connection): Promise<void> => {
    for (const asked of on.requests.filter((r) => r.name !== COMMAND_EVENT))
      asked.answer({ serverTime: clock.now(), ...replayOf(asked, []) })
    await settledTurns()
  }
  await settledTurns()
  await catchUp(connection)
  const told: unknown[] = []
  void core
    .command('availability.set', { availability: 'online', onlineUntil: null })
    .then((o) => told.push(o))
  await settledTurns()
  connection.drop()
  await settledTurns()
  clock.advance(BACKOFF_START_MS)
  await settledTurns()
  const next = connections.at(-1)!
  next.accept()
  welcome(next)
  await settledTurns()
  // On the new connection, before its catch-up is over, the expert picks away.
  void core.command('availability.set', { availability: 'away', onlineUntil: null })
  await settledTurns()
  // Its snapshot, then its events: the catch-up is over.
  await catchUp(next)
  await catchUp(next)
  const online = next.requests.filter(
    (r) => r.name === COMMAND_EVENT && JSON.stringify(r.payload).includes('"online"'),
  )
  // The one that went out before the drop only.
  expect(online).toHaveLength(1)
  expect(told).toEqual([
    {
      ok: false,
      error: { code: 'overtaken', message: 'You picked away since, so available was not sent again.' },
    },
  ])
})
