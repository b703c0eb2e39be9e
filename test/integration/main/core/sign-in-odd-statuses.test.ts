import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { signIn } from '../../../../src/main/core/auth/sign-in'

describe('a platform check answered in HTTP no platform sends', () => {
  const servers: Server[] = []
  const sockets = new Set<Socket>()
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  /** A server answering every request with `answer`, written as it is (Node's HTTP server writes no odd status). */
  async function answering(answer: string): Promise<string> {
    const server = createServer((socket) => {
      sockets.add(socket)
      socket.once('data', () => socket.end(answer))
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('says a 3xx that names no address is not a platform, not that it sent Standby on to another address', async () => {
    for (const status of ['304 Not Modified', '300 Multiple Choices']) {
      const url = await answering(`HTTP/1.1 ${status}\r\ncontent-length: 0\r\n\r\n`)
      expect(await signIn(url, 'ada@example.test', 'right'), status).toEqual({
        ok: false,
        reason: 'not_a_platform',
        message: `${url} answered, but it is not a Standby platform. Check the address.`,
      })
    }
  })

  it('says a 300 or a 304 is not a platform even with a Location, as they send no client on', async () => {
    for (const status of ['304 Not Modified', '300 Multiple Choices']) {
      const url = await answering(
        `HTTP/1.1 ${status}\r\nlocation: https://elsewhere.example/\r\ncontent-length: 0\r\n\r\n`,
      )
      expect(await signIn(url, 'ada@example.test', 'right'), status).toEqual({
        ok: false,
        reason: 'not_a_platform',
        message: `${url} answered, but it is not a Standby platform. Check the address.`,
      })
    }
  })

  it('says a status past 599 is not a platform, not that the platform may be restarting', async () => {
    const url = await answering(
      'HTTP/1.1 999 Odd\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}',
    )
    expect(await signIn(url, 'ada@example.test', 'right')).toEqual({
      ok: false,
      reason: 'not_a_platform',
      message: `${url} answered, but it is not a Standby platform. Check the address.`,
    })
  })

  it('says headers larger than Node reads are no platform’s, not that nothing could be reached', async () => {
    const url = await answering(
      `HTTP/1.1 200 OK\r\nx-padding: ${'a'.repeat(100_000)}\r\ncontent-length: 2\r\n\r\n{}`,
    )
    expect(await signIn(url, 'ada@example.test', 'right')).toEqual({
      ok: false,
      reason: 'not_a_platform',
      message: `${url} answered, but it is not a Standby platform: it answered with headers far larger than a Standby platform sends. Check the address and its port: a Standby platform does not answer there.`,
    })
  })
})
