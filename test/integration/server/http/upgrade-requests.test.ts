import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { HTTP_PATHS, PLATFORM_NAME } from '../../../../src/shared/protocol'
import { exchange, exchangeStillSending, jsonOf } from '../../../support/raw-http'
import { useTestPlatform } from '../../../support/test-platform'

/** What curl --http2 sends on an http:// address: an offer to switch to HTTP/2, which a server may ignore. */
const H2C_OFFER =
  'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA'

const WEBSOCKET_OFFER =
  'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='

describe('a request offering to switch protocols where the platform does not switch', () => {
  const platform = useTestPlatform()

  it('is answered as the request it is, the offer ignored, instead of being dropped unanswered', async () => {
    const answer = await exchange(
      platform().server.port,
      `GET ${HTTP_PATHS.info} HTTP/1.1\r\nHost: 127.0.0.1\r\n${H2C_OFFER}`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 200 /)
    expect(jsonOf(answer)).toMatchObject({ platform: PLATFORM_NAME })
  })

  it('gets the 404 of a path nothing answers when it asks for a WebSocket off socket.io’s path', async () => {
    const answer = await exchange(
      platform().server.port,
      `GET /no-such-socket HTTP/1.1\r\nHost: 127.0.0.1\r\n${WEBSOCKET_OFFER}`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 404 /)
    expect(jsonOf(answer)).toMatchObject({ error: { code: 'not_found' } })
  })

  it('is refused with a sentence when it carries a body, which is then not acted on', async () => {
    const handled: string[] = []
    platform().server.io.httpServer.on('request', (req: IncomingMessage) => void handled.push(req.url ?? ''))
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'x' })
    const answer = await exchange(
      platform().server.port,
      `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n${H2C_OFFER}`,
      body,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(jsonOf(answer)).toMatchObject({
      error: { code: 'invalid_payload', message: /Upgrade/ },
    })
    expect(handled).toEqual([])
  })

  it('reaches a client still sending that body with its refusal, rather than a reset', async () => {
    const size = 5 * 64 * 1024
    const { heard, errors } = await exchangeStillSending(
      `http://127.0.0.1:${platform().server.port}`,
      `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${size}\r\n${H2C_OFFER}\r\n\r\n${'x'.repeat(64 * 1024)}`,
      'x'.repeat(64 * 1024),
    )
    expect(heard).toMatch(/^HTTP\/1\.1 400 /)
    expect(errors).toEqual([])
  })
})

describe('a CONNECT request, which asks the platform to act as a proxy', () => {
  const platform = useTestPlatform()

  it('gets 405 with a sentence and is closed, instead of a connection cut without a word', async () => {
    const answer = await exchange(
      platform().server.port,
      'CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443',
    )
    expect(answer).toMatch(/^HTTP\/1\.1 405 /)
    expect(jsonOf(answer)).toMatchObject({ error: { code: 'invalid_payload', message: /proxy/ } })
  })
})
