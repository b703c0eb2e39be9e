import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../../../../src/main/core/auth/sign-in'
import { HTTP_PATHS } from '../../../../src/shared/protocol'

describe('a platform check answered with a server error', () => {
  let server: Server
  let url: string
  let infoAnswer: (res: ServerResponse) => void = (res) => res.end()
  let signIns = 0

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === HTTP_PATHS.info) return infoAnswer(res)
      signIns += 1
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  /** What a sign-in whose check is answered by `respond` says, with the address written "the address". */
  async function told(respond: (res: ServerResponse) => void): Promise<string> {
    infoAnswer = respond
    const outcome = await signIn(url, 'ada@example.test', 'right')
    expect(outcome).toMatchObject({ ok: false, reason: 'failed' })
    return outcome.ok ? '' : outcome.message.replace(url, 'the address')
  }

  it('says the password was not sent and that the address may be wrong, as a web app at it answers so too', async () => {
    const page =
      (status: number, headers: Record<string, string> = {}) =>
      (res: ServerResponse) =>
        res
          .writeHead(status, { 'content-type': 'text/html', ...headers })
          .end('<h1>Internal Server Error</h1>')
    for (const [respond, when] of [
      [page(500), 'try again in a minute'],
      [page(501), 'try again in a minute'],
      [page(500, { 'retry-after': '120' }), 'try again in 2 minutes'],
      [(res: ServerResponse) => res.writeHead(500).end('{"status":500}'), 'try again in a minute'],
    ] as const) {
      expect(await told(respond)).toBe(
        `the address answered Standby's check with a server error before it could tell whether a Standby platform is there, so your password was not sent. If the address is right, the platform may be restarting: ${when}, and if it keeps happening, tell the platform's support; otherwise check the address.`,
      )
    }
    expect(signIns).toBe(0)
  })

  it('says a check told to slow down sent no password, rather than that there were too many sign-in attempts', async () => {
    expect(await told((res) => res.writeHead(429, { 'retry-after': '120' }).end())).toBe(
      'the address asked Standby to slow down before it checked whether a Standby platform is there; your password was not sent: try again in 2 minutes.',
    )
    expect(signIns).toBe(0)
  })

  it('says a gateway with no platform behind it got no password, rather than that the password was not refused', async () => {
    for (const status of [502, 504]) {
      expect(await told((res) => res.writeHead(status).end())).toBe(
        'The server in front of the address could not get an answer from the platform; it may be restarting. Your password was not sent: try again in a minute.',
      )
    }
    expect(signIns).toBe(0)
  })

  it('passes on a platform’s own sentence in its error, as for the sign-in', async () => {
    const sentence = 'The platform is being upgraded; back at 10:00 UTC.'
    const json = (res: ServerResponse) =>
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: sentence } }))
    expect(await told(json)).toBe(sentence)
    expect(signIns).toBe(0)
  })
})
