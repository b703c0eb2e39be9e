/**
 * Signing in and out when the stored sign-in cannot be written or removed (a full disk, a
 * read-only profile, a keychain that refuses): neither is left half done, and the expert is told.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { Secrets } from '../../../../src/main/core/ports/secrets'
import type { StandbyCore } from '../../../../src/main/core/standby-core'
import { createNodeAdapters, NODE_DATA_FILES } from '../../../../src/main/node/adapters'
import { startNodeRuntime } from '../../../../src/main/node/runtime/start-node-runtime'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { systemClock } from '../../../../src/shared/clock'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { failWrites, readOnly } from '../../../support/cache-faults'
import { useCleanup } from '../../../support/cleanup'
import { recordingLog } from '../../../support/recording-log'
import { startTestPlatform } from '../../../support/test-platform'
import { addExpert } from '../../../support/expert-with-password'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })

const defer = useCleanup()

/** Resolves once the core's connection status passes `check`. */
function until(core: StandbyCore, check: (status: string) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check(core.connection.status)) return resolve()
    const off = core.states.add((state) => {
      if (!check(state.status)) return
      off()
      resolve()
    })
  })
}

/**
 * A platform with Ada, and an app whose stored sign-in fails as `broken` says; `before` runs on
 * its data folder before it starts.
 */
async function appWithBrokenStore(
  broken: (secrets: Secrets) => Partial<Secrets>,
  log: Logger = quiet,
  before: (dir: string) => void = () => {},
) {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  await addExpert(platform.server.marketplace, { name: 'Ada', email: 'ada@example.test' })
  const dir = mkdtempSync(join(tmpdir(), 'standby-sign-in-store-'))
  defer(() => rmSync(dir, { recursive: true, force: true }))
  before(dir)
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log: quiet })
  defer(() => adapters.close())
  const runtime = await startNodeRuntime({
    dataDir: dir,
    adapters: { ...adapters, secrets: { ...adapters.secrets, ...broken(adapters.secrets) } },
    clock: systemClock,
    log,
  })
  defer(() => runtime.close())
  const online = new Promise<void>((resolve) =>
    runtime.core.states.add((state) => {
      if (state.status === 'online') resolve()
    }),
  )
  return { platform, core: runtime.core, notices: adapters.notifier.shown, online }
}

it('signs in until Standby quits when the sign-in cannot be saved, and says so', async () => {
  const { platform, core, notices, online } = await appWithBrokenStore(() => ({
    save: () => Promise.reject(diskFull),
  }))
  const outcome = await core.signIn(platform.server.url, 'ada@example.test', 'right')
  expect(outcome).toMatchObject({ ok: true, expert: { name: 'Ada' } })
  await online
  expect(notices).toContainEqual(
    expect.objectContaining({
      kind: 'notice',
      title: 'Signed in until Standby quits',
      body: expect.stringContaining('ENOSPC: no space left on device'),
    }),
  )
})

it('signs out when the saved sign-in cannot be removed: the token is revoked, the cache emptied, and it says so', async () => {
  const { platform, core, notices, online } = await appWithBrokenStore(() => ({
    clear: () => Promise.reject(diskFull),
  }))
  const outcome = await core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!outcome.ok) throw new Error(outcome.message)
  await online
  expect(core.cache.expert()?.name).toBe('Ada')

  await core.signOut()

  expect(core.connection.status).toBe('signed_out')
  expect(core.cache.expert()).toBeNull()
  expect(platform.server.tokens.expertFor(outcome.token, platform.clock.now())).toBeUndefined()
  expect(notices).toContainEqual(
    expect.objectContaining({ title: 'Signed out, but the saved sign-in is still on this computer' }),
  )
})

it('goes signed out with the reason when the platform refuses a token the disk will not let go of, and logs it', async () => {
  const log = recordingLog()
  const { platform, core, online } = await appWithBrokenStore(
    () => ({ clear: () => Promise.reject(diskFull) }),
    log,
  )
  const outcome = await core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!outcome.ok) throw new Error(outcome.message)
  await online
  // Signed out elsewhere: the platform revokes the token and ends its sockets.
  const revoked = await fetch(`${platform.server.url}${HTTP_PATHS.signOut}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${outcome.token}` },
  })
  expect(revoked.ok).toBe(true)

  await until(core, (status) => status === 'signed_out')

  expect(core.connection).toMatchObject({
    status: 'signed_out',
    reason: expect.stringMatching(/sign in again/),
  })
  await log.logged('The refused sign-in could not be removed')
})

it('signs out when the cache cannot be emptied: the token is revoked, and it says what is left', async () => {
  const { platform, core, notices, online } = await appWithBrokenStore(() => ({}))
  const outcome = await core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!outcome.ok) throw new Error(outcome.message)
  await online
  failWrites(core.cache, 'clear', readOnly)

  await core.signOut()

  expect(core.connection.status).toBe('signed_out')
  expect(platform.server.tokens.expertFor(outcome.token, platform.clock.now())).toBeUndefined()
  expect(notices).toContainEqual(
    expect.objectContaining({
      title: 'Signed out, but your sessions are still on this computer',
      body: expect.stringMatching(/readonly database\).*Check that your profile folder is writable/),
    }),
  )
})

it('refuses a sign-in that would show another expert’s cache when it cannot be emptied, and says what to do', async () => {
  const { platform, core, online } = await appWithBrokenStore(() => ({}))
  await addExpert(platform.server.marketplace, { name: 'Bea', email: 'bea@example.test' })
  const ada = await core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!ada.ok) throw new Error(ada.message)
  await online
  const clear = failWrites(core.cache, 'clear')

  const bea = await core.signIn(platform.server.url, 'bea@example.test', 'right')

  expect(bea).toMatchObject({
    ok: false,
    message: expect.stringMatching(/previous expert’s data.*disk is full\).*Free some space/),
  })
  // Ada stays signed in, on her own cache.
  expect(core.cache.expert()?.name).toBe('Ada')
  await until(core, (status) => status === 'online')
  expect(platform.server.tokens.expertFor(ada.token, platform.clock.now())).toBeDefined()
  clear.free()
  expect(await core.signIn(platform.server.url, 'bea@example.test', 'right')).toMatchObject({ ok: true })
  expect(core.cache.expert()?.name).not.toBe('Ada')
})

it('says on the sign-in form why it asks again when the saved sign-in is damaged, until the expert signs in', async () => {
  let signInFile = ''
  const { platform, core, online } = await appWithBrokenStore(
    () => ({}),
    quiet,
    (dir) => {
      signInFile = join(dir, NODE_DATA_FILES.signIn)
      writeFileSync(signInFile, '{"token": "tok_cut off', { mode: 0o600 })
    },
  )
  expect(core.connection).toEqual({
    status: 'signed_out',
    reason: 'Standby could not use your saved sign-in (it is not valid JSON) and removed it. Sign in again.',
  })
  expect(existsSync(signInFile)).toBe(false)
  await core.signIn(platform.server.url, 'ada@example.test', 'right')
  await online
  await core.signOut()
  expect(core.connection).toEqual({ status: 'signed_out', reason: null })
})
