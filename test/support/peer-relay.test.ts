import { createServer } from 'node:http'
import { afterAll, expect, it } from 'vitest'
import { exchange, peerRelay } from './peer-relay'
import type { TestPlatform } from './test-platform'

// A server that answers each request with the address it was told the connection came from.
const httpServer = createServer((req, res) => res.end(req.socket.remoteAddress))
afterAll(() => void httpServer.close())
const from = peerRelay(() => ({ server: { io: { httpServer } } }) as unknown as TestPlatform)
const ask = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'

it('gives each connection the address it was opened from, when the next is opened before the relay took the first', async () => {
  const [first, second] = await Promise.all([from('192.0.2.1'), from('198.51.100.2')])
  const answers = await Promise.all([exchange(first, ask), exchange(second, ask)])
  expect(answers.map((answer) => answer.split('\r\n\r\n')[1])).toEqual(['192.0.2.1', '198.51.100.2'])
})
