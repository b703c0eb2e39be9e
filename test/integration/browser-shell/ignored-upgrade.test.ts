/**
 * A request that offers to switch to a protocol the shell does not speak ("Upgrade: h2c", as
 * `curl --http2` sends) is still an HTTP/1.1 request, and is answered as one; only a WebSocket
 * upgrade is the IPC socket's to accept or refuse.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rawExchange } from '../../support/raw-http'
import { startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell()
})
afterAll(() => bare.close())

/** What the shell answers to `text` on a fresh connection, once it has closed it. */
const answerTo = (text: string): Promise<string> => rawExchange(bare.shell.origin, text)

it('answers a page asked for with an offer of HTTP/2 as the HTTP/1.1 request it also is', async () => {
  const { host } = new URL(bare.shell.origin)
  const answer = await answerTo(
    `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n` +
      'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n',
  )
  expect(answer).toMatch(/^HTTP\/1\.1 200 /)
  expect(answer).toContain('<title>Standby</title>')
  expect(answer.toLowerCase()).toContain('content-security-policy:')
})

it('refuses such a request that carries a body, saying to send it without the Upgrade header', async () => {
  const { host } = new URL(bare.shell.origin)
  const answer = await answerTo(
    `POST / HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 2\r\n\r\n{}`,
  )
  expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  expect(answer).toContain('without the Upgrade header')
})

it('still refuses a WebSocket off the IPC socket’s path, and serves the next request', async () => {
  const { host } = new URL(bare.shell.origin)
  const answer = await answerTo(
    `GET / HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${bare.shell.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  )
  expect(answer).toMatch(/^HTTP\/1\.1 403 /)
  expect((await fetch(`${bare.shell.origin}/`)).status).toBe(200)
})
