/**
 * Sign-ins and sign-outs asked for while another is still on its way (a double press, two windows):
 * each takes effect in the order asked, so the last one asked is the one that holds — in memory, in
 * the connection, and in the sign-in saved for the next start.
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

/** Promises the test opens by name, before or after something waits on them. */
function gates() {
  const opened = new Map<string, () => void>()
  const waiting = new Map<string, Promise<void>>()
  const gate = (name: string): Promise<void> => {
    let found = waiting.get(name)
    if (found === undefined) {
      found = new Promise<void>((resolve) => opened.set(name, resolve))
      waiting.set(name, found)
    }
    return found
  }
  return { wait: gate, open: (name: string) => void (gate(name), opened.get(name)?.()) }
}

/** Let every promise and I/O callback that can run, run: several turns of the event loop. */
async function settledTurns(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

function setUp() {
  const { wait, open } = gates()
  const { core, connections, stored } = memoryCore({
    clock: new ManualClock(FIXTURE_NOW),
    cache: openStore(join(tempDir(), 'cache.db')).store,
    // Each expert's sign-in is answered, and saved, when the test opens its gate.
    fetch: signInAnyone((id) => wait(`answer ${id}`)),
    beforeSave: (signIn) => wait(`save ${signIn.expertId}`),
  })
  const connectedAs = () =>
    connections.filter((c) => c.state !== 'closed').map((c) => (c.options.auth as { token: string }).token)
  return { core, open, stored, connectedAs }
}

describe('sign-ins asked for one after another', () => {
  it('the later one holds, even when its answer comes first', async () => {
    const { core, open, stored, connectedAs } = setUp()
    await core.start()
    const first = core.signIn(PLATFORM, 'exp_a@example.test', 'password')
    const second = core.signIn(PLATFORM, 'exp_b@example.test', 'password')
    open('answer exp_b')
    open('save exp_b')
    // Whatever can run of the second sign-in runs before the first is answered.
    await settledTurns()
    open('answer exp_a')
    open('save exp_a')
    expect(await first).toMatchObject({ ok: true })
    expect(await second).toMatchObject({ ok: true })
    expect(stored()?.expertId).toBe('exp_b')
    expect(core.platformUrl).toBe(PLATFORM)
    expect(connectedAs()).toEqual(['token-exp_b'])
    core.stop()
  })

  it('a sign-out asked for while a sign-in is on its way leaves the expert signed out, nothing saved or connected', async () => {
    const { core, open, stored, connectedAs } = setUp()
    await core.start()
    const signingIn = core.signIn(PLATFORM, 'exp_a@example.test', 'password')
    const signingOut = core.signOut()
    open('answer exp_a')
    open('save exp_a')
    await signingIn
    await signingOut
    expect(stored()).toBeNull()
    expect(core.connection.status).toBe('signed_out')
    expect(connectedAs()).toEqual([])
    core.stop()
  })
})
