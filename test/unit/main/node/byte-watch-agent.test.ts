import { createServer, get } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { byteWatchAgent } from '../../../../src/main/node/byte-watch-agent'
import { useCleanup } from '../../../support/cleanup'

describe('the agent that watches bytes arrive', () => {
  const defer = useCleanup()

  it('tells of bytes as they arrive, before the answer is whole', async () => {
    let finish = (): void => {}
    const server = createServer((_, res) => {
      res.writeHead(200)
      res.write('first half')
      finish = () => res.end('second half')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => server.close(() => resolve())))
    let arrivals = 0
    let heardFirstHalf: () => void = () => {}
    const firstHalf = new Promise<void>((resolve) => (heardFirstHalf = resolve))
    const agent = byteWatchAgent(false, () => () => {
      arrivals++
      heardFirstHalf()
    })
    defer(() => agent.destroy())
    const body = new Promise<string>((resolve, reject) => {
      const { port } = server.address() as AddressInfo
      get({ host: '127.0.0.1', port, agent }, (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve(text))
      }).on('error', reject)
    })
    await firstHalf
    expect(arrivals).toBeGreaterThan(0)
    finish()
    expect(await body).toBe('first halfsecond half')
  })

  it('tells the bytes of each connection to its own listener, by their count', async () => {
    const answer = 'an answer of some length'.repeat(40)
    const server = createServer((_, res) => res.end(answer))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const counted: number[] = []
    const agent = byteWatchAgent(false, () => {
      const connection = counted.push(0) - 1
      return (bytes) => void (counted[connection]! += bytes)
    })
    defer(() => agent.destroy())
    const ask = () =>
      new Promise<void>((resolve, reject) => {
        const { port } = server.address() as AddressInfo
        get({ host: '127.0.0.1', port, agent }, (res) => res.resume().on('end', resolve)).on('error', reject)
      })
    await ask()
    await ask()
    expect(counted).toHaveLength(2)
    for (const bytes of counted) expect(bytes).toBeGreaterThan(answer.length)
  })

  it('opens TLS connections for a secure platform', () => {
    const agent = byteWatchAgent(true, () => () => {})
    expect(agent).toBeInstanceOf(HttpsAgent)
    agent.destroy()
  })
})
