/**
 * A sign-in to an address whose platform let this run's link in, whose check then cannot reach it
 * (refused, no answer in time): the address is right, so the sign-in's words must not send the
 * expert to check it, however the address is written.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'
import { memoryCore, signInAnyone } from './core-kit'

const PLATFORM = 'http://127.0.0.1:4455'
const tempDir = useTempDirs()
const openStore = storeFactory()

/** fetch as Node fails it when nothing listens at the address. */
const refused = (): Promise<Response> =>
  Promise.reject(
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    }),
  )
/** fetch as it fails when its signal's time runs out before any answer. */
const timedOut = (): Promise<Response> => Promise.reject(new DOMException('timed out', 'TimeoutError'))

/** A core whose link was let in at `stored`, then whose sign-in's check fails as `failure` does. */
async function signInAfterReached(stored: string, failure: () => Promise<Response>, asked = PLATFORM) {
  const online = signInAnyone()
  let down = false
  const { core, connections } = memoryCore({
    clock: new ManualClock(FIXTURE_NOW),
    cache: openStore(join(tempDir(), 'cache.db')).store,
    fetch: (input, init) => (down ? failure() : online(input, init)),
    storedAtStart: { platformUrl: stored, token: 't', expertId: 'exp_a' },
  })
  await core.start()
  const welcome = {
    protocolVersion: PROTOCOL_VERSION,
    expertId: 'exp_a',
    latestEventId: 0,
    serverTime: FIXTURE_NOW,
  }
  const link = connections.at(-1)
  link?.accept()
  // Let in: the catch-up that follows is no part of it.
  link?.send(WELCOME_EVENT, welcome)
  expect(link?.state).toBe('open')
  await core.signOut()
  down = true
  const outcome = await core.signIn(asked, 'exp_a@example.test', 'password')
  core.stop()
  return outcome.ok ? '' : outcome.message
}

describe('a sign-in to an address the platform let Standby in at earlier in the run', () => {
  it.each([
    ['refused', refused, /\(connection refused\)\. The address is right.*the platform may be restarting/],
    ['not answered in time', timedOut, /\(no answer within \d+ s\)\. The address is right/],
  ])('%s: says the address is right, not to check it', async (_name, failure, words) => {
    const said = await signInAfterReached(PLATFORM, failure)
    expect(said).toMatch(words)
    expect(said).not.toMatch(/Check the address/i)
  })

  it('kept with a trailing slash (as an older Standby kept it) the sign-in does not write: still says the address is right', async () => {
    const said = await signInAfterReached(`${PLATFORM}/`, refused)
    expect(said).toMatch(/The address is right/)
    expect(said).not.toMatch(/Check the address/i)
  })

  it('at another port than the link was let in at: still says to check the address', async () => {
    const said = await signInAfterReached(PLATFORM, refused, 'http://127.0.0.1:4456')
    expect(said).toMatch(/Check the address/)
  })
})
