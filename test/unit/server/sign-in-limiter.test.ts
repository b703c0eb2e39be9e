import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/shared/clock'
import { defaultSignInLimits, SignInLimiter } from '../../../server/src/sign-in-limiter'

function fail(limiter: SignInLimiter, email: string, address = '203.0.113.1') {
  const permit = limiter.attempt(email, address)
  return permit.allowed ? permit.settle(false) : permit
}

describe('SignInLimiter', () => {
  it('doubles the wait after each failure past the allowance, up to the longest wait', () => {
    const clock = new ManualClock(0)
    const limiter = new SignInLimiter(
      { ...defaultSignInLimits, accountFreeFailures: 2, maxDelayMs: 8_000 },
      clock,
    )
    const waits: number[] = []
    for (let i = 0; i < 7; i++) {
      const started = fail(limiter, 'a@example.test')
      if (!Array.isArray(started)) throw new Error('refused while no wait was running')
      waits.push(started.find((w) => w.scope === 'account')?.waitMs ?? 0)
      clock.advance(waits.at(-1) ?? 0)
    }
    expect(waits).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000])
  })

  it('counts an account’s failures together however its email is cased, from any address', () => {
    const limiter = new SignInLimiter({ ...defaultSignInLimits, accountFreeFailures: 2 }, new ManualClock(0))
    const spellings = ['victim@example.test', 'VICTIM@example.test', 'Victim@Example.TEST']
    spellings.forEach((email, i) => fail(limiter, email, `203.0.113.${i + 1}`))
    const next = limiter.attempt('vIcTiM@eXaMpLe.test', '198.51.100.7')
    expect(next).toMatchObject({ allowed: false, scope: 'account' })
  })

  it('forgets an account after a quiet hour, and keeps a bounded number of records', () => {
    const clock = new ManualClock(0)
    const limiter = new SignInLimiter(
      { ...defaultSignInLimits, accountFreeFailures: 1, maxEntries: 3 },
      clock,
    )
    fail(limiter, 'a@example.test')
    expect(limiter.attempt('a@example.test', '203.0.113.2')).toMatchObject({
      allowed: false,
      scope: 'account',
    })
    clock.advance(defaultSignInLimits.forgetAfterMs + 1)
    expect(limiter.attempt('A@example.test ', '203.0.113.2').allowed).toBe(true)

    // Four other accounts push the oldest record out: memory stays bounded under a spray.
    const sprayed = new SignInLimiter(
      { ...defaultSignInLimits, accountFreeFailures: 1, maxEntries: 3 },
      clock,
    )
    for (const email of ['b@x.test', 'c@x.test', 'd@x.test', 'e@x.test'])
      fail(sprayed, email, `198.51.100.${email.length}`)
    expect(sprayed.attempt('b@x.test', '192.0.2.9').allowed).toBe(true)
    expect(sprayed.attempt('e@x.test', '192.0.2.9').allowed).toBe(false)
  })

  it('keeps a running wait when a spray of other names fills the records', () => {
    const clock = new ManualClock(0)
    const limiter = new SignInLimiter(
      { ...defaultSignInLimits, accountFreeFailures: 2, addressFreeFailures: 1_000, maxEntries: 3 },
      clock,
    )
    fail(limiter, 'target@x.test')
    fail(limiter, 'target@x.test')
    expect(limiter.attempt('target@x.test', '192.0.2.9')).toMatchObject({ allowed: false, scope: 'account' })
    // One failure each, inside their allowance: a thousand names cost the spray nothing.
    for (let i = 0; i < 1_000; i++) fail(limiter, `spray${i}@x.test`, `198.51.100.${i % 250}`)
    expect(limiter.attempt('target@x.test', '192.0.2.9')).toMatchObject({ allowed: false, scope: 'account' })
  })
})

describe('a sign-in the platform was too busy to check', () => {
  it('counts as neither a failure nor a success once withdrawn', () => {
    const clock = new ManualClock(0)
    const limiter = new SignInLimiter({ ...defaultSignInLimits, accountFreeFailures: 2 }, clock)
    for (let i = 0; i < 10; i++) {
      const permit = limiter.attempt('busy@example.test', '203.0.113.5')
      if (!permit.allowed) throw new Error('a withdrawn attempt started a wait')
      permit.withdraw()
    }
    fail(limiter, 'busy@example.test')
    expect(limiter.attempt('busy@example.test', '203.0.113.5').allowed).toBe(true)
  })
})
