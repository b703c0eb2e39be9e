import { describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { hostCheck } from '../../../../server/src/http/host-check'
import { useTestPlatform } from '../../../support/test-platform'
import { exchange, jsonOf } from '../../../support/raw-http'

/** The status and JSON body of a GET to `path` written by hand with `host` and `headers`. */
async function requestAs(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const lines = Object.entries({ host, connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`)
  const answer = await exchange(port, [`GET ${path} HTTP/1.1`, ...lines].join('\r\n'))
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0),
    body: answer.includes('{') ? jsonOf(answer) : null,
  }
}

// The forms an Origin can take that name the platform's own address or only look like it: a
// browser sends one serialized form, so anything else is another page or no browser at all.
describe('an Origin that looks like the address the request was sent to', () => {
  const platform = useTestPlatform()

  it('gets 403 as an https page at the platform’s own plain http address', async () => {
    const { port } = platform().server
    const upgrade = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' }
    for (const [path, headers] of [
      [HTTP_PATHS.info, {}],
      [
        '/socket.io/?EIO=4&transport=websocket',
        { ...upgrade, 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      ],
    ] as const) {
      const origin = `https://127.0.0.1:${port}`
      const answer = await requestAs(port, `127.0.0.1:${port}`, path, { origin, ...headers })
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ error: { code: 'forbidden' } })
    }
  })

  it('gets 403 in every form a browser does not send, and 200 in the one it does', async () => {
    const { port } = platform().server
    const at = (origin: string, host = `127.0.0.1:${port}`) =>
      requestAs(port, host, HTTP_PATHS.info, { origin }).then((a) => a.status)
    for (const origin of [
      `HTTP://127.0.0.1:${port}`,
      `http://127.0.0.1.:${port}`,
      `http://user@127.0.0.1:${port}`,
      `http://127.0.0.1:${port}/`,
      `http://127.0.0.1:${port}, http://127.0.0.1:${port}`,
      `http://127.0.0.1:0${port}`,
      `ws://127.0.0.1:${port}`,
      '',
    ])
      expect(await at(origin), origin).toBe(403)
    // Two Origin lines, the platform's own first: Node joins them, and a proxy may act on the last.
    const twice = await exchange(
      port,
      [`GET ${HTTP_PATHS.info} HTTP/1.1`, `host: 127.0.0.1:${port}`, `origin: http://127.0.0.1:${port}`]
        .concat(['origin: http://evil.example', 'connection: close'])
        .join('\r\n'),
    )
    expect(twice).toMatch(/^HTTP\/1\.1 403 /)
    expect(await at(`http://[::1]:${port}`, `[0:0::1]:${port}`)).toBe(421)
    expect(await at(`http://127.0.0.1:${port}`)).toBe(200)
  })
})

describe('the Origin check of a platform reached at a default port', () => {
  const hosts = hostCheck('127.0.0.1', 80, ['standby.test'])

  it('answers only an http page where the Host names no port and the platform listens on the http port', () => {
    expect(hosts.allowsOrigin('http://127.0.0.1', '127.0.0.1', 80)).toBe(true)
    expect(hosts.allowsOrigin('http://127.0.0.1:80', '127.0.0.1:80', 80)).toBe(false)
    expect(hosts.allowsOrigin('http://127.0.0.1', '127.0.0.1:80', 80)).toBe(true)
    expect(hosts.allowsOrigin('https://127.0.0.1', '127.0.0.1', 80)).toBe(false)
    expect(hosts.allowsOrigin('https://127.0.0.1:80', '127.0.0.1:80', 80)).toBe(false)
  })

  it('reads a port in the Host written with leading zeros as the port it names', () => {
    const at = hostCheck('127.0.0.1', 4455)
    expect(at.allowsOrigin('http://127.0.0.1:4455', '127.0.0.1:04455', 4455)).toBe(true)
    expect(at.allowsOrigin('https://127.0.0.1:4455', '127.0.0.1:04455', 4455)).toBe(false)
    expect(at.allowsOrigin('http://127.0.0.1:4456', '127.0.0.1:04455', 4455)).toBe(false)
  })

  it('answers an https page through a proxy in front that keeps the Host', () => {
    expect(hosts.allowsOrigin('https://standby.test', 'standby.test', 4455)).toBe(true)
    expect(hosts.allowsOrigin('https://standby.test:8443', 'standby.test:8443', 4455)).toBe(true)
    expect(hosts.allowsOrigin('https://standby.test', 'standby.test:8443', 4455)).toBe(false)
  })
})
