/**
 * A sign-in that replaces another (a second tab or window signing in while the first is signed
 * in, or both at once) ends the one it replaces on the platform, as signing out would: the app
 * forgets it, so left valid it would be a sign-in no one holds and no one can end.
 */
import { afterEach, expect, it, vi } from 'vitest'
import { hashPassword } from '../../../../server/src/auth'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { startTestCore, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const defer = useCleanup()
afterEach(() => vi.restoreAllMocks())

/**
 * A platform with Ada and Bea, and a signed-out app on it; `revoked(n)` settles once the platform
 * has answered `n` revocations (each is kept owed first, so asked a moment after the sign-in ends).
 */
async function twoExperts(): Promise<{
  platform: TestPlatform
  core: TestCore
  revoked: (count: number) => Promise<void>
  revocationsAsked: () => number
  signIn: (email: string) => Promise<unknown>
  tokensOf: (expertId: string) => number
}> {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  const passwordHash = await hashPassword('pw')
  for (const [id, name] of [
    ['exp_ada', 'Ada'],
    ['exp_bea', 'Bea'],
  ] as const) {
    platform.server.marketplace.createExpert({
      id,
      name,
      email: `${name.toLowerCase()}@example.test`,
      passwordHash,
      timeZone: 'Europe/London',
    })
  }
  const core = await startTestCore({
    platformUrl: platform.server.url,
    token: '',
    expertId: '',
    signedOut: true,
  })
  defer(() => core.close(true))
  let asked = 0
  let answered = 0
  let onAnswer = (): void => {}
  const fetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    if (!String(input).endsWith(HTTP_PATHS.signOut)) return fetch(input, init)
    asked++
    const answer = await fetch(input, init)
    answered++
    onAnswer()
    return answer
  })
  return {
    platform,
    core,
    revoked: (count) =>
      new Promise<void>((resolve) => {
        onAnswer = () => answered >= count && resolve()
        onAnswer()
      }),
    revocationsAsked: () => asked,
    signIn: (email) => core.runtime.core.signIn(platform.server.url, email, 'pw'),
    tokensOf: (expertId) =>
      platform.server.marketplace.db
        .prepare('SELECT COUNT(*) FROM tokens WHERE expert_id = ?')
        .pluck()
        .get(expertId) as number,
  }
}

it('ends the sign-in it replaces on the platform, and keeps its own', async () => {
  const app = await twoExperts()
  expect(await app.signIn('ada@example.test')).toMatchObject({ ok: true })
  expect(await app.signIn('bea@example.test')).toMatchObject({ ok: true, expert: { id: 'exp_bea' } })
  await app.revoked(1)
  expect(app.revocationsAsked()).toBe(1)
  expect(app.tokensOf('exp_ada')).toBe(0)
  expect(app.tokensOf('exp_bea')).toBe(1)
  expect(await app.core.adapters.secrets.load()).toMatchObject({ expertId: 'exp_bea' })
})

it('leaves one sign-in of two asked at once, and one of the same expert signing in again', async () => {
  const app = await twoExperts()
  await Promise.all([app.signIn('ada@example.test'), app.signIn('bea@example.test')])
  await app.signIn('bea@example.test')
  // Ada's, replaced by Bea's, and Bea's first, replaced by her second.
  await app.revoked(2)
  expect(app.tokensOf('exp_ada')).toBe(0)
  expect(app.tokensOf('exp_bea')).toBe(1)
  expect(await app.core.adapters.secrets.load()).toMatchObject({ expertId: 'exp_bea' })
})

it('removes the sign-in it replaced from this computer when its own cannot be saved', async () => {
  const app = await twoExperts()
  expect(await app.signIn('ada@example.test')).toMatchObject({ ok: true })
  const { secrets } = app.core.adapters
  vi.spyOn(secrets, 'save').mockRejectedValue(new Error('ENOSPC: no space left on device, write'))

  expect(await app.signIn('bea@example.test')).toMatchObject({ ok: true, expert: { id: 'exp_bea' } })
  await app.revoked(1)

  // Ada's sign-in, revoked on the platform, must not be the one the next start resumes: offline it
  // would show Ada signed in over Bea's data, online the platform would refuse it. The next start
  // asks for a sign-in, as the notice says.
  expect(app.tokensOf('exp_ada')).toBe(0)
  expect(await secrets.load()).toBeNull()
  expect(app.core.adapters.notifier.shown).toContainEqual(
    expect.objectContaining({ title: 'Signed in until Standby quits' }),
  )
})
