import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { adminFetch } from '../../../support/admin-api'
import { exchange, jsonOf } from '../../../support/raw-http'
import { useTestPlatform } from '../../../support/test-platform'
import { hashPassword } from '../../../../server/src/auth'

describe('request bodies and query strings at the edge', () => {
  const platform = useTestPlatform()
  let token: string
  beforeAll(() => {
    token = platform().addExpert().token
  })
  const signIn = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, { method: 'POST', headers, body })
  const noErrorsLogged = (): void =>
    expect(platform().logger.lines.filter((l) => / error /.test(l))).toEqual([])

  it('answers an over-size body with 413, whether its length is declared or streamed', async () => {
    const declared = await signIn(
      JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(5_000_000) }),
    )
    expect(declared.status).toBe(413)
    expect(await declared.json()).toMatchObject({
      error: { code: 'invalid_payload', message: /larger than/ },
    })
    const chunk = new TextEncoder().encode('x'.repeat(64_000))
    let sent = 0
    const streamed = await fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 20) controller.enqueue(chunk)
          else controller.close()
        },
      }),
    } as RequestInit)
    expect(streamed.status).toBe(413)
    noErrorsLogged()
  })

  it('refuses a body that is not JSON, not UTF-8, or empty, and reads JSON behind a byte-order mark', async () => {
    const notJson = await signIn('email=a@example.test', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(notJson.status).toBe(415)
    expect((await signIn('{"email": ')).status).toBe(400)
    const badUtf8 = await signIn(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))
    expect(await badUtf8.json()).toMatchObject({ error: { code: 'invalid_payload', message: /UTF-8/ } })
    expect((await signIn('')).status).toBe(400)
    const withBom = await signIn(`\uFEFF${JSON.stringify({ email: 'nobody@example.test', password: 'x' })}`)
    expect(withBom.status).toBe(401)
    noErrorsLogged()
  })

  it('refuses a compressed body, or one in another charset, with 415 saying to send plain UTF-8', async () => {
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'x' })
    const gzipped = await signIn(gzipSync(body), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    })
    expect(gzipped.status).toBe(415)
    expect(await gzipped.json()).toMatchObject({
      error: { code: 'invalid_payload', message: /gzip.*uncompressed/ },
    })
    const utf16 = await signIn(Buffer.from(body, 'utf16le'), {
      'content-type': 'application/json; charset=utf-16le',
    })
    expect(utf16.status).toBe(415)
    expect(await utf16.json()).toMatchObject({ error: { code: 'invalid_payload', message: /UTF-8/ } })
    // Plain UTF-8 is read however the header spells it.
    const plain: ReadonlyArray<Record<string, string>> = [
      { 'content-type': 'application/json; charset=utf-8' },
      { 'content-type': 'application/json;charset="UTF-8"' },
      { 'content-type': 'application/json; charset=utf8' },
      { 'content-type': 'application/json', 'content-encoding': 'identity' },
    ]
    for (const headers of plain) expect((await signIn(body, headers)).status).toBe(401)
    noErrorsLogged()
  })

  it('refuses a body that names a key twice, saying which, and acts on neither value', async () => {
    const twice = await signIn('{"email":"twice@example.test","password":"x","password":"y"}')
    expect(twice.status).toBe(400)
    expect(await twice.json()).toMatchObject({
      error: { code: 'invalid_payload', message: /"password" twice/ },
    })
    const now = platform().clock.now()
    const advance = await adminFetch(platform().server, 'POST', '/admin/clock/advance', undefined, {
      rawBody: '{"ms":1000,"\\u006ds":86400000}',
    })
    expect(advance.status).toBe(400)
    expect(await advance.json()).toMatchObject({ error: { code: 'invalid_payload', message: /"ms" twice/ } })
    expect(platform().clock.now()).toBe(now)
    noErrorsLogged()
  })

  it('refuses a body whose type is said twice, even the same, and acts on it in neither reading', async () => {
    const { server, clock } = platform()
    const advance = (types: ReadonlyArray<string>): Promise<string> => {
      const body = '{"ms":1000}'
      const head = [
        'POST /admin/clock/advance HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${server.adminToken}`,
        ...types.map((type) => `Content-Type: ${type}`),
        `Content-Length: ${body.length}`,
        'Connection: close',
      ].join('\r\n')
      return exchange(server.port, head, body)
    }
    const now = clock.now()
    for (const types of [
      ['application/json', 'text/plain'],
      ['text/plain', 'application/json'],
      ['application/json', 'application/json'],
    ]) {
      const answer = await advance(types)
      expect(answer).toMatch(/^HTTP\/1\.1 400 /)
      expect(jsonOf(answer)).toMatchObject({
        error: {
          code: 'invalid_payload',
          message: /type 2 times; send one "content-type: application\/json"/,
        },
      })
    }
    expect(clock.now()).toBe(now)
    expect(await advance(['application/json'])).toMatch(/^HTTP\/1\.1 200 /)
    expect(clock.now()).toBe(now + 1000)
    noErrorsLogged()
  })

  it('refuses a body holding more keys than any request has, unread, and still reads an ordinary one', async () => {
    const keys = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, 0]))
    const many = await signIn(JSON.stringify({ email: 'many@example.test', password: 'x', extra: keys }))
    expect(many.status).toBe(400)
    expect(await many.json()).toMatchObject({
      error: { code: 'invalid_payload', message: /more than 1,000 keys/ },
    })
    // Colons in text are no keys: a password full of them (with the body's two keys, past the bound
    // if they counted) is read, and refused only as wrong.
    const colons = await signIn(JSON.stringify({ email: 'many@example.test', password: ':'.repeat(1_000) }))
    expect(colons.status).toBe(401)
    noErrorsLogged()
  })

  it('refuses a password with a broken character rather than take it for another one', async () => {
    const email = 'broken-character@example.test'
    platform().server.marketplace.createExpert({
      name: 'Broken Character',
      email,
      passwordHash: await hashPassword('pass\ud800'),
      timeZone: 'UTC',
      tags: [],
    })
    // Another lone surrogate: hashed, both would read as the same U+FFFD.
    const other = await signIn(`{"email":"${email}","password":"pass\\udc00"}`)
    expect(other.status).toBe(400)
    expect(await other.json()).toMatchObject({
      error: { code: 'invalid_payload', message: /broken character/ },
    })
    noErrorsLogged()
  })

  it('logs each refused request with its path and reason, and never the password it carried', async () => {
    const refusedLines = (): string[] =>
      platform().logger.lines.filter((l) => l.includes('request refused: invalid'))
    const before = refusedLines().length
    const password = 'hunter2-secret'
    expect((await signIn(JSON.stringify({ email: 'not an email', password }))).status).toBe(400)
    expect((await signIn(`{"email":"a@example.test","password":"${password}","password":"x"}`)).status).toBe(
      400,
    )
    const events = await fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0&limt=5`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(events.status).toBe(400)
    const lines = refusedLines().slice(before)
    expect(lines).toEqual([
      expect.stringMatching(/ warn .*path=\/api\/sign-in .*status=400 .*email/),
      expect.stringMatching(/path=\/api\/sign-in .*"password\\" twice/),
      expect.stringMatching(/path=\/api\/events .*limt/),
    ])
    expect(platform().logger.lines.join('\n')).not.toContain(password)
    noErrorsLogged()
  })

  it('logs why a password or token was refused in full words, and never the value', async () => {
    const password = `Hunter2${'x'.repeat(1_000)}`
    expect((await signIn(JSON.stringify({ email: 'long@example.test', password }))).status).toBe(400)
    const events = await fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0&token=Hunter2abc`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(events.status).toBe(400)
    const lines = platform().logger.lines.filter((l) => l.includes('request refused: invalid'))
    expect(lines.join('\n')).toMatch(/path=\/api\/sign-in .*password — Too big: expected string/)
    expect(lines.at(-1)).toMatch(/path=\/api\/events .*Unknown query parameter \\"token\\"/)
    expect(platform().logger.lines.join('\n')).not.toMatch(/Hunter2|\[redacted\] big/)
  })

  it.each([
    'after=1e3',
    'after=0x10',
    'after=-1',
    'after=+1',
    'after=',
    'after=%201',
    'after=1.5',
    'after=99999999999999999',
    'after=1&after=2',
    'limit=10',
    'after=0&limit=abc',
    'after=0&limit=0',
    'after=0&limit=1e2',
    'after=0&limit=5000',
    `after=0&digest=${'a'.repeat(64)}&digest=${'b'.repeat(64)}`,
  ])('refuses /api/events?%s with 400 invalid_payload', async (query) => {
    const res = await fetch(`${platform().server.url}${HTTP_PATHS.events}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload' } })
  })

  it('answers /api/events with decimal digits', async () => {
    const res = await fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0&limit=10`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ kind: 'events' })
  })
})
