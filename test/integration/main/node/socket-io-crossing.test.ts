// The socket.io transport says a message is crossing only while one arrives in pieces: a replay's
// answer on a slow link is waited for while it does, and heartbeats or small messages, which
// arrive whole, never say it (a platform that pings but never answers is still given up on).
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { defaultLinkTimings } from '../../../../src/main/core/connection/link-timings'
import type { LinkState } from '../../../../src/main/core/connection/link-deps'
import type { LinkTransport, LinkTransportHandlers } from '../../../../src/main/core/ports/link-transport'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { startCutProxy, type CutProxy } from '../../../support/cut-proxy'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { waitForLinkState } from '../../../support/link-states'
import { socketLink } from '../../../support/socket-link'
import { startTlsFront, trustTestCertificate } from '../../../support/test-tls'

/** Each test runs over a plain link and over TLS, whose chunks the app hears beneath the records. */
const LINKS = [
  ['plain', false],
  ['over TLS', true],
] as const

describe('the socket.io transport on a slow link', () => {
  const defer = useCleanup()

  /** A connection through `proxy`, counting what it hears. */
  function connectThrough(proxy: FaultProxy, secure: boolean) {
    let crossings = 0
    const names: string[] = []
    let wake = (): void => {}
    let open = (): void => {}
    const opened = new Promise<void>((resolve) => (open = resolve))
    const handlers: LinkTransportHandlers = {
      opened: () => open(),
      failed: () => {},
      closed: () => {},
      received: (name) => {
        names.push(name)
        wake()
      },
      passedOver: () => {},
      heard: () => {},
      crossing: () => crossings++,
    }
    const options = { auth: { token: 't', protocolVersion: PROTOCOL_VERSION } }
    const platformUrl = secure ? proxy.url.replace('http:', 'https:') : proxy.url
    const connection = socketIoTransport({ ...options, platformUrl }, handlers)
    defer(() => connection.disconnect())
    connection.connect()
    const received = (name: string): Promise<void> =>
      new Promise((resolve) => {
        wake = () => names.includes(name) && resolve()
        wake()
      })
    return { connection, opened, received, crossings: () => crossings }
  }

  /** A port reaching `platform` as it is served, plainly or (`secure`) over https, its certificate trusted. */
  async function servedAt(platform: { readonly url: string }, secure: boolean): Promise<number> {
    const port = Number(new URL(platform.url).port)
    if (!secure) return port
    const front = await startTlsFront(port)
    defer(() => front.close())
    trustTestCertificate(defer)
    return front.port
  }

  /**
   * A link connected through `proxy` at `url`, its check sent a silence after the welcome and its
   * time all but out, with the proxy holding what the platform sends since the check.
   */
  async function checkAllButOut(url: string, transport: LinkTransport, proxy: CutProxy) {
    // The check runs on the link's clock of elapsed time: the test's, so that it moves only when told.
    const clock = new ManualClock(0)
    const { link } = socketLink(url, { transport, linkClock: clock })
    defer(() => link.stop())
    link.start()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    const states: LinkState[] = []
    defer(link.states.add((s) => states.push(s)))
    proxy.hold()
    clock.advance(defaultLinkTimings.silenceLimitMs)
    expect(link.state).toMatchObject({ kind: 'connected', checking: true })
    clock.advance(defaultLinkTimings.probeTimeoutMs - 1)
    return { link, clock, states }
  }

  /** The check's time runs out after the chunk let through, yet it is answered on the same connection once the rest comes. */
  async function keptPastCheckTime(
    { link, clock, states }: Awaited<ReturnType<typeof checkAllButOut>>,
    proxy: CutProxy,
  ): Promise<void> {
    // One turn of the event loop: the app reads the chunk to its end.
    await new Promise((resolve) => setImmediate(resolve))
    clock.advance(1)
    expect(link.state).toMatchObject({ kind: 'connected', checking: true })
    proxy.release()
    await waitForLinkState(link, (s) => s.kind === 'connected' && s.checking !== true)
    expect(states.every((s) => s.kind === 'connected')).toBe(true)
  }

  it.each(LINKS)(
    'says nothing is crossing while only small answers come, and that one is while a large message trickles in (%s)',
    async (_, secure) => {
      const platform = await startHostilePlatform({})
      defer(() => platform.close())
      const proxy = await FaultProxy.start(await servedAt(platform, secure))
      defer(() => proxy.close())
      const fast = connectThrough(proxy, secure)
      await fast.opened
      // The handshake's bytes count as crossing until the connection is open (attempt-deadline.ts).
      const handshake = fast.crossings()
      // One at a time, so each answer crosses alone, whole.
      for (let i = 0; i < 20; i++) await fast.connection.request('probe', {})
      expect(fast.crossings()).toBe(handshake)

      proxy.trickle(20_000)
      platform.io.removeAllListeners('connection')
      platform.io.on('connection', (socket) => socket.emit('large', { text: 'x'.repeat(30_000) }))
      const slow = connectThrough(proxy, secure)
      await slow.received('large')
      expect(slow.crossings()).toBeGreaterThan(1)
    },
  )

  it.each(LINKS)(
    'keeps a connection whose check is answered behind a large message that began to arrive just before the check ran out (%s)',
    async (_, secure) => {
      const platform = await startHostilePlatform({})
      defer(() => platform.close())
      // The platform's answer to a check waits on the wire behind a message it sent just before.
      platform.io.on('connection', (socket) =>
        socket.prependListener('probe', () => socket.emit('large', { text: 'x'.repeat(30_000) })),
      )
      const proxy = await startCutProxy(await servedAt(platform, secure))
      defer(() => proxy.close())
      let heard = (): void => {}
      const heardOnce = (): Promise<void> => new Promise((resolve) => (heard = resolve))
      const transport: LinkTransport = (options, handlers) =>
        socketIoTransport(options, {
          ...handlers,
          heard: () => {
            handlers.heard()
            heard()
          },
        })
      const url = secure ? proxy.url.replace('http:', 'https:') : proxy.url
      const checked = await checkAllButOut(url, transport, proxy)
      // The first bytes of the message come just before the check's time is out, the rest later.
      const arrived = heardOnce()
      await proxy.letThrough(500)
      await arrived
      await keptPastCheckTime(checked, proxy)
      expect(platform.connections()).toBe(1)
    },
  )

  it.each(LINKS)(
    'keeps a connection whose check is answered behind a large message begun in the chunk that ended another (%s)',
    async (_, secure) => {
      const platform = await startHostilePlatform({})
      defer(() => platform.close())
      // Before the answer to a check, a small message and then a large one.
      const small = { text: 'y'.repeat(100) }
      platform.io.on('connection', (socket) =>
        socket.prependListener('probe', () => {
          socket.emit('small', small)
          socket.emit('large', { text: 'x'.repeat(30_000) })
        }),
      )
      const proxy = await startCutProxy(await servedAt(platform, secure))
      defer(() => proxy.close())
      let received = (): void => {}
      const names: string[] = []
      const transport: LinkTransport = (options, handlers) =>
        socketIoTransport(options, {
          ...handlers,
          received: (name, payload) => {
            handlers.received(name, payload)
            names.push(name)
            received()
          },
        })
      const url = secure ? proxy.url.replace('http:', 'https:') : proxy.url
      const checked = await checkAllButOut(url, transport, proxy)
      // One chunk: the whole small message (its WebSocket frame: a two-byte header, then engine.io's
      // and socket.io's packet types before the event), and the first bytes of the large one. Over
      // TLS, whole records: TLS hands on all it got, and only ws holds the large message part way.
      const smallFrame = 2 + 2 + JSON.stringify(['small', small]).length
      const smallArrived = new Promise<void>(
        (resolve) => (received = () => names.includes('small') && resolve()),
      )
      await (secure ? proxy.letThroughRecords(smallFrame + 500) : proxy.letThrough(smallFrame + 500))
      await smallArrived
      await keptPastCheckTime(checked, proxy)
      expect(names).toContain('large')
      expect(platform.connections()).toBe(1)
    },
  )
})
