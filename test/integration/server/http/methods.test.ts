import { describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { adminFetch } from '../../../support/admin-api'
import { useTestPlatform } from '../../../support/test-platform'

describe('a request with a method its path does not answer', () => {
  const platform = useTestPlatform()
  const call = (path: string, method: string): Promise<Response> =>
    fetch(`${platform().server.url}${path}`, { method })

  it('gets 405 with Allow and a sentence naming the methods to use, not a 404', async () => {
    const signIn = await call(HTTP_PATHS.signIn, 'GET')
    expect(signIn.status).toBe(405)
    expect(signIn.headers.get('allow')).toBe('POST, OPTIONS')
    expect(await signIn.json()).toMatchObject({
      error: {
        code: 'invalid_payload',
        message: `GET is not answered at ${HTTP_PATHS.signIn}; use POST, OPTIONS.`,
      },
    })
    const info = await call(HTTP_PATHS.info, 'DELETE')
    expect(info.status).toBe(405)
    expect(info.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('answers HEAD like GET without a body, and OPTIONS with the Allow list alone', async () => {
    const head = await call(HTTP_PATHS.info, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await head.text()).toBe('')
    const options = await call(HTTP_PATHS.events, 'OPTIONS')
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('still gets 404 on a path nothing answers, without the whole of an absurd path echoed back', async () => {
    const missing = await call(`/api/${'x'.repeat(8_000)}`, 'OPTIONS')
    expect(missing.status).toBe(404)
    const { error } = (await missing.json()) as { error: { message: string } }
    expect(error.message.length).toBeLessThan(300)
  })

  it('echoes no more than a bounded part of an absurd id in an admin path either', async () => {
    const absurd = 'x'.repeat(8_000)
    for (const [method, path] of [
      ['POST', `/admin/sessions/${absurd}/client-join`],
      ['POST', `/admin/requests/${absurd}/withdraw`],
      ['GET', `/admin/sessions/${absurd}`],
      ['GET', `/admin/invites/${absurd}`],
    ] as const) {
      const response = await adminFetch(platform().server, method, path)
      expect(response.status).toBe(404)
      const { error } = (await response.json()) as { error: { code: string; message: string } }
      expect(error.code).toBe('not_found')
      expect(error.message.length).toBeLessThan(300)
    }
  })
})
