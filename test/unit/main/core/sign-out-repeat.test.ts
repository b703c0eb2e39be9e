/**
 * Sign-out asked for again and again (a page calling auth.signOut in a loop): once everything is
 * removed, a repeat has nothing to do, so it neither clears the keychain, empties the cache nor
 * takes the notifications down once per call.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { FIXTURE_NOW } from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'
import { memoryCore, signInAnyone } from './core-kit'

const PLATFORM = 'http://127.0.0.1:4455'
const tempDir = useTempDirs()
const openStore = storeFactory()

function setUp(clear: () => Promise<void> = async () => {}) {
  const clears: number[] = []
  const built = memoryCore({
    clock: new ManualClock(FIXTURE_NOW),
    cache: openStore(join(tempDir(), 'cache.db')).store,
    fetch: signInAnyone(),
    beforeClear: async () => {
      clears.push(clears.length)
      await clear()
    },
  })
  const withdrawn = () => built.notifier.shown.filter((shown) => shown.kind === 'all_withdrawn').length
  return { ...built, clears, withdrawn }
}

describe('a sign-out asked for again', () => {
  it('does nothing once the last sign-out removed everything, until a sign-in is tried', async () => {
    const { core, clears, withdrawn } = setUp()
    await core.start()
    const outcome = await core.signIn(PLATFORM, 'exp_a@example.test', 'password')
    expect(outcome.ok).toBe(true)
    await core.signOut()
    expect(clears).toHaveLength(1)
    expect(withdrawn()).toBe(1)

    await Promise.all(Array.from({ length: 100 }, () => core.signOut()))
    expect(clears).toHaveLength(1)
    expect(withdrawn()).toBe(1)
    expect(core.connection.status).toBe('signed_out')

    await core.signIn(PLATFORM, 'exp_a@example.test', 'password')
    await core.signOut()
    expect(clears).toHaveLength(2)
  })

  it('tries again when the last sign-out left the saved sign-in behind', async () => {
    const { core, clears, mend } = await signedOutWhileKeychainRefuses()
    mend()
    await core.signOut()
    await core.signOut()
    expect(clears).toHaveLength(2)
  })

  it('tells a keychain that keeps refusing in one notice on screen, however often sign-out is asked', async () => {
    const { core, clears, notifier } = await signedOutWhileKeychainRefuses()
    for (let n = 1; n < 20; n++) await core.signOut()
    expect(clears).toHaveLength(20)
    const told = (): string[] =>
      notifier.shown.flatMap((shown) => (shown.kind === 'notice' ? [shown.title] : []))
    expect(told()).toEqual(['Signed out, but the saved sign-in is still on this computer'])
    expect(notifier.noticesOnScreen).toHaveLength(1)
  })

  it('takes the notice of a sign-in left behind off the screen once a sign-out asked again removes it', async () => {
    const { core, notifier, mend } = await signedOutWhileKeychainRefuses()
    expect(notifier.noticesOnScreen).toHaveLength(1)
    mend()
    await core.signOut()
    expect(notifier.noticesOnScreen).toEqual([])
  })
})

/** Signed in, then out while the keychain refuses to remove the saved sign-in, until `mend()`. */
async function signedOutWhileKeychainRefuses() {
  let failing = true
  const built = setUp(async () => {
    if (failing) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
  })
  await built.core.start()
  await built.core.signIn(PLATFORM, 'exp_a@example.test', 'password')
  await built.core.signOut()
  return { ...built, mend: () => void (failing = false) }
}
