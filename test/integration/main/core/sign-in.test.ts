import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalizePlatformUrl, signIn } from '../../../../src/main/core/auth/sign-in'
import { HTTP_PATHS, PLATFORM_NAME, PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { useTestPlatform } from '../../../support/test-platform'
import { addExpert } from '../../../support/expert-with-password'
import { startPathProxy } from '../../../support/path-proxy'

describe('normalizePlatformUrl', () => {
  it('accepts what people type and refuses what is not a web address', () => {
    expect(normalizePlatformUrl('localhost:4455')).toBe('http://localhost:4455')
    expect(normalizePlatformUrl(' https://platform.example.com/ ')).toBe('https://platform.example.com')
    expect(normalizePlatformUrl('ftp://example.com')).toBeNull()
    expect(normalizePlatformUrl('')).toBeNull()
  })
})

describe('signIn', () => {
  const platform = useTestPlatform()
  let htmlServer: ReturnType<typeof createServer>
  let htmlUrl: string
  let closedUrl: string

  beforeAll(async () => {
    await addExpert(platform().server.marketplace, { name: 'Ada', email: 'ada@example.test' })
    htmlServer = createServer((_req, res) => res.end('<html>Welcome to my blog</html>'))
    await new Promise<void>((resolve) => htmlServer.listen(0, '127.0.0.1', resolve))
    htmlUrl = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}`
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise<void>((resolve) => closed.close(() => resolve()))
  })
  afterAll(() => new Promise<void>((resolve) => htmlServer.close(() => resolve())))

  it('returns a token and the expert for the right password', async () => {
    const outcome = await signIn(platform().server.url, 'ada@example.test', 'right')
    expect(outcome).toMatchObject({ ok: true, expert: { name: 'Ada' }, platformUrl: platform().server.url })
  })

  it('says the password is wrong', async () => {
    expect(await signIn(platform().server.url, 'ada@example.test', 'wrong')).toEqual({
      ok: false,
      reason: 'wrong_credentials',
      message: 'Wrong email or password.',
    })
  })

  it('passes on how long to wait after too many wrong passwords', async () => {
    for (let i = 0; i < 5; i++) await signIn(platform().server.url, 'ada@example.test', 'wrong')
    expect(await signIn(platform().server.url, 'ada@example.test', 'right')).toEqual({
      ok: false,
      reason: 'failed',
      message: 'Too many failed sign-ins for this account; try again in 1 second.',
    })
    platform().clock.advance(1_000)
    expect(await signIn(platform().server.url, 'ada@example.test', 'right')).toMatchObject({ ok: true })
  })

  it('says the platform is unreachable, naming the address', async () => {
    const outcome = await signIn(closedUrl, 'ada@example.test', 'right')
    expect(outcome).toMatchObject({ ok: false, reason: 'unreachable' })
    expect(!outcome.ok && outcome.message).toContain(closedUrl)
    expect(!outcome.ok && outcome.message).toContain('connection refused')
  })

  it('says when the server is not a Standby platform', async () => {
    expect(await signIn(htmlUrl, 'ada@example.test', 'right')).toMatchObject({
      ok: false,
      reason: 'not_a_platform',
    })
  })

  it('names the address with its path cut back where the platform answers, and only where one does', async () => {
    const root = platform().server.url
    const proxy = await startPathProxy(platform().server.port, '/standby')
    try {
      for (const [typed, answers] of [
        [`${root}/dashboard`, root],
        [`${root}/experts/ada?tab=sessions#top`, root],
        [`${proxy.url}/dashboard`, proxy.url],
        [`${proxy.url}/a/b/c/d/e`, null],
      ] as const) {
        const outcome = await signIn(typed, 'ada@example.test', 'right')
        const message = outcome.ok ? '' : outcome.message
        if (answers === null) expect(message, typed).toMatch(/not a Standby platform\. Check the address\.$/)
        else
          expect(message, typed).toMatch(
            new RegExp(
              `the platform answers at ${answers}, without the rest of the path\\. Sign in with ${answers}\\.$`,
            ),
          )
      }
    } finally {
      await proxy.close()
    }
    // Nothing with a shorter path is a platform either: no address is suggested.
    const elsewhere = await signIn(`${htmlUrl}/dashboard`, 'ada@example.test', 'right')
    expect(elsewhere.ok ? '' : elsewhere.message).toBe(
      `${htmlUrl}/dashboard answered, but it is not a Standby platform. Check the address.`,
    )
  })

  it('says a platform’s clock is wrong when it reads a year no working platform’s clock reads, before sending the password', async () => {
    for (const [serverTime, reads] of [
      [Date.UTC(1970, 0, 1), /clock reads the year 1970/],
      [Date.UTC(2300, 5, 1), /clock reads the year 2300/],
      [Date.UTC(2150, 5, 1), /clock reads the year 2150/],
      [Date.UTC(2010, 5, 1), /clock reads the year 2010/],
      [1e300, /clock reads an impossible time/],
    ] as const) {
      const sent: string[] = []
      const platformWithWrongClock: typeof fetch = async (input) => {
        sent.push(String(input))
        return Response.json({ platform: PLATFORM_NAME, protocolVersion: PROTOCOL_VERSION, serverTime })
      }
      const outcome = await signIn(platform().server.url, 'ada@example.test', 'right', platformWithWrongClock)
      expect(outcome).toMatchObject({ ok: false, reason: 'failed' })
      expect(!outcome.ok && outcome.message).toMatch(reads)
      expect(!outcome.ok && outcome.message).toMatch(/is a Standby platform.*set its clock right/)
      expect(sent).toEqual([`${platform().server.url}${HTTP_PATHS.info}`])
    }
  })

  it('signs in to a platform whose clock reads a fraction of a millisecond: the time is right, only finer', async () => {
    const fractional: typeof fetch = async (input, init) => {
      if (!String(input).endsWith(HTTP_PATHS.info)) return fetch(input, init)
      const serverTime = platform().clock.now() + 0.25
      return Response.json({ platform: PLATFORM_NAME, protocolVersion: PROTOCOL_VERSION, serverTime })
    }
    expect(await signIn(platform().server.url, 'ada@example.test', 'right', fractional)).toMatchObject({
      ok: true,
    })
  })

  it('signs in at the address a WebSocket address or a scheme without its colon names', async () => {
    const { port } = platform().server
    for (const typed of [
      `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`,
      `http//127.0.0.1:${port}`,
    ]) {
      expect(await signIn(typed, 'ada@example.test', 'right'), typed).toMatchObject({
        ok: true,
        platformUrl: `http://127.0.0.1:${port}`,
      })
    }
  })

  it('refuses plain http to another computer before sending the password, and says to use https', async () => {
    const sent: string[] = []
    const recordingFetch: typeof fetch = (input) => {
      sent.push(String(input))
      return Promise.reject(new Error('nothing should be sent'))
    }
    const outcome = await signIn('http://platform.example.com', 'ada@example.test', 'right', recordingFetch)
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(outcome.ok ? '' : outcome.message).toContain('use https://platform.example.com')
    expect(sent).toEqual([])
  })

  it('refuses an address that is not a web address', async () => {
    expect(await signIn('mailto:ada@example.test', 'ada@example.test', 'right')).toMatchObject({
      ok: false,
      reason: 'invalid_input',
    })
  })
})

describe('signIn against a server that is not what it seems', () => {
  const platform = useTestPlatform()
  const servers: Server[] = []
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    const server = createServer(handler)
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  /** A server that records what reaches it, and answers as a platform would. */
  async function elsewhere(): Promise<{ url: string; received: string[] }> {
    const received: string[] = []
    const url = await serve((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push(`${req.method ?? ''} ${req.url ?? ''} ${body}`)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    return { url, received }
  }

  it('does not follow the sign-in sent on elsewhere: the password stays, and it says where it pointed', async () => {
    const other = await elsewhere()
    const info = await (await fetch(`${platform().server.url}${HTTP_PATHS.info}`)).text()
    const redirecting = await serve((req, res) => {
      if (req.url === HTTP_PATHS.info)
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(info)
      res.writeHead(307, { location: `${other.url}/collect` }).end()
    })
    const outcome = await signIn(redirecting, 'ada@example.test', 'hunter2')
    expect(other.received).toEqual([])
    expect(outcome).toEqual({
      ok: false,
      reason: 'failed',
      message: `${redirecting} answered the sign-in by sending it on to ${other.url}/collect, so Standby did not send your password there. If that is your platform, sign in with its address.`,
    })
  })

  it('does not follow an address that sends it on elsewhere, and names where to', async () => {
    const other = await elsewhere()
    const moved = await serve((_req, res) => res.writeHead(301, { location: `${other.url}/api/info` }).end())
    const outcome = await signIn(moved, 'ada@example.test', 'hunter2')
    expect(other.received).toEqual([])
    expect(outcome).toMatchObject({ ok: false, reason: 'not_a_platform' })
    expect(outcome.ok ? '' : outcome.message).toContain(`sent Standby on to ${other.url} instead`)
  })

  it('says an address that sends Standby back to itself loops, rather than to sign in with that same address', async () => {
    const info = await (await fetch(`${platform().server.url}${HTTP_PATHS.info}`)).text()
    let loopAt = ''
    const looping = await serve((req, res) =>
      res.writeHead(302, { location: `${loopAt}${req.url ?? ''}` }).end(),
    )
    loopAt = looping
    const signInLoops = await serve((req, res) => {
      if (req.url === HTTP_PATHS.info)
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(info)
      res.writeHead(307, { location: req.url ?? '/' }).end()
    })
    for (const [address, status] of [
      [looping, 302],
      [`${looping}/`, 302],
      [signInLoops, 307],
    ] as const) {
      const outcome = await signIn(address, 'ada@example.test', 'hunter2')
      expect(outcome, address).toMatchObject({
        ok: false,
        message: `${address.replace(/\/$/, '')} redirects Standby in a loop, back to the address it asked (HTTP ${status}). Something in front of the platform is set up wrongly: if this goes on, tell whoever runs the platform.`,
      })
    }
    // Sent to the home page of the same computer is no loop: what answers there is no platform.
    const home = await serve((_req, res) => res.writeHead(302, { location: '/' }).end())
    const homeBound = await signIn(home, 'ada@example.test', 'hunter2')
    expect(homeBound.ok ? '' : homeBound.message).toBe(
      `${home} sent Standby on to ${home} instead of answering. If that is your platform, sign in with its address; otherwise check the address.`,
    )
    // Sent on to the same computer over https is no loop: that is the address to sign in with.
    const upgrading = await serve((req, res) =>
      res.writeHead(301, { location: `${looping.replace('http:', 'https:')}${req.url ?? ''}` }).end(),
    )
    const upgraded = await signIn(upgrading, 'ada@example.test', 'hunter2')
    expect(upgraded.ok ? '' : upgraded.message).toMatch(
      /sent Standby on to https:\/\/127\.0\.0\.1:\d+ instead/,
    )
  })

  it('names a redirect’s platform address as the expert would type it: no path asked, no password, cut with an ellipsis', async () => {
    const told = async (location: string) => {
      const moved = await serve((_req, res) => res.writeHead(301, { location }).end())
      const outcome = await signIn(moved, 'ada@example.test', 'hunter2')
      return outcome.ok ? '' : outcome.message
    }
    const plain = await told('https://ada:secret@platform.example/standby/api/info')
    expect(plain).toContain('sent Standby on to https://platform.example/standby instead')
    expect(plain).not.toMatch(/secret|api\/info/)
    const long = await told(`https://platform.example/${'a'.repeat(400)}`)
    expect(long).toMatch(/sent Standby on to https:\/\/platform\.example\/a+… instead/)
  })

  it('does not advise signing in with a redirect’s plain http address on another computer', async () => {
    // A proxy ending https in front of a platform that writes its own redirects in http: signing in
    // there would only be refused for plain http, sending the expert back to the address typed.
    const downgrading = await serve((_req, res) =>
      res.writeHead(301, { location: 'http://platform.example/api/info' }).end(),
    )
    const outcome = await signIn(downgrading, 'ada@example.test', 'hunter2')
    expect(outcome).toMatchObject({ ok: false, reason: 'not_a_platform' })
    const message = outcome.ok ? '' : outcome.message
    expect(message).toContain('sent Standby on to http://platform.example,')
    expect(message).toMatch(/plain http, which Standby does not use to reach another computer/)
    expect(message).not.toMatch(/sign in with/)
  })

  it('passes on a refusal’s sentence only as one line of text of a bounded length', async () => {
    const info = await (await fetch(`${platform().server.url}${HTTP_PATHS.info}`)).text()
    const refusing = (status: number, message: unknown) =>
      serve((req, res) => {
        if (req.url === HTTP_PATHS.info)
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(info)
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message } }))
      })
    expect(await signIn(await refusing(429, { wait: 60 }), 'ada@example.test', 'right')).toEqual({
      ok: false,
      reason: 'failed',
      message: 'Too many sign-in attempts; wait a minute before trying again.',
    })
    const long = await signIn(
      await refusing(400, `Bad\n\u001b[31memail ${'x'.repeat(100_000)}`),
      'ada@example.test',
      'r',
    )
    expect(long).toMatchObject({
      ok: false,
      reason: 'invalid_input',
      message: expect.stringMatching(/^Bad \[31memail x+…$/),
    })
    expect(long.ok ? 0 : long.message.length).toBeLessThan(1_000)
  })

  it('says an https address is answered in plain http, and a server hung up, with what to type instead', async () => {
    const plain = await serve((_req, res) => res.end('{}'))
    const overHttps = await signIn(plain.replace('http://', 'https://'), 'ada@example.test', 'right')
    expect(overHttps).toMatchObject({ ok: false, reason: 'unreachable' })
    expect(overHttps.ok ? '' : overHttps.message).toMatch(
      /^https:\/\/\S+ does not answer over https\..*reached with http:\/\//,
    )
    expect(overHttps.ok ? '' : overHttps.message).not.toMatch(/Could not reach/)
    const hangingUp = createNetServer((socket) => socket.once('data', () => socket.destroy()))
    await new Promise<void>((resolve) => hangingUp.listen(0, '127.0.0.1', resolve))
    const hungUp = await signIn(
      `http://127.0.0.1:${(hangingUp.address() as AddressInfo).port}`,
      'ada@example.test',
      'right',
    )
    await new Promise<void>((resolve) => hangingUp.close(() => resolve()))
    expect(hungUp).toMatchObject({ ok: false, reason: 'unreachable' })
    expect(hungUp.ok ? '' : hungUp.message).toMatch(/hung up without answering.*reached with https:\/\//)
  })

  it('stops reading an answer that never ends at a bound, hangs up, and says it is not a platform', async () => {
    let hungUp!: () => void
    const hangUp = new Promise<void>((resolve) => (hungUp = resolve))
    let sent = 0
    const endless = await serve((_req, res) => {
      res.on('close', hungUp)
      res.writeHead(200, { 'content-type': 'application/json' })
      // JSON whitespace, forever: no value ever comes.
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const more = (): void => {
        do sent += chunk.length
        while (res.write(chunk))
        res.once('drain', more)
      }
      more()
    })
    expect(await signIn(endless, 'ada@example.test', 'right')).toMatchObject({
      ok: false,
      reason: 'not_a_platform',
    })
    await hangUp
    // What the app took in, plus what the two ends' socket buffers held: nowhere near what the
    // server could have sent before the sign-in's timeout.
    expect(sent).toBeLessThan(16 * 1024 * 1024)
  })
})
