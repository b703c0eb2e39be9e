import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { useTestPlatform } from '../../support/test-platform'

describe('a WebSocket that never says which expert it is', () => {
  // Short, so the test waits little: what matters is that heartbeats do not stretch it.
  const platform = useTestPlatform({ connections: { identifyMs: 300 } })

  it('is closed at the identify limit however busily it answers the heartbeat', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${platform().server.port}/socket.io/?EIO=4&transport=websocket`)
    const frames: string[] = []
    ws.on('message', (data: Buffer) => {
      frames.push(data.toString())
      // A pong at every frame, and before any ping: the engine takes any, as it must for the app.
      ws.send('3')
    })
    await new Promise<void>((resolve) => ws.once('open', () => resolve()))
    // Pongs unasked as fast as the socket takes them, until the platform gives up on it.
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
    let sending = true
    const pump = (): void => {
      if (!sending || ws.readyState !== WebSocket.OPEN) return
      ws.send('3', () => setImmediate(pump))
    }
    pump()
    await closed
    sending = false
    expect(frames[0]).toMatch(/^0\{/)
    // Never let in: no socket.io connect answer ever came.
    expect(frames.some((f) => f.startsWith('40'))).toBe(false)
  })
})
