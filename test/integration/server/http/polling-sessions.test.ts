import { Agent, request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { useTestPlatform } from '../../../support/test-platform'

/** One GET over `agent`, resolved with its status and body. */
function get(port: number, path: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path, agent }, (res) => {
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
})
