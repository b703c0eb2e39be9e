import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, HTTP_PATHS, PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { adminFetch } from '../../support/admin-api'
import { deepJson, emitRaw, handshakeRaw } from '../../support/raw-packets'
import { useTestPlatform } from '../../support/test-platform'

const DEPTH = 10_000
const kinds = ['array', 'object'] as const

const invalid = { ok: false, error: { code: 'invalid_payload' } }

describe('values nested ten thousand deep where a scalar is expected', () => {
  const platform = useTestPlatform()
  const noInternalErrors = (): void =>
    expect(platform().logger.lines.filter((l) => / error |internal/.test(l))).toEqual([])

  it.each(kinds)(
    'refuses a deep %s in every field of a command or replay with invalid_payload',
    async (kind) => {
      const socket = await platform().connect(platform().addExpert().token)
      const deep = deepJson(kind, DEPTH)
      const fields = ['inviteId', 'proposedTime', 'requestId', 'body', 'sessionId', 'outcome', 'availability']
      const envelopes = [
        deep,
        `{"name":${deep},"idempotencyKey":"deep-key-0001","payload":{}}`,
        `{"name":"invite.accept","idempotencyKey":${deep},"payload":{}}`,
        `{"name":"invite.accept","idempotencyKey":"deep-key-0002","payload":${deep}}`,
        ...COMMAND_NAMES.flatMap((name) =>
          fields.map(
            (f, i) => `{"name":"${name}","idempotencyKey":"deep-${name}-${i}","payload":{"${f}":${deep}}}`,
          ),
        ),
      ]
      for (const envelope of envelopes)
        expect(await emitRaw(socket, 'command', envelope)).toMatchObject(invalid)
      const replays = [
        deep,
        `{"after":${deep}}`,
        `{"after":0,"limit":${deep}}`,
        `{"after":0,"snapshot":${deep}}`,
      ]
      for (const request of replays) expect(await emitRaw(socket, 'replay', request)).toMatchObject(invalid)
      noInternalErrors()
    },
  )

  it.each(kinds)('refuses a deep %s in the handshake with invalid_payload', async (kind) => {
    const deep = deepJson(kind, DEPTH)
    for (const auth of [
      `{"token":${deep},"protocolVersion":${PROTOCOL_VERSION}}`,
      `{"token":"x","protocolVersion":${deep}}`,
    ]) {
      expect(await handshakeRaw(platform().server.url, auth)).toMatchObject({
        data: { code: 'invalid_payload' },
      })
    }
    noInternalErrors()
  })

  it.each(kinds)('answers a deep %s in any HTTP JSON body with 400 invalid_payload', async (kind) => {
    const deep = deepJson(kind, DEPTH)
    const bodies = [
      [HTTP_PATHS.signIn, deep],
      [HTTP_PATHS.signIn, `{"email":${deep},"password":"x"}`],
      [HTTP_PATHS.signIn, `{"email":"a@example.test","password":${deep}}`],
      ['/admin/requests', deep],
      ['/admin/requests', `{"clientId":${deep},"title":"x","kind":"instant"}`],
      ['/admin/requests', `{"clientId":"c","title":${deep},"kind":"instant"}`],
      ['/admin/messages', `{"requestId":"r","expertId":"e","body":${deep}}`],
      ['/admin/clock/advance', `{"ms":${deep}}`],
    ] as const
    for (const [path, rawBody] of bodies) {
      const res = await adminFetch(platform().server, 'POST', path, undefined, { rawBody })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload' } })
    }
    noInternalErrors()
  })
})
