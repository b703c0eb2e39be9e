import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { useTestPlatform } from '../../../support/test-platform'

/** Write `text` on a fresh connection at once and resolve with everything read until it closes. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let read = ''
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (read += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(read))
  })
}

/** The status of each answer in `read`, in order. */
const statuses = (read: string): number[] =>
  [...read.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]))

/** A request head and body as a client writes it. */
function request(method: string, path: string, headers: Record<string, string> = {}, body = ''): string {
  const lines = Object.entries({
    host: '127.0.0.1',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  })
  return `${method} ${path} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`
}

describe('requests sent one after another without waiting (HTTP pipelining)', () => {
  const platform = useTestPlatform()

  it('are each answered, in order, a refusal among them included', async () => {
    const json = { 'content-type': 'application/json' }
    const read = await exchange(
      platform().server.port,
      request('GET', HTTP_PATHS.info) +
        request('POST', HTTP_PATHS.signIn, json, '{"email":') +
        request('POST', HTTP_PATHS.signIn, json, '{"email":"nobody@example.test","password":"x","x":1}') +
        request('HEAD', HTTP_PATHS.info) +
        request('GET', HTTP_PATHS.info, { connection: 'close' }),
    )
    expect(statuses(read)).toEqual([200, 400, 400, 200, 200])
  })

  it('stop at an over-size body: the answer closes the connection, and what followed is not handled', async () => {
    const { token, id } = platform().addExpert()
    const read = await exchange(
      platform().server.port,
      request('POST', HTTP_PATHS.signIn, { 'content-type': 'application/json', 'content-length': '200000' }) +
        request('POST', HTTP_PATHS.signOut, { authorization: `Bearer ${token}` }),
    )
    expect(statuses(read)).toEqual([413])
    expect(platform().server.tokens.expertFor(token, platform().clock.now())).toBe(id)
  })
})
