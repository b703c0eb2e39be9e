/**
 * The notification of an open invite an earlier run left in the notification centre: found by its
 * invite alone, however many invites are open, since the OS hands them back one by one at a start.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CacheStore } from '../../../../src/main/core/ports/cache-store'
import { ManualClock } from '../../../../src/shared/clock'
import { anExpert, anInvite, aRequest, aSnapshot, FIXTURE_NOW, MINUTE } from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'
import { memoryCore, signInAnyone } from './core-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()

/** `store`, counting every invite its reads hand back. */
function counting(store: CacheStore): { cache: CacheStore; read: () => number } {
  let read = 0
  const cache = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const answer: unknown = value.apply(target, args)
        if (Array.isArray(answer)) read += answer.length
        else if (typeof answer === 'object' && answer !== null && 'request' in answer) read += 1
        return answer
      }
    },
  })
  return { cache, read: () => read }
}

describe('an earlier run’s invite notification', () => {
  it('is found by its invite alone, however many invites are open', async () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const { cache, read } = counting(store)
    const { core } = memoryCore({ clock: new ManualClock(FIXTURE_NOW), cache, fetch: signInAnyone() })
    await core.start()
    const signedIn = await core.signIn('http://127.0.0.1:4455', 'exp_ada@example.test', 'password')
    expect(signedIn.ok).toBe(true)
    const open = Array.from({ length: 2_000 }, (_, n) =>
      anInvite({
        id: `inv_${n}`,
        request: aRequest({ id: `req_${n}` }),
        sentAt: FIXTURE_NOW - n,
        expiresAt: FIXTURE_NOW + 5 * MINUTE,
      }),
    )
    const ranOut = anInvite({
      id: 'inv_ran_out',
      request: aRequest({ id: 'req_ran_out' }),
      expiresAt: FIXTURE_NOW - MINUTE,
    })
    store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ada' }), openInvites: [...open, ranOut] }))
    const before = read()
    for (const n of [0, 999, 1_999]) {
      expect(core.earlierInvite(`inv_${n}`)).toMatchObject({ kind: 'invite', inviteId: `inv_${n}` })
    }
    expect(core.earlierInvite('inv_none')).toBeNull()
    expect(core.earlierInvite('inv_ran_out')).toBeNull()
    expect(read() - before).toBeLessThanOrEqual(5)
    // A button pressed on it is still the core's to answer: the platform says it ran out.
    expect(core.heldInvite('inv_ran_out')).toMatchObject({ kind: 'invite', inviteId: 'inv_ran_out' })
    expect(core.heldInvite('inv_none')).toBeNull()
    await core.signOut()
    // Signed out, no invite is anyone's.
    expect(core.heldInvite('inv_0')).toBeNull()
  })
})
