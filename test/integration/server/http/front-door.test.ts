import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { HTTP_PATHS, PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { ExpertConnection } from '../../../support/expert-connection'
import { useTestPlatform } from '../../../support/test-platform'

/**
 * A GET to the platform's port whose Host header says another name, as a rebound page sends;
 * written by hand so that any Host (and an upgrade) can be sent. Resolves with status and JSON body.
 */
function requestAs(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const lines = Object.entries({ host, connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`)
  return sendHead(port, `GET ${path} HTTP/1.1`, lines)
}

/** Send a request line and header lines exactly as given; resolves with status and JSON body. */
function sendHead(
  port: number,
  requestLine: string,
  lines: ReadonlyArray<string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let text = ''
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`${requestLine}\r\n${lines.join('\r\n')}\r\n\r\n`),
    )
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)
      // The JSON body is one line, whether sent whole or in one chunk.
      resolve({ status, body: text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1) })
    })
  })
}

const upgrade = {
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
}

describe('requests addressed to another name (DNS rebinding)', () => {
  const platform = useTestPlatform()

  it.each([
    ['the API', HTTP_PATHS.info, {}],
    ['an admin endpoint', '/admin/threads?requestId=r&expertId=e', {}],
    ['the socket.io handshake', '/socket.io/?EIO=4&transport=polling', {}],
    ['a socket.io WebSocket upgrade', '/socket.io/?EIO=4&transport=websocket', upgrade],
    ['a room page', '/rooms/ses_1?key=0123456789abcdef0123456789abcdef', {}],
    ['an unknown path', '/nothing', {}],
  ])('get 421 with the address to use on %s', async (_, path, headers) => {
    const { port, adminToken } = platform().server
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1.evil.example:${port}`,
      `127.0.0.1:${port}:1`,
      `[::1]x:${port}`,
      // Ports no connection can have: past the last one, zero, and not a number.
      '127.0.0.1:99999',
      'localhost:65536',
      '[::1]:0',
      '127.0.0.1:',
      '127.0.0.1:44a5',
      '127.0.0.1:+80',
    ]) {
      const answer = await requestAs(port, host, path, { authorization: `Bearer ${adminToken}`, ...headers })
      expect(answer.status).toBe(421)
      expect(JSON.parse(answer.body)).toMatchObject({
        error: {
          message: `This platform answers only to the names it was started with; use http://127.0.0.1:${port}.`,
        },
      })
    }
  })

  it('get 421 when a second Host header or a whole URL in the request line names another host', async () => {
    const { port } = platform().server
    const local = `127.0.0.1:${port}`
    for (const [requestLine, hosts] of [
      [`GET ${HTTP_PATHS.info} HTTP/1.1`, [local, 'evil.example']],
      [`GET ${HTTP_PATHS.info} HTTP/1.1`, [local, local]],
      [`GET http://evil.example${HTTP_PATHS.info} HTTP/1.1`, [local]],
      [`GET http://evil.example/socket.io/?EIO=4&transport=polling HTTP/1.1`, [local]],
      // The host hidden behind a user name, which a reading with URL leaves out.
      [`GET http://evil.example@${local}${HTTP_PATHS.info} HTTP/1.1`, [local]],
    ] as const) {
      const answer = await sendHead(port, requestLine, [
        ...hosts.map((h) => `host: ${h}`),
        'connection: close',
      ])
      expect(answer.status).toBe(421)
    }
    // A whole URL naming this platform is still answered.
    const absolute = await sendHead(port, `GET http://${local}${HTTP_PATHS.info} HTTP/1.1`, [
      `host: ${local}`,
      'connection: close',
    ])
    expect(absolute.status).toBe(200)
  })

  it('answers the loopback names, on any port so that a proxy in front still works', async () => {
    const { port } = platform().server
    const hosts = [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      'localhost:9',
      'localhost:65535',
    ]
    for (const host of hosts) {
      expect((await requestAs(port, host, HTTP_PATHS.info)).status).toBe(200)
    }
    const { token } = platform().addExpert()
    const socket = await ExpertConnection.open(`http://localhost:${port}`, {
      token,
      protocolVersion: PROTOCOL_VERSION,
    })
    expect(socket.welcome.protocolVersion).toBe(PROTOCOL_VERSION)
    socket.socket.close()
  })
})

describe('a request line whose path starts with two slashes', () => {
  const platform = useTestPlatform()

  it('is read as that path, not as another host’s address: refused naming the path it sent', async () => {
    const { port } = platform().server
    const answer = await requestAs(port, `127.0.0.1:${port}`, `/${HTTP_PATHS.info}`)
    expect(answer.status).toBe(404)
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { message: `No endpoint GET /${HTTP_PATHS.info}.` },
    })
    // "//admin/…" is no admin path, and "//x/admin/…" no way around the admin token.
    expect((await requestAs(port, `127.0.0.1:${port}`, '//x/admin/invites/inv_1')).status).toBe(404)
  })
})

describe('requests a web page of another site sends (its Origin says so)', () => {
  const platform = useTestPlatform()
  const foreign = ['http://evil.example', 'null', 'https://evil.example:443', 'http://127.0.0.1.evil.example']

  it.each([
    ['the API', 'GET', HTTP_PATHS.info, {}],
    ['a sign-out', 'POST', HTTP_PATHS.signOut, { 'content-length': '0' }],
    ['the socket.io handshake', 'GET', '/socket.io/?EIO=4&transport=polling', {}],
    ['a socket.io WebSocket upgrade', 'GET', '/socket.io/?EIO=4&transport=websocket', upgrade],
  ])('get 403 with a sentence on %s, and change nothing', async (_, method, path, headers) => {
    const { port } = platform().server
    const { token, id } = platform().addExpert()
    for (const origin of foreign) {
      const lines = Object.entries({
        host: `127.0.0.1:${port}`,
        connection: 'close',
        origin,
        authorization: `Bearer ${token}`,
        ...headers,
      }).map(([k, v]) => `${k}: ${v}`)
      const answer = await sendHead(port, `${method} ${path} HTTP/1.1`, lines)
      expect(answer.status).toBe(403)
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'forbidden', message: /other sites/ } })
    }
    expect(platform().server.tokens.expertFor(token, platform().clock.now())).toBe(id)
  })

  it('logs a refused Origin or Host without a password or token the client put in it', async () => {
    const { port } = platform().server
    const secret = 'Zq8vN2kLp4Rt6Wx9Yb3Hc7Jd5Mf1Gs0Tq2Lw8Kp'
    await requestAs(port, `127.0.0.1:${port}`, HTTP_PATHS.info, {
      origin: `https://alice:${secret}@evil.example`,
    })
    await requestAs(port, `${secret}.evil.example`, HTTP_PATHS.info)
    const refusals = platform()
      .logger.lines.filter((l) => l.includes('request refused'))
      .slice(-2)
    expect(refusals.map((l) => / refused: (.+?) (?:origin|host)=/.exec(l)?.[1])).toEqual([
      'Origin of another site',
      'unknown Host',
    ])
    for (const line of refusals) expect(line).not.toContain(secret.slice(0, 8))
  })

  it('answers a page at the address the request was sent to, and a request with no Origin', async () => {
    const { port } = platform().server
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      const origin = `http://${host.toLowerCase()}`
      expect((await requestAs(port, host, HTTP_PATHS.info, { origin })).status).toBe(200)
    }
    expect((await requestAs(port, `127.0.0.1:${port}`, HTTP_PATHS.info)).status).toBe(200)
  })

  it.each([
    ['the API', HTTP_PATHS.info, {}],
    ['a socket.io WebSocket upgrade', '/socket.io/?EIO=4&transport=websocket', upgrade],
  ])(
    'gets 403 on %s from a page on another port or another loopback name, as a local web server serves',
    async (_, path, headers) => {
      const { port } = platform().server
      for (const origin of [
        'http://localhost:5173',
        `http://127.0.0.1:${port + 1}`,
        'http://[::1]:9',
        `http://localhost:${port}`,
        'http://127.0.0.1',
      ]) {
        const answer = await requestAs(port, `127.0.0.1:${port}`, path, { origin, ...headers })
        expect(answer.status).toBe(403)
        expect(JSON.parse(answer.body)).toMatchObject({
          error: { code: 'forbidden', message: /other addresses .*call it from the Standby app/ },
        })
      }
    },
  )
})

describe('a platform bound to a name', () => {
  const platform = useTestPlatform({ allowedHosts: ['standby.test'] })

  it('answers the names it was given', async () => {
    const { port } = platform().server
    expect((await requestAs(port, `standby.test:${port}`, HTTP_PATHS.info)).status).toBe(200)
    expect((await requestAs(port, `other.test:${port}`, HTTP_PATHS.info)).status).toBe(421)
  })
})

describe('a request carrying two Authorization headers', () => {
  const platform = useTestPlatform()

  it('gets 400 with a sentence and acts on neither, on the API and the admin endpoints', async () => {
    const { port, adminToken } = platform().server
    const { token, id } = platform().addExpert()
    const twice = (path: string, first: string, second: string) =>
      sendHead(port, `POST ${path} HTTP/1.1`, [
        `host: 127.0.0.1:${port}`,
        'connection: close',
        'content-length: 0',
        `authorization: Bearer ${first}`,
        `Authorization: Bearer ${second}`,
      ])
    const signOut = await twice(HTTP_PATHS.signOut, token, 'someone-else')
    expect(signOut.status).toBe(400)
    expect(JSON.parse(signOut.body)).toMatchObject({
      error: { code: 'invalid_payload', message: /more than one Authorization/ },
    })
    expect(platform().server.tokens.expertFor(token, platform().clock.now())).toBe(id)
    const withdraw = await twice('/admin/requests/req_x/withdraw', adminToken, 'wrong')
    expect(withdraw.status).toBe(400)
    expect(platform().logger.lines.join('\n')).toContain(
      'request refused: more than one Authorization header',
    )
  })
})
