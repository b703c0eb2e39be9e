import { describe, expect, it } from 'vitest'
import { HTTP_PATHS, PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { defaultUnauthorizedLogBound } from '../../../../server/src/http/unauthorized-log'
import { adminFetch } from '../../../support/admin-api'
import { handshakeRaw } from '../../../support/raw-packets'
import { useTestPlatform } from '../../../support/test-platform'

describe('a request refused as unauthorized over HTTP', () => {
  const platform = useTestPlatform()
  const lines = (): string[] =>
    platform().logger.lines.filter((l) => l.includes('request refused: unauthorized'))
  const replayAs = (token?: string) =>
    fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    })

  it('is logged once per address and credential in a window, without the token, and again after it', async () => {
    const expired = 'expiredToken0123456789abcdefABCDEF0123'
    for (let i = 0; i < 5; i++) expect((await replayAs(expired)).status).toBe(401)
    expect(lines()).toEqual([
      expect.stringMatching(
        / info request refused: unauthorized method=GET path=\/api\/events status=401 reason=.* address=loopback bearer="not accepted"/,
      ),
    ])
    // Another credential from the same place is another client, or a guess: each gets its line.
    expect((await replayAs('anotherToken0123456789abcdefABCDEF01')).status).toBe(401)
    expect((await replayAs()).status).toBe(401)
    expect((await replayAs()).status).toBe(401)
    expect(lines()).toHaveLength(3)
    expect(lines()[2]).toMatch(/bearer="none sent"/)
    const signOut = await fetch(`${platform().server.url}${HTTP_PATHS.signOut}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${expired}` },
    })
    expect(signOut.status).toBe(401)
    expect(lines()).toHaveLength(3)

    platform().clock.advance(defaultUnauthorizedLogBound.windowMs)
    expect((await replayAs(expired)).status).toBe(401)
    expect(lines()).toHaveLength(4)
    expect(platform().logger.lines.join('\n')).not.toContain(expired)
  })

  it('tells a credential sent in another form from none sent, without writing it down', async () => {
    platform().clock.advance(defaultUnauthorizedLogBound.windowMs)
    const before = lines().length
    const basic = 'dXNlcjpodW50ZXIy'
    for (const authorization of [`Basic ${basic}`, `Basic ${basic}`, 'Bearer two parts'])
      expect(
        (await fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0`, { headers: { authorization } }))
          .status,
      ).toBe(401)
    expect(lines().slice(before)).toEqual([expect.stringMatching(/bearer="not of the form Bearer <token>"/)])
    expect((await replayAs()).status).toBe(401)
    expect(lines().slice(before)).toEqual([
      expect.stringMatching(/bearer="not of the form Bearer <token>"/),
      expect.stringMatching(/bearer="none sent"/),
    ])
    expect(platform().logger.lines.join('\n')).not.toContain(basic)
  })

  it('is logged for an admin call with a wrong token, which is not written down', async () => {
    const wrong = 'notTheAdminToken0123456789abcdefABCD'
    const refused = await adminFetch(platform().server, 'GET', '/admin/sessions/ses_x', undefined, {
      headers: { authorization: `Bearer ${wrong}` },
    })
    expect(refused.status).toBe(401)
    expect(lines().at(-1)).toMatch(/path=\/admin\/sessions\/ses_x status=401/)
    expect(platform().logger.lines.join('\n')).not.toContain(wrong)
  })

  it('is logged by the same rule when a socket handshake brings a token the platform does not hold', async () => {
    const refused = (): string[] =>
      platform().logger.lines.filter((l) => l.includes('connection refused: unknown token'))
    const revoked = 'revokedToken0123456789abcdefABCDEF0123'
    const auth = JSON.stringify({ token: revoked, protocolVersion: PROTOCOL_VERSION })
    for (let i = 0; i < 3; i++)
      expect(await handshakeRaw(platform().server.url, auth)).toMatchObject({
        data: { code: 'unauthorized' },
      })
    expect(refused()).toEqual([
      expect.stringMatching(/ info connection refused: unknown token address=loopback bearer="not accepted"/),
    ])
    expect(platform().logger.lines.join('\n')).not.toContain(revoked)
  })
})
