import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useTestPlatform } from '../../../support/test-platform'

/** A WebSocket upgrade to `path`, resolved with everything the platform wrote before it closed. */
function upgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `host: 127.0.0.1:${port}`,
          'connection: Upgrade',
          'upgrade: websocket',
          'sec-websocket-version: 13',
          'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
          '',
          '',
        ].join('\r\n'),
      ),
    )
    let written = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (written += chunk))
    socket.on('close', () => resolve(written))
    socket.on('error', reject)
  })
}

/** One GET over `agent`, resolved with its status and body. */
function get(port: number, path: string, agent: Agent): Promise<{ status: number; body: string }> {
  return send(port, 'GET', path, agent)
}

/** One request over `agent`, resolved with its status and body. */
function send(
  port: number,
  method: string,
  path: string,
  agent: Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', method, path, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('socket.io long-polling handshakes', () => {
  const platform = useTestPlatform()

  // A polling session is no connection of its own: one kept-alive connection could open them
  // without end, each held until its heartbeat lapses, past the cap on connections per address.
  it('are refused and open no session, however many one kept-alive connection sends', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const { port, io } = platform().server
    for (let i = 0; i < 50; i++) {
      const answer = await get(port, '/socket.io/?EIO=4&transport=polling', agent)
      expect(answer.status).toBe(400)
    }
    expect(io.engine.clientsCount).toBe(0)
    agent.destroy()
  })

  it.each([
    ['a polling handshake', 'GET', '/socket.io/?EIO=4&transport=polling'],
    ['a polling post to a made-up session', 'POST', '/socket.io/?EIO=4&transport=polling&sid=abc'],
    ['a WebSocket handshake sent without the upgrade', 'GET', '/socket.io/?EIO=4&transport=websocket'],
  ])(
    'answer %s with a sentence saying to connect over WebSocket, and a log line',
    async (_, method, path) => {
      const agent = new Agent({ keepAlive: false })
      const before = platform().logger.lines.length
      const answer = await send(platform().server.port, method, path, agent)
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body)).toEqual({
        error: { code: 'invalid_payload', message: expect.stringContaining("transports: ['websocket']") },
      })
      const lines = platform().logger.lines.slice(before)
      expect(lines).toEqual([expect.stringContaining('request refused: socket.io without WebSocket')])
      agent.destroy()
    },
  )

  it.each([
    ['an older engine.io protocol', '/socket.io/?EIO=3&transport=websocket', /engine\.io protocol 4/],
    ['no engine.io protocol', '/socket.io/?transport=websocket', /engine\.io protocol 4/],
    ['a polling transport', '/socket.io/?EIO=4&transport=polling', /transports: \['websocket'\]/],
    ['a session to upgrade', '/socket.io/?EIO=4&transport=websocket&sid=abc', /no long-polling session/],
  ])(
    'refuse a WebSocket upgrade asking for %s before it opens, with a sentence and a log line',
    async (_, path, says) => {
      const before = platform().logger.lines.length
      const written = await upgrade(platform().server.port, path)
      // One HTTP answer, not a WebSocket opened and an HTTP answer written into it.
      expect(written).toMatch(/^HTTP\/1\.1 400 /)
      expect(written).not.toContain('101')
      const body = JSON.parse(written.slice(written.indexOf('\r\n\r\n') + 4)) as {
        error: { message: string }
      }
      expect(body.error.message).toMatch(says)
      expect(platform().logger.lines.slice(before)).toEqual([
        expect.stringContaining('request refused: a socket.io handshake the platform does not take'),
      ])
    },
  )
})
