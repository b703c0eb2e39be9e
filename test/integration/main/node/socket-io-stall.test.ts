// A slow link that stalls part way through a message: the app keeps it until its stall limit,
// and the reference platform, judging by the app's pongs, must keep it at least as long, or it
// cuts the links the app holds on to and the message is sent again over the next. Real time: the
// stall is judged by engine.io's own timers on both ends.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Socket } from 'socket.io'
import { describe, expect, it } from 'vitest'
import type { LinkTransportHandlers } from '../../../../src/main/core/ports/link-transport'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { startTestPlatform } from '../../../support/test-platform'

/** A slow link's rate: the message below takes far longer to cross than the test runs. */
const BYTES_PER_SECOND = 3_000
/** Under the platform's pong spacing, so the next unasked pong is still to come when the stall begins. */
const AFTER_A_PONG_MS = 1_500
/** A stall the app outlasts, under its stall limit (link-timings.ts). */
const STALL_MS = 12_000
/** The brief's promise on noticing a dead link. */
const DEAD_LINK_NOTICED_MS = 15_000

describe('a slow link that stalls mid-message, through the reference platform', () => {
  const defer = useCleanup()

  /** The app's transport to the reference platform through a trickling proxy, a large message crossing. */
  async function crossingSlowly() {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    proxy.trickle(BYTES_PER_SECOND)
    let pong = (): void => {}
    let platformClosed: string | undefined
    platform.server.io.on('connection', (socket: Socket) => {
      socket.conn.on('packet', (packet: { type: string }) => packet.type === 'pong' && pong())
      socket.on('disconnect', (reason) => (platformClosed = reason))
      socket.emit('large', { text: 'x'.repeat(60_000) })
    })
    let appClosed: string | undefined
    let closed = (): void => {}
    let crossing = (): void => {}
    let open = (): void => {}
    const opened = new Promise<void>((resolve) => (open = resolve))
    const handlers: LinkTransportHandlers = {
      opened: () => open(),
      failed: () => {},
      closed: (reason) => {
        appClosed = reason
        closed()
      },
      received: () => {},
      passedOver: () => {},
      heard: () => {},
      crossing: () => crossing(),
    }
    const auth = { token: expert.token, protocolVersion: PROTOCOL_VERSION }
    const connection = socketIoTransport({ platformUrl: proxy.url, auth }, handlers)
    defer(() => connection.disconnect())
    connection.connect()
    await opened
    await new Promise<void>((resolve) => (crossing = resolve))
    return {
      proxy,
      /** The platform heard a pong. */
      nextPong: () => new Promise<void>((resolve) => (pong = resolve)),
      /** The app's connection closed. */
      appClosedNow: () => new Promise<void>((resolve) => (closed = resolve)),
      closedBy: () => ({ app: appClosed, platform: platformClosed }),
    }
  }

  it('is kept by the platform through a stall the app outlasts, begun between two unasked pongs', async () => {
    const link = await crossingSlowly()
    // Chunks keep coming after a pong, and the next is not yet due: the platform's wait runs from
    // a pong older than the last byte unless the app answers again after it. A busy machine can
    // let the wait overrun that next pong, which would stall the link right after a pong and pass
    // without the fix; the wait then starts over from that pong.
    let pong = link.nextPong()
    for (;;) {
      await pong
      pong = link.nextPong()
      const waited = await Promise.race([sleep(AFTER_A_PONG_MS).then(() => true), pong.then(() => false)])
      if (waited) break
    }
    link.proxy.stall(true, 'down')
    await sleep(STALL_MS)
    link.proxy.stall(false)
    expect(link.closedBy()).toEqual({ app: undefined, platform: undefined })
  }, 60_000)

  it('is still given up on by the app when it carries nothing either way', async () => {
    const link = await crossingSlowly()
    const appClosed = link.appClosedNow()
    link.proxy.stall(true)
    await Promise.race([appClosed, sleep(DEAD_LINK_NOTICED_MS)])
    expect(link.closedBy().app).toBeDefined()
  }, 60_000)
})
