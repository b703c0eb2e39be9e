import { connect, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { useTestPlatform } from '../../../support/test-platform'

/** A connection that sends but never reads: what it is sent piles up in the buffers between. */
function openDeaf(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.pause()
    socket.once('error', reject)
    socket.on('error', () => {})
  })
}

/** How many connections a server holds. */
function connectionsHeld(server: {
  getConnections(callback: (error: Error | null, count: number) => void): void
}): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  )
}

describe('a client that sends requests and never reads their answers', () => {
  const answerClock = new ManualClock(0)
  // The other deadlines out of reach, so that only the one for answers can close the connection.
  const platform = useTestPlatform({
    connections: { answerMs: 30_000, firstRequestMs: 1e12, requestBodyMs: 1e12, clock: answerClock },
  })

  it('has its connection closed once an answer has waited the time allowed, and is logged once', async () => {
    const accepted = new Promise((resolve) => platform().server.io.httpServer.once('connection', resolve))
    const deaf = await openDeaf(platform().server.port)
    await accepted
    expect(await connectionsHeld(platform().server.io.httpServer)).toBe(1)
    const request = `GET ${HTTP_PATHS.info} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`
    // Requests go on until the platform's answers back up, and it stops reading them.
    const flood = request.repeat(1_000)
    const send = (): void => {
      while (!deaf.destroyed && deaf.write(flood));
      if (!deaf.destroyed) deaf.once('drain', send)
    }
    send()

    // Each step of the clock is the time allowed, past every answer that was ready before it:
    // once one waits for the client (it never will), the connection is closed.
    await expect
      .poll(
        () => {
          answerClock.advance(30_000)
          return connectionsHeld(platform().server.io.httpServer)
        },
        { timeout: 30_000 },
      )
      .toBe(0)
    deaf.destroy()
    expect(platform().logger.lines.filter((l) => l.includes('did not take its answers'))).toHaveLength(1)
    expect((await fetch(`${platform().server.url}${HTTP_PATHS.info}`)).status).toBe(200)
  }, 60_000)
})
