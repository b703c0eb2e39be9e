import { describe, expect, it } from 'vitest'
import { revokeSignIn } from '../../../../../src/main/core/auth/stored-sign-in'

const signedIn = { platformUrl: 'http://127.0.0.1:9', token: 't', expertId: 'e' }

/** A logger that keeps its warnings, and a fetch that answers every call with `status`. */
function answering(status: number) {
  const warnings: string[] = []
  let calls = 0
  const log = { info: () => {}, warn: (m: string) => void warnings.push(m), error: () => {} }
  const fetch: typeof globalThis.fetch = () => {
    calls += 1
    return Promise.resolve(new Response('<html>busy</html>', { status, headers: { 'retry-after': '30' } }))
  }
  return { deps: { log, fetch }, warnings, calls: () => calls }
}

describe('revoking the sign-in at sign-out', () => {
  it('says in the log that a busy platform kept the token, and that it is worth asking again', async () => {
    const busy = answering(503)
    expect(await revokeSignIn(busy.deps, signedIn)).toBe('again')
    expect(busy.warnings).toEqual([
      'The platform did not revoke the sign-in (it answered with status 503); it was forgotten here, and Standby asks again once it is connected.',
    ])
    expect(busy.calls()).toBe(1)
  })

  it('does not ask again a platform that refused the revocation for good', async () => {
    const refused = answering(403)
    expect(await revokeSignIn(refused.deps, signedIn)).toBe('done')
    expect(refused.warnings).toEqual([
      'The platform did not revoke the sign-in (it answered with status 403); it was forgotten here but may still be valid on the platform.',
    ])
  })

  it('is quiet when the platform revoked it, or the token was already gone', async () => {
    for (const status of [200, 401]) {
      const done = answering(status)
      expect(await revokeSignIn(done.deps, signedIn)).toBe('done')
      expect(done.warnings).toEqual([])
    }
  })
})
