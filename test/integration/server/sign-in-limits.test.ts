import { request } from 'node:http'
import { beforeAll, describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../src/shared/protocol'
import { hashPassword } from '../../../server/src/auth'
import { useTestPlatform, type TestPlatform } from '../../support/test-platform'

const PASSWORD = 'correct horse'

function signInWith(platform: () => TestPlatform) {
  return async (email: string, password: string) => {
    const res = await fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    const body = (await res.json()) as { error?: { code: string; message: string } }
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body }
  }
}

function addAccounts(platform: () => TestPlatform, emails: ReadonlyArray<string>): void {
  beforeAll(async () => {
    const passwordHash = await hashPassword(PASSWORD)
    for (const email of emails)
      platform().server.marketplace.createExpert({ name: email, email, passwordHash, timeZone: 'UTC' })
  })
}

describe('sign-in backoff by account', () => {
  const platform = useTestPlatform()
  const signIn = signInWith(platform)
  addAccounts(platform, ['typo@example.test', 'target@example.test', 'bystander@example.test'])

  it('lets the right password in after a few typos: only failures count', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn('typo@example.test', 'wrong')).status).toBe(401)
    expect((await signIn('typo@example.test', PASSWORD)).status).toBe(200)
    // The success cleared the account's count: four more typos are still free.
    for (let i = 0; i < 4; i++) expect((await signIn('TYPO@example.test', 'wrong')).status).toBe(401)
    expect((await signIn('typo@example.test', PASSWORD)).status).toBe(200)
  })

  it('answers a guessing run with 429 and Retry-After, doubling the wait, and keeps other accounts open', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 200; i++) statuses.push((await signIn('target@example.test', `guess ${i}`)).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true)

    // Another account from the same address signs in while the run is refused.
    expect((await signIn('bystander@example.test', PASSWORD)).status).toBe(200)

    const locked = await signIn('target@example.test', PASSWORD)
    expect(locked).toMatchObject({ status: 429, retryAfter: '1', body: { error: { code: 'rate_limited' } } })
    expect(locked.body.error?.message).toMatch(/this account; try again in 1 second/)

    platform().clock.advance(1_000)
    expect((await signIn('target@example.test', 'one more guess')).status).toBe(401)
    expect(await signIn('target@example.test', PASSWORD)).toMatchObject({ status: 429, retryAfter: '2' })
    platform().clock.advance(2_000)
    expect((await signIn('target@example.test', PASSWORD)).status).toBe(200)
  })

  it('checks at most the free allowance of guesses sent all at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn('parallel@example.test', `guess ${i}`)),
    )
    expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5)
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(25)
  })
})

describe('sign-in backoff by address', () => {
  const platform = useTestPlatform({ signInLimits: { addressFreeFailures: 6 } })
  const signIn = signInWith(platform)
  const sprayed = Array.from({ length: 6 }, (_, i) => `sprayed${i}@example.test`)
  addAccounts(platform, [...sprayed, 'late@example.test'])

  it('makes an address that guesses across accounts wait, whichever account it tries next', async () => {
    for (const email of sprayed) expect((await signIn(email, 'wrong')).status).toBe(401)
    const next = await signIn('late@example.test', PASSWORD)
    expect(next).toMatchObject({ status: 429, retryAfter: '1' })
    expect(next.body.error?.message).toMatch(/this address/)
    platform().clock.advance(1_000)
    expect((await signIn('late@example.test', PASSWORD)).status).toBe(200)
  })
})

describe('sign-in limits are configurable', () => {
  const platform = useTestPlatform({ signInLimits: { accountFreeFailures: 50 } })
  const signIn = signInWith(platform)
  addAccounts(platform, ['patient@example.test'])

  it('allows as many failures as configured', async () => {
    for (let i = 0; i < 12; i++) expect((await signIn('patient@example.test', 'wrong')).status).toBe(401)
    expect((await signIn('patient@example.test', PASSWORD)).status).toBe(200)
  })
})

describe('sign-in backoff by address on this machine', () => {
  const platform = useTestPlatform({ signInLimits: { addressFreeFailures: 2, accountFreeFailures: 50 } })

  it('makes every loopback address wait as one: another of 127/8 starts no fresh allowance', async () => {
    const { port } = platform().server
    const from = (localAddress: string, email: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify({ email, password: 'wrong' })
        const req = request(
          {
            host: '127.0.0.1',
            port,
            localAddress,
            method: 'POST',
            path: HTTP_PATHS.signIn,
            headers: { 'content-type': 'application/json', connection: 'close' },
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    expect(await from('127.0.0.1', 'one@example.test')).toBe(401)
    expect(await from('127.0.0.2', 'two@example.test')).toBe(401)
    expect(await from('127.0.0.3', 'three@example.test')).toBe(429)
  })
})
