// The live connection goes where the expert signed in: a platform served under a path (behind a
// proxy at https://host/standby) has its socket.io under that path too, not at the host's root.
// And it holds no message larger than the protocol allows: a platform sending one loses the
// connection, and the link waits its backoff before trying again. A platform that does so (or
// sends a packet socket.io cannot decode) after every welcome makes the link wait ever longer.
// What socket.io would take beyond the protocol (more values than the one a message carries,
// events before the connection is let in, packets for another namespace) is cut or passed over,
// and said in the log; binary attachments make a message unreadable, not the connection. A platform
// that floods pings and reads none of the pongs loses the connection before they fill the app.
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { describe, expect, it } from 'vitest'
import type { Socket } from 'socket.io'
import type { Duplex } from 'node:stream'
import type WebSocket from 'ws'
import { PlatformLink } from '../../../../src/main/core/connection/platform-link'
import type { StreamEntry } from '../../../../src/main/core/ports/cache-store'
import { PACKET_RECEIVED_CHANNEL } from '../../../../src/main/node/packet-received-mark'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { ManualClock } from '../../../../src/shared/clock'
import { BACKOFF_START_MS } from '../../../../src/main/core/connection/backoff'
import { mostMessageBytes } from '../../../../src/shared/protocol/message-size'
import { anInvite, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { startHostilePlatform, type HostileScript } from '../../../support/hostile-platform'
import { recordingLog } from '../../../support/recording-log'
import { startCoreWithPlatform, startOnlineCore } from '../../../support/test-core'
import { socketLink } from '../../../support/socket-link'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'
import { noPower } from '../../../support/no-power'

/** `count` zeros after `first`, as the JSON text of a socket.io packet's values. */
const manyValues = (first: unknown, count: number): string => `${JSON.stringify(first)}${',0'.repeat(count)}`

describe('the socket.io transport', () => {
  const defer = useCleanup()

  /** A started link to a hostile platform playing `script`, with the live events it passed on and its log. */
  async function linkTo(script: HostileScript = {}, before?: (socket: Socket) => void) {
    const platform = await startHostilePlatform(script)
    defer(() => platform.close())
    if (before !== undefined)
      platform.io.use((socket, next) => {
        before(socket)
        next()
      })
    const { link, log, clock } = socketLink(platform.url)
    defer(() => link.stop())
    const events: StreamEntry[] = []
    let heard: () => void = () => {}
    link.events.add((entry) => {
      events.push(entry)
      heard()
    })
    /** Resolves once `count` live events have come through. */
    const received = (count: number): Promise<void> =>
      new Promise((resolve) => {
        heard = () => events.length >= count && resolve()
        heard()
      })
    link.start()
    return { platform, link, log, events, received, clock }
  }

  it('goes online with a platform served under a path, rather than retrying at the host’s root', async () => {
    const { core } = await startCoreWithPlatform(defer, { underPath: '/standby' })
    const state = await core.waitForState((s) => s.status !== 'connecting')
    expect(state).toMatchObject({ status: 'online' })
  })

  it('marks each packet from the platform for the core bench, before the core acts on it', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const seen: string[] = []
    const onPacket = (at: unknown): void => void seen.push(typeof at === 'number' ? 'packet' : 'not a time')
    subscribe(PACKET_RECEIVED_CHANNEL, onPacket)
    defer(() => void unsubscribe(PACKET_RECEIVED_CHANNEL, onPacket))
    defer(core.adapters.notifier.onShow(() => seen.push('shown')))
    platform.inviteDirectly(expert.id, 'Marked on arrival')
    await core.waitForNotifications(1)
    expect(seen.slice(-2)).toEqual(['packet', 'shown'])
  })

  it('ends a connection that carries a message over the protocol’s largest, says so, and backs off', async () => {
    const platform = await startHostilePlatform({})
    defer(() => platform.close())
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    const warnings: string[] = []
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock,
      power: noPower,
      log: { info: () => {}, warn: (line) => warnings.push(line), error: () => {} },
      random: () => 0,
    })
    defer(() => link.stop())
    link.start()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    platform.io.emit('platform-event', 'x'.repeat(mostMessageBytes()))
    const dropped = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(dropped.kind === 'waiting' && dropped.nextAttemptAt).toBeGreaterThan(clock.now())
    const firstWait = dropped.kind === 'waiting' ? dropped.nextAttemptAt - clock.now() : 0
    expect(dropped.kind === 'waiting' && dropped.reason).toMatch(/larger than any Standby message/)
    expect(warnings.join('\n')).toMatch(/larger than any Standby message/)
    // Nothing more until the backoff has passed: no attempt at once.
    expect(platform.connections()).toBe(1)
    clock.advance(dropped.kind === 'waiting' ? dropped.nextAttemptAt - clock.now() : 0)
    await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(platform.connections()).toBe(2)
    // The same again right after the welcome: the transport names it a violation, so the welcome
    // did not count as a success and the link waits longer than the first time.
    platform.io.emit('platform-event', 'x'.repeat(mostMessageBytes()))
    const again = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(again.kind === 'waiting' && again.nextAttemptAt - clock.now()).toBeGreaterThan(firstWait)
  })

  it('ends a connection whose platform floods pings and does not read the pongs, and backs off', async () => {
    const { platform, link, clock } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    const [socket] = platform.io.sockets.sockets.values()
    const ws = (socket!.conn.transport as unknown as { socket: WebSocket & { _socket: Duplex } }).socket
    // What the app sends no longer leaves the kernel: its pongs would back up into its memory.
    ws._socket.pause()
    const ping = Buffer.alloc(125, 'p')
    // As many as it takes, whatever the kernel's buffers hold.
    while (link.state.kind === 'connected') {
      for (let i = 0; i < 1_000; i++) ws.ping(ping)
      await new Promise((resolve) => setImmediate(resolve))
    }
    const dropped = link.state
    expect(dropped.kind === 'waiting' && dropped.nextAttemptAt).toBeGreaterThan(clock.now())
    // Cut at once, not found silent later: the pings kept it from ever being silent.
    expect(dropped.kind === 'waiting' && dropped.reason).toMatch(/the connection was closed/)
  })

  it('ends a connection whose platform floods heartbeat pings, says why, and backs off', async () => {
    const { platform, link, log, clock } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    for (const socket of platform.io.sockets.sockets.values()) {
      const ws = (socket.conn.transport as unknown as { socket: WebSocket & { _socket: Duplex } }).socket
      // It reads none of the answers: each would wait in the app's memory.
      ws._socket.pause()
      // Nor the app's closing: closed politely, it would wait ws's 30 s for a close frame it never reads.
      defer(() => void ws._socket.destroy())
      const conn = socket.conn as unknown as { sendPacket(type: 'ping'): void }
      for (let i = 0; i < 1_000; i++) conn.sendPacket('ping')
    }
    const dropped = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(dropped.kind === 'waiting' && dropped.nextAttemptAt).toBeGreaterThan(clock.now())
    expect(dropped.kind === 'waiting' && dropped.reason).toMatch(/heartbeat pings far faster/)
    expect(log.text()).toMatch(/heartbeat pings far faster/)
  })

  it('backs off ever longer from a platform that sends a packet socket.io cannot decode after each welcome', async () => {
    const platform = await startHostilePlatform({})
    defer(() => platform.close())
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock,
      power: noPower,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      random: () => 0,
    })
    defer(() => link.stop())
    link.start()
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      await waitForLinkState(link, (s) => s.kind === 'connected')
      // An engine.io message whose socket.io packet type does not exist: the client ends the connection.
      for (const socket of platform.io.sockets.sockets.values()) socket.conn.write('9 not a socket.io packet')
      const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
      if (waiting.kind !== 'waiting') throw new Error('not waiting')
      waits.push(waiting.nextAttemptAt - clock.now())
      clock.advance(waiting.nextAttemptAt - clock.now())
    }
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0)
    expect(waits[2]).toBeGreaterThan(waits[1] ?? 0)
  })

  it('backs off ever longer from a platform that closes each connection soon after its welcome, and logs the streak once', async () => {
    const { platform, link, log, clock } = await linkTo()
    const waits: number[] = []
    for (let i = 0; i < 4; i++) {
      await waitForLinkState(link, (s) => s.kind === 'connected')
      // Closed without a word, as a proxy's timeout or a crash closes it.
      for (const socket of platform.io.sockets.sockets.values()) socket.conn.close()
      const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
      if (waiting.kind !== 'waiting') throw new Error('not waiting')
      // From the second in a row on, said to be one more of them: the network alone does not do that.
      expect(waiting.reason).toMatch(
        i === 0
          ? /^Connection lost \(the connection was closed; .*: transport close\)\. If this goes on, check your connection\.$/
          : /^Connection lost again soon after the platform let Standby in \(.*: transport close\)\..*proxy or firewall/,
      )
      waits.push(waiting.nextAttemptAt - clock.now())
      clock.advanceTo(waiting.nextAttemptAt)
    }
    // The first loss is taken for a restart, reconnected at once; the rest wait ever longer.
    expect(waits[2]).toBeGreaterThan(waits[1] ?? 0)
    expect(waits[3]).toBeGreaterThan(waits[2] ?? 0)
    expect(
      log.lines.filter((l) =>
        /Connection to the platform lost|soon after the platform let Standby in/.test(l),
      ),
    ).toHaveLength(2)
  })

  it('reconnects at the first short wait after each of the platform’s restarts, however close together', async () => {
    const { platform, link, clock } = await linkTo()
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      await waitForLinkState(link, (s) => s.kind === 'connected')
      // What the platform does to every connection as it shuts down to restart.
      platform.io.disconnectSockets(true)
      const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
      if (waiting.kind !== 'waiting') throw new Error('not waiting')
      waits.push(waiting.nextAttemptAt - clock.now())
      clock.advanceTo(waiting.nextAttemptAt)
    }
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(BACKOFF_START_MS)
  })

  it('reads the first of an event’s hundreds of thousands of values, says so, and goes on with the next event', async () => {
    const invite = (n: number) => inviteCreated(n, anInvite())
    const { platform, link, log, events, received } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    // socket.io would hand them to its listeners as arguments: more than the stack holds.
    for (const socket of platform.io.sockets.sockets.values()) {
      socket.conn.write(`2["platform-event",${manyValues(invite(1), 300_000)}]`)
      // And an acceptance of the connection again, which would start its welcome's wait over.
      socket.conn.write('0{"sid":"again"}')
    }
    platform.io.emit('platform-event', invite(2))
    await received(2)
    expect(events.map((e) => e.id)).toEqual([1, 2])
    expect(log.text()).toMatch(/a second acceptance of one connection; Standby passed it over/)
    expect(log.text()).toMatch(
      /a message with 300001 values where the protocol has one; Standby read the first/,
    )
    expect(link.state.kind).toBe('connected')
  })

  it('reads the first of an answer’s hundreds of thousands of values', async () => {
    const page = { kind: 'events', events: [], latestId: 0, hasMore: false }
    const { platform, link, log } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    for (const socket of platform.io.sockets.sockets.values()) {
      socket.removeAllListeners('replay')
      socket.conn.on('packet', ({ data }: { data?: unknown }) => {
        const id = typeof data === 'string' ? /^2(\d+)\["replay"/.exec(data)?.[1] : undefined
        const answer = { ok: true, result: page, serverTime: FIXTURE_NOW }
        if (id !== undefined) socket.conn.write(`3${id}[${manyValues(answer, 300_000)}]`)
      })
    }
    await expect(link.replay(0)).resolves.toMatchObject({ kind: 'events', latestId: 0 })
    expect(log.text()).toMatch(/an answer with 300001 values where the protocol has one/)
  })

  it('passes over events sent before the connection is let in: a welcome for another expert there is not taken', async () => {
    const early = { protocolVersion: 1, expertId: 'exp_mallory', latestEventId: 0, serverTime: FIXTURE_NOW }
    const { link, log, events } = await linkTo({}, (socket) => {
      // Written straight to the wire, ahead of socket.io's own acceptance of the connection.
      socket.conn.write(`2["welcome",${JSON.stringify(early)}]`)
      socket.conn.write(`2["platform-event",${JSON.stringify(inviteCreated(1, anInvite()))}]`)
    })
    const state = await waitForLinkState(link, (s) => s.kind !== 'connecting')
    expect(state).toMatchObject({ kind: 'connected', welcome: { expertId: 'exp_ada' } })
    expect(events).toEqual([])
    expect(log.text()).toMatch(/a message before letting the connection in; Standby passed it over/)
  })

  it('reads an event or an answer carrying binary attachments as unreadable, with a log line, and goes on', async () => {
    const invite = inviteCreated(1, anInvite())
    const { platform, link, log, events, received } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    for (const socket of platform.io.sockets.sockets.values()) {
      socket.removeAllListeners('replay')
      // socket.io sends a value holding binary data as a packet with attachments.
      socket.on('replay', (_: unknown, ack: (answer: unknown) => void) =>
        ack({ ok: true, result: Buffer.from('page'), serverTime: FIXTURE_NOW }),
      )
      socket.emit('platform-event', { ...invite, at: Buffer.alloc(8) })
      socket.emit('platform-event', Buffer.from(JSON.stringify(inviteCreated(2, anInvite()))))
    }
    platform.io.emit('platform-event', inviteCreated(3, anInvite()))
    await received(2)
    expect(events.map((e) => (e.type === 'unreadable' ? `${e.id} unreadable` : `${e.id}`))).toEqual([
      '1 unreadable',
      '3',
    ])
    // The marker's problem is logged once the cache passes over it (event-batch.ts).
    expect(events[0]).toMatchObject({ malformed: true, problem: expect.stringMatching(/^at — /) })
    expect(log.text()).toMatch(/Ignored an event from the platform with no readable id/)
    await expect(link.replay(0)).rejects.toThrow(/The platform sent a malformed replay page/)
    expect(link.state.kind).toBe('connected')
  })

  it('ends a connection whose acceptance names no connection, says the platform sent what it could not read, and is let in by the next one', async () => {
    let attempts = 0
    const { link, clock } = await linkTo({}, (socket) => {
      // socket.io's acceptance names the connection; this one, ahead of the real one, names none.
      if (attempts++ === 0) socket.conn.write('0{}')
    })
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(waiting).toMatchObject({
      reason: expect.stringMatching(
        /before the platform let it in \(the platform sent a message Standby could not read: parse error\)/,
      ),
    })
    if (waiting.kind === 'waiting') clock.advanceTo(waiting.nextAttemptAt)
    await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(attempts).toBe(2)
  })

  it('passes over what is addressed to another namespace: its acceptance lets nothing in, its answer settles nothing', async () => {
    const answer = { ok: true, result: { kind: 'events', events: [], latestId: 0, hasMore: false } }
    const { platform, link, log, events, received } = await linkTo({}, (socket) => {
      // Ahead of socket.io's own acceptance: the app's socket is the root namespace's, not this one.
      socket.conn.write('0/elsewhere,{"sid":"other"}')
      socket.conn.write(`2["platform-event",${JSON.stringify(inviteCreated(1, anInvite()))}]`)
    })
    const state = await waitForLinkState(link, (s) => s.kind !== 'connecting')
    expect(state).toMatchObject({ kind: 'connected', welcome: { expertId: 'exp_ada' } })
    for (const socket of platform.io.sockets.sockets.values()) {
      socket.removeAllListeners('replay')
      socket.conn.on('packet', ({ data }: { data?: unknown }) => {
        const id = typeof data === 'string' ? /^2(\d+)\["replay"/.exec(data)?.[1] : undefined
        if (id === undefined) return
        socket.conn.write(`3/elsewhere,${id}[{"ok":false}]`)
        socket.conn.write(`3${id}[${JSON.stringify(answer)}]`)
      })
    }
    await expect(link.replay(0)).resolves.toMatchObject({ kind: 'events', latestId: 0 })
    platform.io.emit('platform-event', inviteCreated(2, anInvite()))
    await received(1)
    expect(events.map((e) => e.id)).toEqual([2])
    expect(log.text()).toMatch(/a message for another namespace than Standby's; Standby passed it over/)
  })

  it.each([
    [
      'the platform closes it',
      (socket: Socket) => socket.disconnect(true),
      /^Connection lost \(the platform closed the connection: io server disconnect\)\. If this goes on, tell the platform's support\.$/,
    ],
    [
      'its network connection ends',
      (socket: Socket) => socket.conn.close(),
      /^Connection lost \(the connection was closed; the platform may have restarted, or the network dropped it: transport close\)\. If this goes on, check your connection\.$/,
    ],
  ])(
    'says in words why a connection was lost when %s, and keeps socket.io’s word for the log',
    async (_, close, reason) => {
      const { platform, link } = await linkTo()
      await waitForLinkState(link, (s) => s.kind === 'connected')
      for (const socket of platform.io.sockets.sockets.values()) close(socket)
      const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
      expect(waiting).toMatchObject({ reason: expect.stringMatching(reason) })
    },
  )

  it('ends a connection the platform refuses after letting it in, fails what was awaited on it, and connects again', async () => {
    let refusals = 0
    const { platform, link, log, clock } = await linkTo({
      replay: (_, socket) => {
        // socket.io's refusal of an attempt, sent on a connection long since let in.
        if (refusals++ === 0)
          socket.conn.write('4{"message":"nope","data":{"code":"conflict","message":"No"}}')
        return new Promise(() => {})
      },
    })
    await waitForLinkState(link, (s) => s.kind === 'connected')
    await expect(link.replay(0)).rejects.toThrow()
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(waiting).toMatchObject({ reason: expect.stringMatching(/^Connection lost/) })
    expect(log.text()).toMatch(/a refusal of a connection it had let in; Standby ends that connection/)
    if (waiting.kind === 'waiting') clock.advanceTo(waiting.nextAttemptAt)
    await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(platform.connections()).toBe(2)
  })

  it('passes over a second answer to one question and an answer to none, says so, and reads the next answer', async () => {
    const answer = { ok: true, result: { kind: 'events', events: [], latestId: 0, hasMore: false } }
    const { platform, link, log } = await linkTo()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    let asked = 0
    for (const socket of platform.io.sockets.sockets.values()) {
      socket.removeAllListeners('replay')
      socket.conn.on('packet', ({ data }: { data?: unknown }) => {
        const id = typeof data === 'string' ? /^2(\d+)\["replay"/.exec(data)?.[1] : undefined
        if (id === undefined) return
        socket.conn.write(`3${id}[${JSON.stringify(answer)}]`)
        if (++asked > 1) return
        socket.conn.write(`3${id}[${JSON.stringify(answer)}]`)
        socket.conn.write(`3${Number(id) + 1_000}[${JSON.stringify(answer)}]`)
      })
    }
    await expect(link.replay(0)).resolves.toMatchObject({ kind: 'events' })
    // Answered after the first one's extras, on the same connection: those were read by then.
    await expect(link.replay(0)).resolves.toMatchObject({ kind: 'events' })
    expect(log.lines.filter((line) => /an answer to nothing Standby asked/.test(line))).toHaveLength(2)
  })

  it('forgets a command given up on, so its late answer is passed over rather than awaited for good', async () => {
    const page = { kind: 'events', events: [], latestId: 0, hasMore: false }
    const platform = await startHostilePlatform({ replay: () => page })
    defer(() => platform.close())
    const log = recordingLog()
    const clock = new ManualClock(FIXTURE_NOW)
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock,
      linkClock: clock,
      power: noPower,
      log,
      expertId: 'exp_ada',
    })
    defer(() => link.stop())
    link.start()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    // The platform takes each command in and answers none of them in time.
    const asked: Array<() => void> = []
    const answered = new Promise<void>((resolve) => {
      for (const socket of platform.io.sockets.sockets.values())
        socket.conn.on('packet', ({ data }: { data?: unknown }) => {
          const id = typeof data === 'string' ? /^2(\d+)\["command"/.exec(data)?.[1] : undefined
          if (id === undefined) return
          asked.push(() => socket.conn.write(`3${id}[{"ok":true,"result":{},"serverTime":${FIXTURE_NOW}}]`))
          resolve()
        })
    })
    const outcome = link.command('invite.decline', { inviteId: 'inv_1' })
    await answered
    clock.advance(10_000)
    expect(await outcome).toMatchObject({ ok: false, error: { code: 'timeout' } })
    for (const answer of asked) answer()
    // Answered after the late answer, on the same connection: that one was read by then.
    await expect(link.replay(0)).resolves.toMatchObject({ kind: 'events' })
    expect(log.text()).toMatch(/an answer to nothing Standby asked/)
    expect(link.state.kind).toBe('connected')
  })
})
