import { describe, expect, it } from 'vitest'
import { HTTP_PATHS, PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { adminFetch } from '../../../support/admin-api'
import { jsonOf, rawExchange } from '../../../support/raw-http'
import { handshakeRaw } from '../../../support/raw-packets'
import { useTestPlatform } from '../../../support/test-platform'

const refusedNaming = (key: string) => ({
  error: { code: 'invalid_payload', message: expect.stringContaining(`"${key}"`) as string },
})

describe('a sign-in with a key the platform does not take', () => {
  const platform = useTestPlatform()
  const signIn = (body: unknown) =>
    fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('is refused naming the key, as an admin body is, and neither answer nor log holds a value sent', async () => {
    const password = 'hunter2-Secret'
    const remembered = 'remember-me-forever'
    const refused = await signIn({ email: 'nobody@example.test', password, rememberMe: remembered })
    expect(refused.status).toBe(400)
    const text = await refused.text()
    expect(JSON.parse(text)).toMatchObject(refusedNaming('rememberMe'))
    expect(text).not.toContain(password)
    expect(text).not.toContain(remembered)
    const log = platform().logger.lines.join('\n')
    expect(log).toMatch(/request refused: invalid .*path=\/api\/sign-in .*rememberMe/)
    expect(log).not.toContain(password)
    expect(log).not.toContain(remembered)
    // No password was checked: the backoff counts nothing against the account.
    expect(platform().logger.lines.filter((l) => l.includes('sign-in refused'))).toEqual([])
  })
})

describe('an endpoint that takes no body or no query', () => {
  const platform = useTestPlatform()

  it('refuses a sign-out that carries options, and keeps the sign-in, which a plain sign-out then ends', async () => {
    const { token } = platform().addExpert()
    const signOut = (body?: string, type = 'application/json') =>
      fetch(`${platform().server.url}${HTTP_PATHS.signOut}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': type }),
        },
        body,
      })
    const everywhere = await signOut('{"everywhere":true}')
    expect(everywhere.status).toBe(400)
    expect(await everywhere.json()).toMatchObject(refusedNaming('everywhere'))
    const form = await signOut('everywhere=1', 'application/x-www-form-urlencoded')
    expect(form.status).toBe(400)
    expect(await form.json()).toMatchObject({ error: { message: /takes no body/ } })
    expect(platform().server.tokens.expertFor(token, platform().clock.now())).toBeDefined()
    expect((await signOut('{}')).status).toBe(200)
    expect(platform().server.tokens.expertFor(token, platform().clock.now())).toBeUndefined()
  })

  it('takes a sign-out sent in chunks that add up to nothing, and refuses one whose chunks hold bytes', async () => {
    const { token } = platform().addExpert()
    const url = platform().server.url
    const chunked = (chunks: string) =>
      rawExchange(
        url,
        `POST ${HTTP_PATHS.signOut} HTTP/1.1\r\nhost: ${new URL(url).host}\r\nconnection: close\r\n` +
          `authorization: Bearer ${token}\r\ntransfer-encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
      )
    const full = await chunked('c\r\neverywhere=1\r\n')
    expect(full).toMatch(/^HTTP\/1\.1 400 /)
    expect(jsonOf(full)).toMatchObject({ error: { message: /takes no body/ } })
    expect(platform().server.tokens.expertFor(token, platform().clock.now())).toBeDefined()
    expect(await chunked('')).toMatch(/^HTTP\/1\.1 200 /)
    expect(platform().server.tokens.expertFor(token, platform().clock.now())).toBeUndefined()
  })

  it('refuses a HEAD that carries a body, naming HEAD in the line the operator reads', async () => {
    // fetch sends no body with a HEAD: written by hand.
    const url = platform().server.url
    const answer = await rawExchange(
      url,
      `HEAD ${HTTP_PATHS.info} HTTP/1.1\r\nhost: ${new URL(url).host}\r\nconnection: close\r\n` +
        `content-type: application/json\r\ncontent-length: 8\r\n\r\n{"a":1} `,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(platform().logger.lines.at(-1)).toMatch(/method=HEAD .*reason="HEAD \/api\/info takes no body/)
  })

  it('refuses a query parameter on a path that takes none, naming it', async () => {
    const info = await fetch(`${platform().server.url}${HTTP_PATHS.info}?protocolVersion=2`)
    expect(info.status).toBe(400)
    expect(await info.json()).toMatchObject({
      error: { code: 'invalid_payload', message: /"protocolVersion".*takes no query parameters/ },
    })
    const signIn = await fetch(`${platform().server.url}${HTTP_PATHS.signIn}?password=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'x' }),
    })
    expect(signIn.status).toBe(400)
    expect((await fetch(`${platform().server.url}${HTTP_PATHS.info}`)).status).toBe(200)
  })

  it('refuses an admin withdrawal that carries options, and withdraws nothing', async () => {
    const state = (id: string): unknown =>
      platform().server.marketplace.db.prepare('SELECT state FROM requests WHERE id = ?').pluck().get(id)
    const { id } = platform().addExpert()
    const { request } = platform().inviteDirectly(id, 'Keep me open')
    const path = `/admin/requests/${request.id}/withdraw`
    const refused = await adminFetch(platform().server, 'POST', path, { reason: 'spam' })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject(refusedNaming('reason'))
    expect(state(request.id)).toBe('open')
    const query = await adminFetch(platform().server, 'POST', `${path}?notify=false`)
    expect(query.status).toBe(400)
    expect(state(request.id)).toBe('open')
  })
})

describe('a handshake with a key the platform does not take', () => {
  const platform = useTestPlatform()

  it('is refused naming the key, while an app of another protocol is still told to update', async () => {
    const { token } = platform().addExpert()
    const extra = await handshakeRaw(
      platform().server.url,
      JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION, expertId: 'exp_other' }),
    )
    expect(extra).toMatchObject({ data: { code: 'invalid_payload', message: /"expertId"/ } })
    const older = await handshakeRaw(
      platform().server.url,
      JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION + 1, appVersion: '9.0.0' }),
    )
    expect(older).toMatchObject({ data: { code: 'protocol_mismatch' } })
    // Another protocol may carry its credential otherwise (longer, renamed, none at all): still told to update.
    for (const auth of [
      { token: 'x'.repeat(600), protocolVersion: PROTOCOL_VERSION + 1 },
      { sessionToken: token, protocolVersion: PROTOCOL_VERSION + 1 },
      { protocolVersion: PROTOCOL_VERSION + 1 },
    ])
      expect(await handshakeRaw(platform().server.url, JSON.stringify(auth))).toMatchObject({
        data: { code: 'protocol_mismatch', message: /the platform must be updated first/ },
      })
    expect(
      await handshakeRaw(platform().server.url, JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION })),
    ).toMatchObject({
      welcomed: expect.any(String) as string,
    })
  })
})
