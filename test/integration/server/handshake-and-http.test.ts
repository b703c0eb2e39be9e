import { beforeAll, describe, expect, it } from 'vitest'
import {
  HTTP_PATHS,
  LATEST_PLATFORM_CLOCK,
  PLATFORM_NAME,
  PROTOCOL_VERSION,
  PlatformInfo,
  SignInResponse,
  Welcome,
} from '../../../src/shared/protocol'
import { ManualClock } from '../../../src/shared/clock'
import { hashPassword } from '../../../server/src/auth'
import { adminFetch } from '../../support/admin-api'
import { handshakeRaw } from '../../support/raw-packets'
import { useTestPlatform } from '../../support/test-platform'

describe('the handshake', () => {
  const platform = useTestPlatform()

  it('refuses another protocol version with a specific, actionable error', async () => {
    const { token } = platform().addExpert()
    const error = await platform()
      .connect(token, { protocolVersion: PROTOCOL_VERSION + 1 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      data: { code: 'protocol_mismatch', serverProtocolVersion: PROTOCOL_VERSION },
    })
    expect((error as Error).message).toMatch(/protocol/)
    expect(platform().logger.lines.some((l) => l.includes('protocol mismatch'))).toBe(true)
  })

  it('refuses an unknown token and a malformed handshake', async () => {
    const unknown = await platform()
      .connect('not-a-real-token')
      .catch((e: unknown) => e)
    expect(unknown).toMatchObject({ data: { code: 'unauthorized' } })
    const malformed = await platform()
      .connect('', { protocolVersion: 'one' as unknown as number })
      .catch((e: unknown) => e)
    expect(malformed).toMatchObject({ data: { code: 'invalid_payload', message: /protocolVersion/ } })
    // Present but absurd: the refusal says which value was wrong, not only what a handshake holds.
    const absurd = await handshakeRaw(platform().server.url, '{"token":"x","protocolVersion":1e308}')
    expect(absurd).toMatchObject({
      data: { code: 'invalid_payload', message: /protocolVersion, only \(.*protocolVersion — .+\)/ },
    })
  })

  it('refuses a handshake with a key it does not take by naming the key and saying to leave it out, and logs that', async () => {
    const { token } = platform().addExpert()
    const auth = JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION, pid: 'recovery-1' })
    expect(await handshakeRaw(platform().server.url, auth)).toMatchObject({
      data: {
        code: 'invalid_payload',
        message:
          'The handshake must carry a token and a protocolVersion, only ("pid" — not a key it takes; leave it out).',
      },
    })
    expect(platform().logger.lines.join('\n')).toMatch(
      /connection refused: malformed handshake reason=.*\\"pid\\" — not a key it takes; leave it out/,
    )
  })

  it('refuses a handshake whose auth is no object, or no JSON, with the same sentence instead of a bare close', async () => {
    for (const auth of ['[]', 'null', '"token"', '42', '[[[[["x"]]]]]', '{"token":', '{"token":"x",}']) {
      expect(await handshakeRaw(platform().server.url, auth), auth).toMatchObject({
        data: { code: 'invalid_payload', message: /must carry a token and a protocolVersion/ },
      })
    }
    // The platform still welcomes a well-formed handshake after them.
    expect((await platform().connect(platform().addExpert().token)).welcome.latestEventId).toBe(0)
  })

  it('welcomes a valid expert with the newest event id', async () => {
    const { token } = platform().addExpert()
    const socket = await platform().connect(token)
    expect(socket.welcome).toMatchObject({ protocolVersion: PROTOCOL_VERSION, latestEventId: 0 })
    expect(socket.welcome).not.toHaveProperty('minimumAppVersion')
  })
})

describe('the handshake of a platform that needs a newer app', () => {
  const platform = useTestPlatform({ minimumAppVersion: '1.4.0' })

  it('announces the oldest app version it supports in the welcome', async () => {
    const { token } = platform().addExpert()
    const socket = await platform().connect(token)
    expect(Welcome.parse(socket.welcome).minimumAppVersion).toBe('1.4.0')
  })
})

describe('the HTTP API', () => {
  const platform = useTestPlatform()
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${platform().server.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    })

  beforeAll(async () => {
    platform().server.marketplace.createExpert({
      name: 'Signed In',
      email: 'signin@example.test',
      passwordHash: await hashPassword('correct horse'),
      timeZone: 'Asia/Tokyo',
    })
  })

  it('says it is a Standby platform and which protocol it speaks', async () => {
    const info = PlatformInfo.parse(await (await fetch(`${platform().server.url}${HTTP_PATHS.info}`)).json())
    expect(info).toMatchObject({ platform: PLATFORM_NAME, protocolVersion: PROTOCOL_VERSION })
  })

  it('signs in with the right password and refuses a wrong one or an unknown email alike', async () => {
    const ok = await post(
      HTTP_PATHS.signIn,
      JSON.stringify({ email: 'SIGNIN@example.test', password: 'correct horse' }),
    )
    expect(ok.status).toBe(200)
    const { token, expert } = SignInResponse.parse(await ok.json())
    expect(expert.timeZone).toBe('Asia/Tokyo')
    const socket = await platform().connect(token)
    expect(socket.welcome.expertId).toBe(expert.id)

    for (const body of [
      { email: 'signin@example.test', password: 'wrong' },
      { email: 'nobody@example.test', password: 'correct horse' },
    ]) {
      const refused = await post(HTTP_PATHS.signIn, JSON.stringify(body))
      expect(refused.status).toBe(401)
      expect(await refused.json()).toEqual({
        error: { code: 'unauthorized', message: 'Wrong email or password.' },
      })
    }

    const out = await post(HTTP_PATHS.signOut, '', { authorization: `Bearer ${token}` })
    expect(out.status).toBe(200)
    const after = await platform()
      .connect(token)
      .catch((e: unknown) => e)
    expect(after).toMatchObject({ data: { code: 'unauthorized' } })
  })

  it('answers malformed bodies and unknown paths with clear JSON errors', async () => {
    const broken = await post(HTTP_PATHS.signIn, '{"email": ')
    expect(broken.status).toBe(400)
    expect(await broken.json()).toMatchObject({
      error: { code: 'invalid_payload', message: 'Request body is not valid JSON.' },
    })
    const wrongShape = await post(HTTP_PATHS.signIn, JSON.stringify({ email: 'not an email' }))
    expect(wrongShape.status).toBe(400)
    const huge = await post(
      HTTP_PATHS.signIn,
      JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(200_000) }),
    )
    expect(huge.status).toBe(413)
    const missing = await fetch(`${platform().server.url}/api/nothing-here`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('creates a request on demand through the loopback admin endpoint', async () => {
    const expert = platform().addExpert({ tags: ['kotlin'] })
    const clientId = platform().addClient()
    const res = await adminFetch(platform().server, 'POST', '/admin/requests', {
      clientId,
      title: 'Coroutines',
      kind: 'instant',
      tags: ['kotlin'],
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ invitedExpertIds: [expert.id] })
    const bad = await adminFetch(platform().server, 'POST', '/admin/requests', {
      clientId,
      title: 'Bad',
      kind: 'scheduled',
      proposedTimes: [],
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_payload' } })
  })

  it('drives the manual clock through the admin endpoint', async () => {
    const before = platform().clock.now()
    const res = await adminFetch(platform().server, 'POST', '/admin/clock/advance', { ms: 60_000 })
    expect(await res.json()).toEqual({ now: before + 60_000 })
  })

  it('moves the manual clock by at most a day per call, so one call cannot hold the platform busy', async () => {
    const before = platform().clock.now()
    const res = await adminFetch(platform().server, 'POST', '/admin/clock/advance', { ms: 2 * 86_400_000 })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload', message: /at most a day/ } })
    expect(platform().clock.now()).toBe(before)
  })
})

describe('the manual clock near the end of the times an app takes from a platform’s clock', () => {
  const platform = useTestPlatform({ clock: new ManualClock(LATEST_PLATFORM_CLOCK - 60_000) })

  it('refuses to advance where an app would take the platform’s time for a broken clock, and keeps answering', async () => {
    const res = await adminFetch(platform().server, 'POST', '/admin/clock/advance', { ms: 120_000 })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload', message: /no further than/ } })
    const info = await fetch(`${platform().server.url}${HTTP_PATHS.info}`)
    expect(PlatformInfo.safeParse(await info.json()).success).toBe(true)
  })
})
