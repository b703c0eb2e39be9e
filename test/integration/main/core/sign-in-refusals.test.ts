import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../../../../src/main/core/auth/sign-in'
import { verifyPassword } from '../../../../server/src/auth'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { startBannerServer } from '../../../support/banner-server'
import { useTestPlatform } from '../../../support/test-platform'

/** What no expert should ever read: a bare status, a protocol word, an object printed as text. */
const RAW = /\bHTTP\b|\b[1-5]\d\d\b|\[object|undefined|null|\{|</

describe('every refusal of a sign-in reaches the expert as a sentence, and is sent once', () => {
  const platform = useTestPlatform()
  let server: Server
  let url: string
  let answer: (res: ServerResponse) => void = (res) => res.end()
  let signIns = 0
  let infoAnswer: ((res: ServerResponse) => void) | undefined

  beforeAll(async () => {
    const info = await (await fetch(`${platform().server.url}${HTTP_PATHS.info}`)).text()
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === HTTP_PATHS.info && infoAnswer !== undefined) return infoAnswer(res)
      if (req.url === HTTP_PATHS.info)
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(info)
      signIns += 1
      req.resume()
      req.on('end', () => answer(res))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  const page =
    (status: number, headers: Record<string, string> = {}) =>
    (res: ServerResponse) =>
      res
        .writeHead(status, { 'content-type': 'text/html', ...headers })
        .end(`<html><h1>${status}</h1></html>`)
  const json =
    (status: number, body: unknown, headers: Record<string, string> = {}) =>
    (res: ServerResponse) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))

  /** An answer whose headers say it is compressed, with a body that is not. */
  const damaged = (encoding: string) => (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end('{"ok":1}')

  /**
   * A sign-in whose platform check `respond`s: what it ended as, its sentence with the address
   * written "the platform", and how many sign-ins reached the server.
   */
  async function signInChecked(respond: (res: ServerResponse) => void) {
    infoAnswer = respond
    const before = signIns
    const outcome = await signIn(url, 'ada@example.test', 'right')
    infoAnswer = undefined
    const message = outcome.ok ? '' : outcome.message.replace(url, 'the platform')
    return { outcome, message, sent: signIns - before }
  }

  const cases: ReadonlyArray<[string, (res: ServerResponse) => void, RegExp]> = [
    [
      'a proxy’s 429 with Retry-After in seconds',
      (res) => res.writeHead(429, { 'retry-after': '120' }).end(),
      /^Too many sign-in attempts; try again in 2 minutes\.$/,
    ],
    [
      'a 503 page with Retry-After as a date',
      // The date is taken as the answer is made: one taken when the table is built is seconds
      // older by the time a busy machine runs the case.
      (res) => page(503, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() })(res),
      /is busy or down for maintenance; try again in (29|30|31) seconds\.$/,
    ],
    [
      'a 503 page with Retry-After as a date, from a server whose clock is two hours ahead of this computer’s',
      (res) =>
        page(503, {
          date: new Date(Date.now() + 2 * 3_600_000).toUTCString(),
          'retry-after': new Date(Date.now() + 2 * 3_600_000 + 30_000).toUTCString(),
        })(res),
      /is busy or down for maintenance; try again in (29|30|31) seconds\.$/,
    ],
    ['a 503 with no wait named', page(503), /is busy or down for maintenance; try again in a few minutes\.$/],
    [
      'a gateway’s 502 page',
      page(502),
      /could not get an answer from the platform.*try again in a minute\.$/,
    ],
    [
      'a gateway’s 504 in plain text',
      (res) => res.writeHead(504).end('Gateway Timeout'),
      /could not get an answer/,
    ],
    [
      'a 500 whose message is an object',
      json(500, { error: { message: { text: 'x' } } }),
      /ran into a problem/,
    ],
    ['a web page that says OK', page(200), /web page or other text, not as a Standby platform/],
    ['a login page of a proxy', page(401), /web page or other text/],
    [
      'a gateway’s JSON 401 of its own',
      json(401, { message: 'Unauthorized', status: 401 }),
      /asked for a sign-in of its own.*Your Standby password was not checked\.$/,
    ],
    [
      'a JSON 401 with another code',
      json(401, { error: { code: 'invalid_token', message: 'Bearer token required' } }),
      /a proxy or gateway in front of the platform/,
    ],
    ['a firewall’s page refusing the request', page(400), /web page or other text/],
    [
      'an answer far too large',
      (res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000000' }).end(),
      /far more than a sign-in holds/,
    ],
    ['JSON that is not a sign-in', json(200, { ok: true }), /in a form Standby cannot read/],
    [
      'an answer said to be gzip-compressed that is not',
      damaged('gzip'),
      /answered the sign-in, but its answer arrived damaged \(Z_DATA_ERROR\).*Try again; if it keeps happening/,
    ],
    [
      'an answer said to be brotli-compressed that is not',
      damaged('br'),
      /answered the sign-in, but its answer arrived damaged \(ERR_\w+\).*Try again; if it keeps happening/,
    ],
  ]

  for (const [what, respond, says] of cases) {
    it(`says what happened and what to do after ${what}`, async () => {
      answer = respond
      const before = signIns
      const outcome = await signIn(url, 'ada@example.test', 'right')
      expect(outcome.ok).toBe(false)
      const message = outcome.ok ? '' : outcome.message.replace(url, 'the platform')
      expect(message).toMatch(says)
      expect(message).not.toMatch(RAW)
      expect(signIns - before).toBe(1)
    })
  }

  it('says a platform restarting behind its proxy is not there yet, rather than the wrong address', async () => {
    for (const [respond, says] of [
      [page(502), /could not get an answer from the platform.*try again in a minute\.$/],
      [page(503, { 'retry-after': '45' }), /is busy or down for maintenance; try again in 45 seconds\.$/],
    ] as const) {
      infoAnswer = respond
      const before = signIns
      const outcome = await signIn(url, 'ada@example.test', 'right')
      infoAnswer = undefined
      const message = outcome.ok ? '' : outcome.message.replace(url, 'the platform')
      expect(message).toMatch(says)
      expect(message).not.toMatch(RAW)
      // The password was not sent to an address that is not answering as a platform.
      expect(signIns - before).toBe(0)
    }
  })

  it('says a platform check whose answer arrived damaged was reached, not unreachable, and sends no password', async () => {
    const { outcome, message, sent } = await signInChecked(damaged('gzip'))
    expect(outcome).toMatchObject({ ok: false, reason: 'failed' })
    expect(message).toMatch(/^the platform answered, but its answer arrived damaged \(Z_DATA_ERROR\)/)
    expect(message).not.toMatch(/Could not reach/)
    expect(message).not.toMatch(RAW)
    expect(sent).toBe(0)
  })

  /** An answer whose status and headers come, then a part of its body, then the connection breaks. */
  const cutShort = (res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' })
    res.write('{"protocolVersion":', () => res.socket?.destroy())
  }

  it('says a platform check whose answer broke off part way was reached, not unreachable, and sends no password', async () => {
    const { outcome, message, sent } = await signInChecked(cutShort)
    expect(outcome).toMatchObject({ ok: false, reason: 'unreachable' })
    expect(message).toMatch(
      /^the platform began to answer, but the connection broke before its answer was complete.*Try again/,
    )
    expect(message).not.toMatch(/Could not reach|without answering|https:\/\/|UND_ERR/)
    expect(message).not.toMatch(RAW)
    expect(sent).toBe(0)
  })

  it('says a sign-in whose answer broke off part way was answered, once, without trying again', async () => {
    answer = cutShort
    const before = signIns
    const outcome = await signIn(url, 'ada@example.test', 'right')
    expect(outcome).toMatchObject({ ok: false, reason: 'unreachable' })
    const message = outcome.ok ? '' : outcome.message.replace(url, 'the platform')
    expect(message).toMatch(
      /^the platform began to answer the sign-in, but the connection broke before its answer was complete.*Try again/,
    )
    expect(message).not.toMatch(/without answering|UND_ERR/)
    expect(message).not.toMatch(RAW)
    expect(signIns - before).toBe(1)
  })

  it('says a gateway in front of the platform asks for a sign-in of its own, or blocks this computer, and sends no password', async () => {
    for (const [respond, says] of [
      [
        page(401, { 'www-authenticate': 'Basic realm="corp"' }),
        /asked for a sign-in of its own.*open the address in a browser/,
      ],
      [page(403), /refused this computer.*firewall or gateway/],
    ] as const) {
      const { outcome, message, sent } = await signInChecked(respond)
      expect(outcome).toMatchObject({ ok: false, reason: 'not_a_platform' })
      expect(message).toMatch(says)
      expect(message).toMatch(/Your password was not sent\.$/)
      expect(message).not.toMatch(RAW)
      expect(sent).toBe(0)
    }
  })

  it('says another kind of server answers at an address whose port is not the platform’s', async () => {
    const smtp = await startBannerServer('220 mail.example.test ESMTP ready\r\n')
    try {
      const at = `http://127.0.0.1:${smtp.port}`
      const outcome = await signIn(at, 'ada@example.test', 'right')
      expect(outcome).toMatchObject({ ok: false, reason: 'not_a_platform' })
      const message = outcome.ok ? '' : outcome.message.replace(at, 'the platform')
      expect(message).toMatch(
        /^the platform answered, but it is not a Standby platform: it is another kind of server, not a web server\. Check the address and its port: a Standby platform does not answer there\.$/,
      )
      expect(message).not.toMatch(RAW)
    } finally {
      await smtp.close()
    }
  })

  /** An answer whose status and headers come, then `start` of its body, then its time runs out. */
  const outOfTimePartWay = (start: string): Response => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(start))
      },
      pull(controller) {
        controller.error(new DOMException('The operation timed out.', 'TimeoutError'))
      },
    })
    return new Response(body, { headers: { 'content-type': 'application/json' } })
  }

  it('says a platform check that began to answer and ran out of time was too slow, not unreachable', async () => {
    let signInsSent = 0
    const trickling: typeof fetch = (input) => {
      if (String(input).endsWith(HTTP_PATHS.signIn)) signInsSent += 1
      return Promise.resolve(outOfTimePartWay('{"protocolVersion":'))
    }
    const outcome = await signIn(url, 'ada@example.test', 'right', trickling)
    expect(outcome).toMatchObject({ ok: false, reason: 'unreachable' })
    const message = outcome.ok ? '' : outcome.message.replace(url, 'the platform')
    expect(message).toMatch(/^the platform began to answer, but its answer did not all arrive within 8 s/)
    expect(message).not.toMatch(/Could not reach/)
    expect(signInsSent).toBe(0)
  })

  it('says a sign-in whose answer began and ran out of time was slow, without doubting the address its check found', async () => {
    let calls = 0
    const trickling: typeof fetch = (input, init) => {
      if (!String(input).endsWith(HTTP_PATHS.signIn)) return fetch(input, init)
      calls += 1
      return Promise.resolve(outOfTimePartWay('{"token":'))
    }
    const outcome = await signIn(url, 'ada@example.test', 'right', trickling)
    expect(outcome).toMatchObject({ ok: false, reason: 'unreachable' })
    const message = outcome.ok ? '' : outcome.message.replace(url, 'the platform')
    expect(message).toMatch(
      /^the platform began to answer the sign-in, but its answer did not all arrive within 8 s.*Try again/,
    )
    expect(message).not.toMatch(/not a Standby platform|check the address/i)
    expect(calls).toBe(1)
  })

  it('says the sign-in timed out, once, without trying again', async () => {
    let calls = 0
    const slow: typeof fetch = (input, init) => {
      if (!String(input).endsWith(HTTP_PATHS.signIn)) return fetch(input, init)
      calls += 1
      return Promise.reject(new DOMException('The operation timed out.', 'TimeoutError'))
    }
    const outcome = await signIn(url, 'ada@example.test', 'right', slow)
    expect(outcome).toMatchObject({ ok: false, reason: 'unreachable' })
    expect(outcome.ok ? '' : outcome.message).toMatch(/no answer within 8 s.*Try again/)
    expect(calls).toBe(1)
  })
})

describe('a sign-in while the platform is too busy to check passwords', () => {
  let release: () => void = () => undefined
  let checking: () => void = () => undefined
  const checkStarted = new Promise<void>((resolve) => (checking = resolve))
  const platform = useTestPlatform({
    passwordChecks: { maxInFlight: 1, maxQueued: 0, retryAfterMs: 90_000 },
    // The one slot is held until the test lets it go: the platform stays busy meanwhile.
    verifyPassword: (password, stored) =>
      new Promise((resolve) => {
        release = () => resolve(verifyPassword(password, stored))
        checking()
      }),
  })

  it('passes on the platform’s sentence with its wait, and does not retry', async () => {
    const first = signIn(platform().server.url, 'held@example.test', 'guess')
    await checkStarted
    expect(await signIn(platform().server.url, 'ada@example.test', 'right')).toEqual({
      ok: false,
      reason: 'failed',
      message: 'The platform is busy with other sign-ins; try again in 2 minutes.',
    })
    release()
    expect(await first).toMatchObject({ ok: false, reason: 'wrong_credentials' })
    expect(platform().logger.lines.filter((l) => l.includes('password checks busy'))).toHaveLength(1)
  })
})
