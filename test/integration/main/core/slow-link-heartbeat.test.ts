import type { Socket } from 'socket.io'
import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { startCoreFor, startTestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'
import { startTlsFront, trustTestCertificate } from '../../../support/test-tls'
import { REPLAY_EVENT } from '../../../../src/shared/protocol'

const PENDING = 10

/**
 * A heartbeat five times as quick as a real platform's over a link five times as fast as 500 B/s:
 * the same bytes cross within the pong's time. A page that takes longer to cross than that holds
 * the ping behind it and costs the connection.
 */
const HEARTBEAT = { pingInterval: 1_000, pingTimeout: 1_600 }
const RATE = 2_500

/** A platform whose heartbeat is `HEARTBEAT`: engine.io reads its options at every ping. */
function shortenHeartbeat(platform: TestPlatform): void {
  Object.assign(platform.server.io.engine.opts, HEARTBEAT)
}

describe('catching up over a link too slow for a full page within the heartbeat', () => {
  const defer = useCleanup()

  it('drains a backlog on one connection, without a drop per page', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    shortenHeartbeat(platform)
    const expert = platform.addExpert()
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    // Pages aimed to cross in a quarter of the pong's time, as the app's own aim is to the real one.
    const timings = { pageCrossingMs: 400 }
    const options = { platformUrl: proxy.url, token: expert.token, expertId: expert.id, timings }
    const first = await startTestCore(options)
    defer(() => first.close(true))
    await first.waitForState((s) => s.status === 'online')
    first.close()

    // Long invites: the backlog is many times what crosses the link within the pong's time.
    for (let i = 1; i <= PENDING; i++)
      platform.inviteDirectly(
        expert.id,
        `Pending while away ${i}`,
        'A long account of the problem. '.repeat(30),
      )
    proxy.resetAll()
    proxy.trickle(RATE)
    const opened = proxy.opened

    const core = await startTestCore({ ...options, dir: first.dir })
    defer(() => core.close(true))
    await core.waitForNotifications(PENDING)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.cursor()).toBe(platform.server.marketplace.events.latestId(expert.id))
    expect(new Set(core.adapters.notifier.shown.map((n) => n.title)).size).toBe(PENDING)
    // One connection carried the whole catch-up: no page cost it.
    expect(proxy.opened - opened).toBe(1)
  })
})

/** An invite's account that takes seconds to cross `SLOW_RATE`: several heartbeats' worth. */
const LONG_ACCOUNT = 'A long account of the problem. '.repeat(130)
const SLOW_RATE = 1_000

/**
 * A platform with a short heartbeat holding one direct invite of `LONG_ACCOUNT`, behind a proxy
 * trickling `SLOW_RATE`; `secure`, served over https (its TLS front's certificate trusted).
 */
async function longInviteBehindSlowLink(defer: ReturnType<typeof useCleanup>, secure = false) {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  shortenHeartbeat(platform)
  const expert = platform.addExpert()
  platform.inviteDirectly(expert.id, 'A long story', LONG_ACCOUNT)
  let port = platform.server.port
  if (secure) {
    const front = await startTlsFront(port)
    defer(() => front.close())
    port = front.port
    trustTestCertificate(defer)
  }
  const proxy = await FaultProxy.start(port)
  defer(() => proxy.close())
  proxy.trickle(SLOW_RATE)
  const url = secure ? proxy.url.replace('http:', 'https:') : proxy.url
  return { platform, expert, proxy, url }
}

/** Why the platform closed its first connection, as it says, once it does. */
function firstClose(platform: TestPlatform): Promise<string> {
  return new Promise((resolve) =>
    platform.server.io.once('connection', (socket) =>
      socket.once('disconnect', (reason) => resolve(`closed: ${reason}`)),
    ),
  )
}

/** Resolves once the app answers the heartbeat while the platform's first message over `length` bytes is still crossing. */
function pongWhileCrossing(platform: TestPlatform, length: number): Promise<string> {
  return new Promise((resolve) =>
    platform.server.io.once('connection', (socket) => {
      let crossing = false
      socket.conn.on('packetCreate', (packet: { data?: unknown }) => {
        if (typeof packet.data === 'string' && packet.data.length > length) crossing = true
      })
      socket.conn.on('packet', (packet: { type: string }) => {
        if (crossing && packet.type === 'pong') resolve('pong while crossing')
      })
    }),
  )
}

describe("an invite that takes longer to cross than the platform's heartbeat allows", () => {
  const defer = useCleanup()

  it.each([
    ['plain', false],
    ['over TLS', true],
  ])('is shown after one connection carried it, as its bytes keep coming (%s)', async (_, secure) => {
    const { platform, expert, proxy, url } = await longInviteBehindSlowLink(defer, secure)
    const closed = firstClose(platform)
    const core = await startCoreFor(url, expert)
    defer(() => core.close(true))
    const shown = core.waitForNotifications(1).then(() => 'shown')
    // The platform's ping waits behind the invite on the wire: it must not take the link for dead.
    expect(await Promise.race([shown, closed])).toBe('shown')
    await core.waitForState((s) => s.status === 'online')
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([
      expect.stringContaining('A long story'),
    ])
    expect(proxy.opened).toBe(1)
  })

  it.each([
    // The platform's ping no longer reaches the app, which no longer answers it.
    [
      'stops carrying part way through it',
      (proxy: FaultProxy) => proxy.stall(true, 'down'),
      /^ping timeout$/,
    ],
    // Two bytes a second: the rest of the invite would take the better part of an hour. Its pings
    // and the app's wait for them both run out unanswered: whichever side first closes it.
    [
      'carries only a byte now and then, which could never bring a page across',
      (proxy: FaultProxy) => proxy.slowTo(2),
      /^(ping timeout|transport close)$/,
    ],
  ])('still costs the connection when the link %s', async (_, worsen, reason) => {
    const { platform, expert, proxy } = await longInviteBehindSlowLink(defer)
    const closed = firstClose(platform)
    const answered = pongWhileCrossing(platform, LONG_ACCOUNT.length)
    const core = await startCoreFor(proxy.url, expert)
    defer(() => core.close(true))
    expect(await Promise.race([answered, closed])).toBe('pong while crossing')
    // What the app sends still reaches the platform.
    worsen(proxy)
    const shown = core.waitForNotifications(1).then(() => 'shown')
    const ended = await Promise.race([shown, closed])
    expect(ended).toMatch(/^closed: /)
    expect(ended.replace('closed: ', '')).toMatch(reason)
    expect(core.adapters.notifier.shown).toEqual([])
  })
})

/** What a page of a replay asks for. */
interface PageAsked {
  readonly after: number
  readonly limit: number
}

/**
 * Resolves with the first page (not the round trip's ask after the platform's latest) that
 * `matches`, asked over any connection from now on.
 */
function pageAsked(platform: TestPlatform, latestId: number, matches: (page: PageAsked) => boolean) {
  return new Promise<PageAsked>((resolve) =>
    platform.server.io.on('connection', (socket) =>
      socket.onAny((name: string, payload: PageAsked) => {
        if (name === REPLAY_EVENT && payload.after < latestId && matches(payload)) resolve(payload)
      }),
    ),
  )
}

describe('a catch-up whose link slowed to a byte now and then under a page', () => {
  const defer = useCleanup()

  it('asks smaller pages over the next connection, and catches up', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    shortenHeartbeat(platform)
    const expert = platform.addExpert()
    for (let i = 1; i <= PENDING; i++)
      platform.inviteDirectly(expert.id, `Pending ${i}`, 'A long account of the problem. '.repeat(30))
    const latestId = platform.server.marketplace.events.latestId(expert.id)
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    proxy.trickle(RATE)
    const closed = firstClose(platform)
    // A page of several invites, once the link's rate shows it carries them in the aimed time.
    const dropped = pageAsked(platform, latestId, (page) => page.limit > 1)
    const core = await startCoreFor(proxy.url, expert)
    defer(() => core.close(true))
    const large = await dropped
    proxy.slowTo(2)
    await closed
    // The next connections carry as before.
    proxy.trickle(RATE)
    const next = await pageAsked(platform, latestId, () => true)
    expect(next.after).toBe(large.after)
    expect(next.limit).toBeLessThan(large.limit)
    // A fresh cache catches up with a snapshot in parts, one part per crossing at this rate: no
    // invite is shown until the last has come, so each part asked is the progress waited on.
    await core.waitForNotifications(PENDING, (wake) => replaysAsked(platform, wake))
  })
})

/** Calls `wake` on each replay asked over any connection, open now or later; returns how to stop. */
function replaysAsked(platform: TestPlatform, wake: () => void): () => void {
  const onAsk = (name: string): void => {
    if (name === REPLAY_EVENT) wake()
  }
  const watched = new Set<Socket>()
  const watch = (socket: Socket): void => {
    watched.add(socket)
    socket.onAny(onAsk)
  }
  for (const socket of platform.server.io.of('/').sockets.values()) watch(socket)
  platform.server.io.on('connection', watch)
  return () => {
    platform.server.io.off('connection', watch)
    for (const socket of watched) socket.offAny(onAsk)
  }
}
