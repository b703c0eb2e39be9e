/**
 * What is kept of revocations the platform could not be asked for is bounded, names no token in
 * the log, and does not press a platform that keeps saying it is busy.
 */
import { describe, expect, it } from 'vitest'
import {
  MOST_OWED,
  MOST_TRIES_PER_RUN,
  OwedRevocations,
} from '../../../../../src/main/core/auth/owed-revocations'
import type { StoredSignIn } from '../../../../../src/main/core/ports/secrets'

const signIn = (n: number): StoredSignIn => ({
  platformUrl: 'https://platform.test',
  token: `token-${n}`,
  expertId: 'e',
})

/** Owed revocations over a fetch answering `status` (or failing, when 0), and what they kept. */
function owedWith(status: () => number, inUse: () => StoredSignIn | null = () => null) {
  const warnings: string[] = []
  const asked: string[] = []
  let kept: readonly StoredSignIn[] = []
  const fetch: typeof globalThis.fetch = (_url, init) => {
    asked.push(String(new Headers(init?.headers).get('authorization')))
    const answer = status()
    return answer === 0
      ? Promise.reject(new TypeError('fetch failed'))
      : Promise.resolve(new Response(null, { status: answer }))
  }
  const owed = new OwedRevocations({
    log: { info: () => {}, warn: (m) => void warnings.push(m), error: () => {} },
    fetch,
    secrets: {
      loadOwed: () => Promise.resolve([]),
      saveOwed: (list) => Promise.resolve(void (kept = list)),
    },
    inUse,
  })
  return { owed, warnings, asked, kept: () => kept.map((s) => s.token) }
}

describe('revocations owed to the platform', () => {
  it('keeps the newest few, letting go of the oldest with a line that names no token', async () => {
    const offline = owedWith(() => 0)
    for (let n = 1; n <= MOST_OWED + 1; n++) await offline.owed.revoke(signIn(n))
    expect(offline.kept()).toEqual(Array.from({ length: MOST_OWED }, (_, i) => `token-${i + 2}`))
    expect(offline.warnings.join('\n')).toContain('let go without being revoked')
    expect(offline.warnings.join('\n')).not.toContain('token-')
  })

  it('asks a busy platform again a few times a run, then keeps the revocation for the next', async () => {
    const busy = owedWith(() => 503)
    await busy.owed.revoke(signIn(1))
    for (let n = 0; n < MOST_TRIES_PER_RUN + 3; n++) await busy.owed.connected()
    expect(busy.asked).toHaveLength(1 + MOST_TRIES_PER_RUN)
    expect(busy.kept()).toEqual(['token-1'])
  })

  it('keeps a revocation owed before the platform is asked, so a process ended meanwhile owes it', async () => {
    const keptWhenAsked: string[][] = []
    let kept = (): string[] => []
    const online = owedWith(() => {
      keptWhenAsked.push(kept())
      return 200
    })
    kept = online.kept
    await online.owed.revoke(signIn(1))
    expect(keptWhenAsked).toEqual([['token-1']])
    expect(online.kept()).toEqual([])
  })

  it('forgets a revocation once the platform took it', async () => {
    let status = 0
    const back = owedWith(() => status)
    await back.owed.revoke(signIn(1))
    status = 200
    await back.owed.connected()
    expect(back.kept()).toEqual([])
  })

  it('never revokes the sign-in in use, though the platform handed its token out again', async () => {
    let status = 0
    let current: StoredSignIn | null = null
    const again = owedWith(
      () => status,
      () => current,
    )
    await again.owed.revoke(signIn(1))
    await again.owed.revoke(signIn(2))
    // Signed in again as the same expert, the platform gave the token signed out offline.
    current = signIn(1)
    status = 200
    await again.owed.connected()
    // Each tried once offline; once connected, only the one not in use is asked again.
    expect(again.asked).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-2'])
    expect(again.kept()).toEqual([])
  })
})
