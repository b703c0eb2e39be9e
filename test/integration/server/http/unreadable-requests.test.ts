import { describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { exchange, exchangeStillSending, jsonOf } from '../../../support/raw-http'
import { useTestPlatform } from '../../../support/test-platform'

describe('a request the platform cannot read as HTTP', () => {
  const platform = useTestPlatform()

  it('gets 400 with a sentence saying so, then the connection closes', async () => {
    for (const head of [
      'HELLO WORLD',
      `FETCH ${HTTP_PATHS.info} HTTP/1.1\r\nHost: 127.0.0.1`,
      `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ten`,
      `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked`,
    ]) {
      const answer = await exchange(platform().server.port, head)
      expect(answer).toMatch(/^HTTP\/1\.1 400 /)
      expect(jsonOf(answer)).toMatchObject({ error: { code: 'invalid_payload', message: /not read/ } })
    }
  })

  it('gets the same when its body breaks off into something unreadable while the platform reads it', async () => {
    const chunked = `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked`
    const broken = await exchange(platform().server.port, chunked, '1\r\n{\r\nzz\r\n')
    expect(broken).toMatch(/^HTTP\/1\.1 400 /)
    expect(jsonOf(broken)).toMatchObject({ error: { code: 'invalid_payload', message: /not read/ } })
    const sprawling = await exchange(platform().server.port, chunked, `1;${'x'.repeat(20_000)}\r\n{\r\n`)
    expect(sprawling).toMatch(/^HTTP\/1\.1 413 /)
    expect(jsonOf(sprawling)).toMatchObject({ error: { code: 'invalid_payload', message: /chunk/ } })
  })

  it('gets 431 with a sentence when its head is larger than the platform reads', async () => {
    const answer = await exchange(
      platform().server.port,
      `GET ${HTTP_PATHS.info} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'x'.repeat(40_000)}`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(jsonOf(answer)).toMatchObject({ error: { code: 'invalid_payload', message: /head/ } })
  })

  it('reaches a client still sending its head when it is refused, rather than a reset', async () => {
    const { heard, errors } = await exchangeStillSending(
      `http://127.0.0.1:${platform().server.port}`,
      `GET ${HTTP_PATHS.info} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'x'.repeat(40_000)}`,
      'x'.repeat(64 * 1024),
    )
    expect(heard).toMatch(/^HTTP\/1\.1 431 /)
    expect(errors).toEqual([])
  })
})

describe('a request that names no Host', () => {
  const platform = useTestPlatform()

  it('gets 400 with a sentence saying to send one, whatever the HTTP version or upgrade', async () => {
    const { port } = platform().server
    for (const head of [
      `GET ${HTTP_PATHS.info} HTTP/1.1`,
      `GET ${HTTP_PATHS.info} HTTP/1.0`,
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ]) {
      const answer = await exchange(port, `${head}\r\nConnection: close`)
      expect(answer).toMatch(/^HTTP\/1\.1 400 /)
      expect(jsonOf(answer)).toMatchObject({
        error: {
          code: 'invalid_payload',
          message: `The request names no Host; send one, as host: 127.0.0.1:${port}.`,
        },
      })
    }
  })
})

describe('a request with an Expect header the platform cannot meet', () => {
  const platform = useTestPlatform()

  it('gets 417 with a sentence naming what to leave out, and the Host rules first', async () => {
    const { port } = platform().server
    const answer = await exchange(
      port,
      `GET ${HTTP_PATHS.info} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: the-moon\r\nConnection: close`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 417 /)
    expect(jsonOf(answer)).toMatchObject({ error: { code: 'invalid_payload', message: /Expect/ } })
    const elsewhere = await exchange(
      port,
      `GET ${HTTP_PATHS.info} HTTP/1.1\r\nHost: evil.example\r\nExpect: the-moon\r\nConnection: close`,
    )
    expect(elsewhere).toMatch(/^HTTP\/1\.1 421 /)
  })
})
