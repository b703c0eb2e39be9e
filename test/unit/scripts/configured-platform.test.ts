import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { configuredPlatform, embeddedPortTaken, probePlatform } from '../../../scripts/configured-platform'
import { startPlatformServer } from '../../../server/src/platform-server'
import { useTempDirs } from '../../support/temp-dir'
import { PROTOCOL_VERSION, PLATFORM_NAME } from '../../../src/shared/protocol/handshake'
import { FIXTURE_NOW } from '../../support/fixtures'

const tempDir = useTempDirs()
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** A loopback server answering every request with `body`; its base URL. */
async function serve(status: number, body: string): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(status).end(body))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<string> {
  const url = await serve(200, '')
  const server = servers.pop()
  await new Promise((resolve) => server?.close(resolve))
  return url
}

describe('the platform npm start is pointed at', () => {
  it('is the embedded one when the variable is unset or blank', () => {
    expect(configuredPlatform(undefined, 'STANDBY_PLATFORM_URL')).toEqual({ kind: 'embedded' })
    expect(configuredPlatform('  ', 'STANDBY_PLATFORM_URL')).toEqual({ kind: 'embedded' })
  })

  it('is taken as sign-in would take it', () => {
    expect(configuredPlatform('localhost:4455/', 'STANDBY_PLATFORM_URL')).toEqual({
      kind: 'named',
      url: 'http://localhost:4455',
    })
  })

  it('stops the start naming the variable and the reason when sign-in would refuse it, without echoing a password', () => {
    const credentials = configuredPlatform('https://ada:hunter2@platform.example.com', 'STANDBY_PLATFORM_URL')
    expect(credentials).toMatchObject({ kind: 'refused' })
    const line = credentials.kind === 'refused' ? credentials.line : ''
    expect(line).toMatch(/^STANDBY_PLATFORM_URL cannot be used: .*user name or password/)
    expect(line).toContain('unset it to run the embedded reference platform')
    expect(line).not.toContain('hunter2')
    expect(configuredPlatform('http://platform.example.com', '--platform-url')).toMatchObject({
      kind: 'refused',
      line: expect.stringMatching(/^--platform-url cannot be used: .*https:\/\/platform\.example\.com/),
    })
  })

  it('says nothing more when a Standby platform answers there', async () => {
    const info = { platform: PLATFORM_NAME, protocolVersion: PROTOCOL_VERSION, serverTime: FIXTURE_NOW }
    expect(await probePlatform(await serve(200, JSON.stringify(info)), 'STANDBY_PLATFORM_URL')).toBeNull()
  })

  it('says in one line when nothing answers there, and how to start one', async () => {
    const url = await closedPort()
    const line = await probePlatform(url, 'STANDBY_PLATFORM_URL')
    expect(line).toBe(
      `Nothing answers at ${url} (from STANDBY_PLATFORM_URL): connection refused. Start it ` +
        '(`npm run server -- --seed`) or unset STANDBY_PLATFORM_URL to run the embedded platform; Standby starts anyway.',
    )
  })

  it('says in one line when another kind of server answers there', async () => {
    const url = await serve(404, '<html>Not found</html>')
    expect(await probePlatform(url, 'STANDBY_PLATFORM_URL')).toMatch(
      new RegExp(
        `^${url.replaceAll('.', '\\.')} \\(from STANDBY_PLATFORM_URL\\) answered, but not as a Standby platform \\(HTTP 404\\)\\.`,
      ),
    )
  })

  it('says in one line that something answered, not that nothing answers, when it breaks off or speaks no https', async () => {
    const url = 'http://127.0.0.1:4455'
    const brokeOff = (): Promise<Response> => {
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.error(new TypeError('terminated')),
      })
      return Promise.resolve(new Response(body, { status: 200 }))
    }
    const plainHttp = (): Promise<Response> =>
      Promise.reject(
        new TypeError('fetch failed', { cause: Object.assign(new Error('EPROTO'), { code: 'EPROTO' }) }),
      )
    for (const [fetchImpl, says] of [
      [brokeOff, /began to answer, but the connection broke/],
      [plainHttp, /does not answer over https\./],
    ] as const) {
      const line = await probePlatform(url, 'STANDBY_PLATFORM_URL', fetchImpl as typeof fetch)
      expect(line).toMatch(says)
      expect(line).not.toMatch(/Nothing answers/)
    }
  })

  it('says in one line when something began to answer there and did not finish in time, not that nothing answers', async () => {
    const url = 'http://127.0.0.1:4455'
    // Headers came, then the body ran out of time, as a server that trickles its answer does.
    const trickling = (): Promise<Response> => {
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.error(new DOMException('The operation timed out.', 'TimeoutError')),
      })
      return Promise.resolve(new Response(body, { status: 200 }))
    }
    const line = await probePlatform(url, 'STANDBY_PLATFORM_URL', trickling as typeof fetch)
    expect(line).toMatch(
      /^http:\/\/127\.0\.0\.1:4455 \(from STANDBY_PLATFORM_URL\) began to answer, but its answer did not all arrive within 3 s/,
    )
    expect(line).toContain('unset STANDBY_PLATFORM_URL')
  })

  it('says so when the embedded platform cannot have its port, and how to use what holds it', async () => {
    const url = await serve(200, '')
    const port = Number(new URL(url).port)
    // The start tells this case apart by the error's code, and starts on a free port instead.
    await expect(
      startPlatformServer({
        port,
        dbPath: join(tempDir(), 'platform.db'),
        logger: { info: () => {}, warn: () => {}, error: () => {} },
      }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' })
    expect(embeddedPortTaken(4455)).toBe(
      'Port 4455 is taken (by `npm run server`? `STANDBY_PLATFORM_URL=http://127.0.0.1:4455 npm start` uses ' +
        'that platform), so the embedded platform runs on a free port.',
    )
  })
})
