import { describe, expect, it } from 'vitest'
import { defaultUnauthorizedLogBound } from '../../../../server/src/http/unauthorized-log'
import { adminFetch } from '../../../support/admin-api'
import { exchange, peerRelay } from '../../../support/peer-relay'
import { useTestPlatform } from '../../../support/test-platform'

describe('the admin endpoints refuse what a web page could send', () => {
  const platform = useTestPlatform()
  const requestsOf = (clientId: string): number =>
    (
      platform()
        .server.marketplace.db.prepare('SELECT COUNT(*) AS n FROM requests WHERE client_id = ?')
        .get(clientId) as { n: number }
    ).n
  const newRequest = (clientId: string) => ({ clientId, title: 'Cross-site?', kind: 'instant', tags: ['x'] })

  it('refuses a text/plain body, which a cross-site form can post, and creates nothing', async () => {
    const clientId = platform().addClient()
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await adminFetch(platform().server, 'POST', '/admin/requests', newRequest(clientId), {
        headers: { 'content-type': contentType },
      })
      expect(res.status).toBe(415)
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid_payload', message: /application\/json/ },
      })
    }
    expect(requestsOf(clientId)).toBe(0)
  })

  it('refuses a call without the admin token or with a wrong one, reads included', async () => {
    const clientId = platform().addClient()
    for (const authorization of ['', 'Bearer not-the-token', `Basic ${platform().server.adminToken}`]) {
      for (const [method, path, body] of [
        ['POST', '/admin/requests', newRequest(clientId)],
        ['GET', '/admin/threads?requestId=r&expertId=e', undefined],
        ['POST', '/admin/clock/advance', { ms: 1 }],
      ] as const) {
        const res = await adminFetch(platform().server, method, path, body, { headers: { authorization } })
        expect(res.status).toBe(401)
        expect(await res.json()).toMatchObject({ error: { code: 'unauthorized', message: /admin token/ } })
      }
    }
    expect(requestsOf(clientId)).toBe(0)
  })

  it('refuses a call from a page of another site even with the token, and accepts a page the platform served', async () => {
    const clientId = platform().addClient()
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1.evil.example:4455']) {
      const res = await adminFetch(platform().server, 'POST', '/admin/requests', newRequest(clientId), {
        headers: { origin },
      })
      expect(res.status).toBe(403)
    }
    expect(requestsOf(clientId)).toBe(0)
    const local = await adminFetch(platform().server, 'POST', '/admin/requests', newRequest(clientId), {
      headers: { origin: platform().server.url },
    })
    expect(local.status).toBe(200)
    expect(requestsOf(clientId)).toBe(1)
  })

  describe('a refusal of an admin call for where it came from', () => {
    const from = peerRelay(platform)
    const forbidden = (): string[] =>
      platform().logger.lines.filter((l) => l.includes('request refused: forbidden'))
    const adminCallWith = (token: string): string =>
      `GET /admin/sessions/ses_x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`

    it('is logged from another address, once per address and token in a window, without the token', async () => {
      platform().clock.advance(defaultUnauthorizedLogBound.windowMs)
      const { adminToken } = platform().server
      for (let i = 0; i < 3; i++)
        expect(await exchange(await from('192.0.2.7'), adminCallWith(adminToken))).toMatch(/^HTTP\/1\.1 403/)
      expect(forbidden()).toEqual([
        expect.stringMatching(
          / info request refused: forbidden method=GET path=\/admin\/sessions\/ses_x status=403 reason=.*loopback.* address=192\.0\.2\.7 bearer="sent, not checked"/,
        ),
      ])
      // Another address is another caller.
      expect(await exchange(await from('198.51.100.1'), adminCallWith(adminToken))).toMatch(/^HTTP\/1\.1 403/)
      expect(forbidden()).toHaveLength(2)
      platform().clock.advance(defaultUnauthorizedLogBound.windowMs)
      expect(await exchange(await from('192.0.2.7'), adminCallWith(adminToken))).toMatch(/^HTTP\/1\.1 403/)
      expect(forbidden()).toHaveLength(3)
      expect(platform().logger.lines.join('\n')).not.toContain(adminToken)
    })
  })
})
