/**
 * The refusals the shell writes to a connection itself, where no route answers (a request Node
 * cannot read, one too slow, an IPC handshake from anything but its own page), carry the headers
 * every page answer carries and a sentence saying what was wrong, as the routes' refusals do.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { IPC_SOCKET_PATH } from '../../../src/shared/ipc/shell-socket'
import { exchangeStillSending, rawExchange } from '../../support/raw-http'
import { startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell({
    httpTimeouts: { headersMs: 300, requestMs: 600, answerMs: 30_000, checkEveryMs: 50 },
  })
})
afterAll(() => bare.close())

/** What the shell answers to `text` on a fresh connection, once it has closed it. */
const answerTo = (text: string): Promise<string> => rawExchange(bare.shell.origin, text)

/** The head and body of a raw answer, its header names in lower case. */
function parsed(answer: string): { status: string; headers: Map<string, string>; body: string } {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  const [status = '', ...lines] = head.split('\r\n')
  const headers = new Map(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  )
  return { status, headers, body }
}

it('answers each refusal it writes itself as plain text with the page headers and a sentence', async () => {
  const { host } = new URL(bare.shell.origin)
  const handshake =
    'Connection: Upgrade\r\nUpgrade: websocket\r\n' +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n`
  const cases = [
    { text: `GET / HTTP/1.1\r\nHost: ${host}\r\nBad Header\r\n\r\n`, status: 400 },
    { text: `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431 },
    { text: `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `, status: 408 },
    {
      text: `GET ${IPC_SOCKET_PATH}?secret=${bare.shell.secret} HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://evil.example\r\n${handshake}\r\n`,
      status: 403,
    },
  ]
  for (const { text, status } of cases) {
    const answer = parsed(await answerTo(text))
    expect(answer.status).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `))
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    expect(answer.headers.get('x-frame-options')).toBe('DENY')
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(answer.body.length).toBeGreaterThan(10)
  }
  expect((await fetch(`${bare.shell.origin}/`)).status).toBe(200)
})

it('lets a client still sending when it is refused read the refusal, rather than meet a reset', async () => {
  const { host } = new URL(bare.shell.origin)
  const head = `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}`
  const { heard, errors } = await exchangeStillSending(bare.shell.origin, head, 'a'.repeat(64 * 1024))
  expect(parsed(heard).status).toMatch(/^HTTP\/1\.1 431 /)
  expect(errors).toEqual([])
})
