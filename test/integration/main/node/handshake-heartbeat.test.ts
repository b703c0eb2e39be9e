// A link so slow that the platform's handshake is still crossing it when the platform's first ping
// is due, and when the platform's wait for the app to say which expert it is ran out: the ping
// waited behind the handshake, and the app cannot say who it is before the handshake is in, so the
// platform gave up on the connection at every attempt and the app never connected at all (over a
// link of a few bytes a second). The test lets bytes through a chunk at a time, as a slow link's come.
import type { Socket as EngineSocket } from 'engine.io'
import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { startCutProxy } from '../../../support/cut-proxy'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

/** The platform's answer to the upgrade, as ws writes it: its accept key is always 28 characters. */
const UPGRADE_ANSWER = [
  'HTTP/1.1 101 Switching Protocols',
  'Upgrade: websocket',
  'Connection: Upgrade',
  `Sec-WebSocket-Accept: ${'k'.repeat(28)}`,
  '',
  '',
].join('\r\n')

describe('a handshake still crossing a slow link', () => {
  const defer = useCleanup()

  it('is kept by the platform: the app answers its heartbeat once the WebSocket opens, and the platform waits to hear who it is', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const proxy = await startCutProxy(platform.server.port)
    defer(() => proxy.close())
    proxy.hold()
    // What the platform hears and does on the connection, in order, until it pings again or closes.
    const seen: string[] = []
    const pingedAgainOrClosed = new Promise<void>((resolve) => {
      platform.server.io.engine.once('connection', (socket: EngineSocket) => {
        socket.on('packet', (packet: { type: string }) => packet.type === 'pong' && seen.push('pong'))
        socket.on('packetCreate', (packet: { type: string }) => {
          if (packet.type !== 'ping') return
          seen.push('ping')
          resolve()
        })
        socket.once('close', (reason: string) => {
          seen.push(`closed: ${reason}`)
          resolve()
        })
      })
    })
    const core = await startCoreFor(proxy.url, expert)
    defer(() => core.close(true))
    // One chunk: the upgrade's answer whole and the start of the engine's handshake. The WebSocket
    // is open; the handshake (and the ping queued behind it) is not in yet, and no more comes.
    await proxy.letThrough(UPGRADE_ANSWER.length + 10)
    await pingedAgainOrClosed
    expect(seen).toEqual(['pong', 'ping'])
    proxy.release()
    await core.waitForState((s) => s.status === 'online')
  })
})
