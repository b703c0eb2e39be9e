/**
 * The platform's wall clock set back or forward while it runs (by hand, or NTP correcting it):
 * durations (a connection's message allowance, a sign-in's wait, a session's billed time) are
 * measured on the steady clock, so no step stretches or cuts one.
 */
import { describe, expect, it } from 'vitest'
import { HTTP_PATHS, PROBE_EVENT, type CommandAck, type Session } from '../../../src/shared/protocol'
import { hashPassword } from '../../../server/src/auth'
import { useTestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('a connection’s message allowance', () => {
  const platform = useTestPlatform({ rateLimit: { burst: 40, perSecond: 20 } })

  it('is not withheld for as long as the clock was set back, over the socket or over HTTP', async () => {
    const { token } = platform().addExpert()
    const expert = await platform().connect(token)
    const probe = async (): Promise<boolean> =>
      ((await expert.socket.timeout(5_000).emitWithAck(PROBE_EVENT, {})) as CommandAck).ok
    const replay = async (): Promise<number> =>
      (
        await fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status
    expect([await probe(), await replay()]).toEqual([true, 200])
    platform().clock.step(-MINUTE)
    expect([await probe(), await replay()]).toEqual([true, 200])
    platform().clock.advance(5_000)
    expect([await probe(), await replay()]).toEqual([true, 200])
  })
})

describe('the wait after failed sign-ins', () => {
  const platform = useTestPlatform({ signInLimits: { accountFreeFailures: 5, firstDelayMs: 1_000 } })

  it('lasts as long as it said when the clock is set back an hour meanwhile', async () => {
    platform().server.marketplace.createExpert({
      name: 'Typo',
      email: 'typo@example.test',
      passwordHash: await hashPassword('right'),
      timeZone: 'UTC',
    })
    const signIn = async (password: string) => {
      const res = await fetch(`${platform().server.url}${HTTP_PATHS.signIn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'typo@example.test', password }),
      })
      return { status: res.status, retryAfter: res.headers.get('retry-after') }
    }
    for (let i = 0; i < 5; i++) expect((await signIn('wrong')).status).toBe(401)
    expect(await signIn('right')).toMatchObject({ status: 429, retryAfter: '1' })
    platform().clock.step(-60 * MINUTE)
    platform().clock.advance(2_000)
    expect(await signIn('right')).toEqual({ status: 200, retryAfter: null })
  })
})

describe('a session’s billed time', () => {
  const platform = useTestPlatform({
    marketplace: { defaultRate: { amountMinor: 2_000, currency: 'EUR' } },
  })
  let keys = 0

  /** A live instant session that is billing; `end` ends it as charged. */
  function billingSession(): { end: () => Session } {
    const { marketplace } = platform().server
    const expertId = platform().addExpert().id
    const { request } = platform().inviteDirectly(expertId, 'Billing help')
    const inviteId = marketplace.db
      .prepare<[string], string>('SELECT id FROM invites WHERE request_id = ?')
      .pluck()
      .get(request.id) as string
    const run = (name: string, payload: unknown): Session => {
      const ack = marketplace.execute(expertId, { name, idempotencyKey: `billing-${++keys}`, payload })
      if (!ack.ok) throw new Error(ack.error.message)
      return (ack.result as { session: Session }).session
    }
    const session = run('invite.accept', { inviteId, proposedTime: null })
    marketplace.clientJoin(session.id)
    run('session.startBilling', { sessionId: session.id })
    return { end: () => run('session.end', { sessionId: session.id, outcome: { kind: 'charged' } }) }
  }

  it.each([
    ['set back an hour', -60 * MINUTE],
    ['set forward two hours', 120 * MINUTE],
  ])('charges the 20 minutes billed when the clock is %s meanwhile, and ends after it started', (_, step) => {
    const session = billingSession()
    platform().clock.advance(10 * MINUTE)
    platform().clock.step(step)
    platform().clock.advance(10 * MINUTE)
    const ended = session.end()
    // Two started quarter hours at 20.00.
    expect(ended.earnings).toEqual({ amountMinor: 4_000, currency: 'EUR' })
    expect(ended.endedAt).toBe(platform().clock.now())
    expect((ended.endedAt ?? 0) - (ended.billingStartedAt ?? 0)).toBe(20 * MINUTE)
  })
})
