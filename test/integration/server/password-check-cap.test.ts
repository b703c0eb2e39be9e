import { describe, expect, it } from 'vitest'
import { HTTP_PATHS } from '../../../src/shared/protocol'
import { verifyPassword } from '../../../server/src/auth'
import { defaultPasswordCheckLimits } from '../../../server/src/password-check-gate'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

/** Password checks that stay in flight until the test lets them go, as scrypt under load would. */
function holdableChecks() {
  let holding = true
  const held: Array<() => void> = []
  const verify = (password: string, stored: string | undefined): Promise<boolean> => {
    const result = new Promise<boolean>((resolve) => {
      const run = () => resolve(verifyPassword(password, stored))
      if (holding) held.push(run)
      else run()
    })
    return result
  }
  return {
    verify,
    get held() {
      return held.length
    },
    letGo(): void {
      holding = false
      for (const run of held.splice(0)) run()
    },
  }
}

describe('the platform-wide cap on password checks', () => {
  const checks = holdableChecks()
  const platform = useTestPlatform({
    // Many addresses at once: the per-address and per-account backoff never applies here.
    signInLimits: { addressFreeFailures: 10_000 },
    passwordChecks: { maxInFlight: 2, maxQueued: 3, retryAfterMs: 5_000 },
    verifyPassword: checks.verify,
  })

  const signIn = async (email: string, password: string) => {
    const res = await fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as { error?: { code: string; message: string } },
    }
  }

  it('refuses a flood past the cap as busy with Retry-After, while invites still reach a signed-in expert', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)

    // Checks held in flight and the queue full: every other sign-in is answered at once, not queued.
    const answers: Array<Awaited<ReturnType<typeof signIn>>> = []
    let heard = (): void => undefined
    const flood = Array.from({ length: 40 }, (_, i) =>
      signIn(`flood${i}@example.test`, 'guess').then((answer) => {
        answers.push(answer)
        heard()
        return answer
      }),
    )
    while (answers.length < 35) await new Promise<void>((resolve) => (heard = resolve))
    const refusedNow = [...answers]
    expect(refusedNow.map((r) => r.status)).toEqual(Array(35).fill(503))
    expect(checks.held).toBe(2)
    for (const refusal of refusedNow) {
      expect(refusal.retryAfter).toBe('5')
      expect(refusal.body.error?.code).toBe('busy')
      expect(refusal.body.error?.message).toBe(
        'The platform is busy with other sign-ins; try again in 5 seconds.',
      )
    }

    // The expert who is already signed in hears of a new invite while the checks are still held.
    platform().inviteDirectly(expert.id, 'Help during a sign-in flood')
    const invite = await socket.waitForEvent(ofType('invite.created'))
    expect(invite.payload.invite.request.title).toBe('Help during a sign-in flood')
    expect(checks.held).toBe(2)

    // The checked and queued ones get their real answer; afterwards a person signs in as usual.
    checks.letGo()
    await Promise.all(flood)
    expect(answers.slice(35).map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
    const email = platform()
      .server.marketplace.db.prepare<[string], { email: string }>('SELECT email FROM experts WHERE id = ?')
      .get(expert.id)?.email
    expect((await signIn(email ?? '', 'test-password')).status).toBe(200)
  })
})

describe('a flood of real password checks', () => {
  let running = 0
  let most = 0
  const platform = useTestPlatform({
    signInLimits: { addressFreeFailures: 10_000 },
    // Real scrypt, counted: the defaults decide how many run at once.
    verifyPassword: async (password, stored) => {
      most = Math.max(most, ++running)
      try {
        return await verifyPassword(password, stored)
      } finally {
        running -= 1
      }
    },
  })

  it('never runs more checks at once than the cap, and answers every sign-in as refused or busy', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const flood = Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `real${i}@example.test`, password: 'guess' }),
        }).then(async (res) => ({ status: res.status, body: await res.text() })),
      ),
    )
    platform().inviteDirectly(expert.id, 'Help while scrypt is busy')
    expect((await socket.waitForEvent(ofType('invite.created'))).payload.invite.request.title).toBe(
      'Help while scrypt is busy',
    )
    const answers = await flood
    expect(answers.every((a) => a.status === 401 || (a.status === 503 && a.body.includes('"busy"')))).toBe(
      true,
    )
    expect(most).toBeGreaterThan(0)
    expect(most).toBeLessThanOrEqual(defaultPasswordCheckLimits.maxInFlight)
  })
})
