import { describe, expect, it } from 'vitest'
import { PasswordCheckGate } from '../../../server/src/password-check-gate'

/** A check the test finishes by hand, so "in flight" is a state, not a moment. */
function heldChecks() {
  const started: string[] = []
  const finish = new Map<string, (ok: boolean) => void>()
  const check = (name: string) => () => {
    started.push(name)
    return new Promise<boolean>((resolve) => finish.set(name, resolve))
  }
  return { started, finish: (name: string) => finish.get(name)?.(true), check }
}

describe('PasswordCheckGate', () => {
  it('runs a few checks at once, queues a few more in order, and refuses the rest at once as busy', async () => {
    const gate = new PasswordCheckGate({ maxInFlight: 2, maxQueued: 2, retryAfterMs: 1_000 })
    const held = heldChecks()
    const outcomes = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => gate.run(held.check(name)))
    expect(await outcomes[4]).toEqual({ ran: false, why: 'busy' })
    expect(await outcomes[5]).toEqual({ ran: false, why: 'busy' })
    expect(held.started).toEqual(['a', 'b'])
    expect(gate.load).toEqual({ running: 2, queued: 2 })

    held.finish('a')
    expect(await outcomes[0]).toEqual({ ran: true, value: true })
    expect(held.started).toEqual(['a', 'b', 'c'])
    for (const name of ['b', 'c']) held.finish(name)
    await outcomes[2]
    held.finish('d')
    expect(await outcomes[3]).toEqual({ ran: true, value: true })
    expect(gate.load).toEqual({ running: 0, queued: 0 })
  })

  it('skips a queued check whose caller hung up, and a failing check frees its slot', async () => {
    const gate = new PasswordCheckGate({ maxInFlight: 1, maxQueued: 5, retryAfterMs: 1_000 })
    const held = heldChecks()
    const failing = gate.run(() => Promise.reject(new Error('scrypt failed')))
    const gone = gate.run(held.check('gone'), () => false)
    const next = gate.run(held.check('next'))
    await expect(failing).rejects.toThrow('scrypt failed')
    expect(await gone).toEqual({ ran: false, why: 'abandoned' })
    expect(held.started).toEqual(['next'])
    held.finish('next')
    expect(await next).toEqual({ ran: true, value: true })
  })
})
