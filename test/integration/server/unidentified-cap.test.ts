import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/shared/clock'
import { useTestPlatform, type TestPlatform } from '../../support/test-platform'

/** A socket.io WebSocket opened and never signed in: resolves with it once the platform's handshake came. */
function openUnsigned(platform: TestPlatform): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${platform.server.port}/socket.io/?EIO=4&transport=websocket`)
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** The status and body the platform answered an upgrade with instead of a WebSocket. */
function refusedUpgrade(platform: TestPlatform): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(`ws://127.0.0.1:${platform.server.port}/socket.io/?EIO=4&transport=websocket`)
  return new Promise((resolve, reject) => {
    ws.once('open', () => reject(new Error('the WebSocket was let in')))
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
  })
}

/** The platform's side of each upgrade it is handed from now on. */
function serverSides(platform: TestPlatform): Duplex[] {
  const sides: Duplex[] = []
  platform.server.io.httpServer.on('upgrade', (_req: IncomingMessage, socket: Duplex) => sides.push(socket))
  return sides
}

const closedOnServer = (socket: Duplex): Promise<void> =>
  new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())))

describe('WebSockets from all addresses that have not signed in', () => {
  const clock = new ManualClock(0)
  const platform = useTestPlatform({ connections: { unidentified: 3, identifyMs: 30_000, clock } })
  const lines = (words: string): string[] => platform().logger.lines.filter((l) => l.includes(words))

  it('are capped together: one over gets 503 saying so, the log says it once, and room comes back as one signs in or leaves', async () => {
    const sides = serverSides(platform())
    const held = await Promise.all([1, 2, 3].map(() => openUnsigned(platform())))
    const refusals = await Promise.all([1, 2].map(() => refusedUpgrade(platform())))
    for (const { status, body } of refusals) {
      expect(status).toBe(503)
      expect(JSON.parse(body)).toMatchObject({
        error: {
          code: 'rate_limited',
          message: expect.stringMatching(/not signed in yet.*try again in a few seconds/),
        },
      })
    }
    expect(lines('have not signed in yet')).toHaveLength(1)
    // An expert's app is one of them until it has signed in, so it waits its turn too.
    await expect(platform().connect(platform().addExpert().token)).rejects.toBeDefined()
    held[0]!.terminate()
    await closedOnServer(sides[0]!)
    const expert = await platform().connect(platform().addExpert().token)
    // Signed in, it no longer counts: another WebSocket finds room.
    const another = await openUnsigned(platform())
    expect(expert.socket.connected).toBe(true)
    for (const ws of [...held, another]) ws.terminate()
  })

  it('are closed at the identify limit with a line saying they did not sign in, and one signed in stays', async () => {
    const ws = await openUnsigned(platform())
    const expert = await platform().connect(platform().addExpert().token)
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
    clock.advance(30_000)
    await closed
    expect(lines('did not sign in within the time allowed')).toHaveLength(1)
    expect(lines('did not sign in within the time allowed')[0]).toContain('127.0.0.1')
    expect(expert.socket.connected).toBe(true)
  })

  it('are closed, said in the log, when they send a message before signing in', async () => {
    const ws = await openUnsigned(platform())
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
    ws.send('42["command",{}]')
    await closed
    expect(lines('sent a message before signing in')).toHaveLength(1)
  })
})
