/**
 * A sign-in made while the computer is offline, to a platform whose name this run found before
 * (its link connected, or the sign-in's own check answered), is told as a network gone, not an
 * unknown host: macOS reports a lookup made offline as ENOTFOUND, and an expert told to check the
 * address would change one that is right. A name never found is still an unknown host.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'
import { memoryCore, signInAnyone } from './core-kit'

const PLATFORM = 'http://127.0.0.1:4455'
const tempDir = useTempDirs()
const openStore = storeFactory()

/** fetch as Node fails it when the name is not found: a TypeError whose cause carries the code. */
const nameNotFound = (): Promise<Response> =>
  Promise.reject(
    new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }),
  )

/** A core whose fetch answers as a platform until `offline` says otherwise for a path. */
function setUp(stored?: { platformUrl: string; token: string; expertId: string }) {
  const online = signInAnyone()
  const offline = { paths: new Set<string>(), hosts: new Set<string>() }
  const { core, connections } = memoryCore({
    clock: new ManualClock(FIXTURE_NOW),
    cache: openStore(join(tempDir(), 'cache.db')).store,
    fetch: (input, init) => {
      const { pathname, hostname } = new URL(String(input))
      return offline.paths.has(pathname) || offline.hosts.has(hostname) ? nameNotFound() : online(input, init)
    },
    storedAtStart: stored,
  })
  /** A sign-in whose `path` finds no name; what it says, or '' when it got in. */
  const signInWithout = async (path: string): Promise<string> => {
    offline.paths.add(path)
    const outcome = await core.signIn(PLATFORM, 'exp_a@example.test', 'password')
    return outcome.ok ? '' : outcome.message
  }
  return { core, connections, signInWithout, offline }
}

const OFFLINE_WORDS =
  /though it was before\)\. Check your connection: this computer may be offline, or its name server down\.$/

describe('a sign-in made offline', () => {
  it("after this run's link reached the platform, says the computer may be offline", async () => {
    const { core, connections, signInWithout } = setUp({
      platformUrl: PLATFORM,
      token: 't',
      expertId: 'exp_a',
    })
    await core.start()
    connections[0]?.accept()
    await core.signOut()
    const said = await signInWithout(HTTP_PATHS.info)
    expect(said).toMatch(OFFLINE_WORDS)
    expect(said).not.toMatch(/unknown host|Check the address/)
    core.stop()
  })

  it('lost between the check and the sign-in, says the name was found a moment before', async () => {
    const { core, signInWithout } = setUp()
    await core.start()
    expect(await signInWithout(HTTP_PATHS.signIn)).toBe(
      'Lost the platform while signing in (its name could not be looked up, though it was before). Try again.',
    )
    core.stop()
  })

  it('after an earlier sign-in of this run, says so too, though no link opened', async () => {
    const { core, signInWithout } = setUp()
    await core.start()
    expect(await signInWithout('/nothing-offline')).toBe('')
    await core.signOut()
    expect(await signInWithout(HTTP_PATHS.info)).toMatch(OFFLINE_WORDS)
    core.stop()
  })

  it('to a name never found in this run, is still an unknown host whose address to check', async () => {
    const { core, signInWithout } = setUp()
    await core.start()
    expect(await signInWithout(HTTP_PATHS.info)).toBe(
      `Could not reach ${PLATFORM} (unknown host). Check the address and your connection.`,
    )
    core.stop()
  })
})

describe('a sign-in made offline after another name was found', () => {
  // The record is of names, not of a run that went well: an address changed to a typo is no
  // network gone, and an expert told so would wait for a network that is there.
  it('to a mistyped address, is still an unknown host whose address to check', async () => {
    const { core, signInWithout, offline } = setUp()
    await core.start()
    expect(await signInWithout('/nothing-offline')).toBe('')
    await core.signOut()
    offline.hosts.add('platfrom.example.test')
    const outcome = await core.signIn('https://platfrom.example.test', 'exp_a@example.test', 'password')
    expect(outcome).toMatchObject({
      ok: false,
      message:
        'Could not reach https://platfrom.example.test (unknown host). Check the address and your connection.',
    })
    core.stop()
  })

  it('to the found name written in other capitals, says the computer may be offline', async () => {
    const { core, offline } = setUp()
    await core.start()
    const found = await core.signIn('https://Platform.Example.test', 'exp_a@example.test', 'password')
    expect(found.ok).toBe(true)
    await core.signOut()
    offline.hosts.add('platform.example.test')
    const outcome = await core.signIn('https://platform.example.TEST', 'exp_a@example.test', 'password')
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(OFFLINE_WORDS) })
    core.stop()
  })
})

describe("a link whose platform's name the sign-in found", () => {
  it('failing its first attempt offline, says the computer may be offline', async () => {
    const { core, connections, signInWithout } = setUp()
    await core.start()
    expect(await signInWithout('/nothing-offline')).toBe('')
    connections.at(-1)?.fail('ENOTFOUND')
    expect(core.connection).toMatchObject({ reason: expect.stringMatching(OFFLINE_WORDS) })
    core.stop()
  })
})
