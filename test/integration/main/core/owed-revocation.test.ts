/**
 * A sign-out made while the platform cannot be reached still ends the token on the platform: the
 * revocation is kept (beside the sign-in, as privately) and asked again once the link connects,
 * after a restart too. Tried once, the token stayed valid there until the platform's idle sweep.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import type { StoredSignIn } from '../../../../src/main/core/ports/secrets'
import { createNodeAdapters, NODE_DATA_FILES } from '../../../../src/main/node/adapters'
import { startNodeRuntime } from '../../../../src/main/node/runtime/start-node-runtime'
import { systemClock } from '../../../../src/shared/clock'
import { HTTP_PATHS } from '../../../../src/shared/protocol/http'
import { useCleanup } from '../../../support/cleanup'
import { recordingLog, type RecordingLog } from '../../../support/recording-log'
import { startTestPlatform } from '../../../support/test-platform'
import { addExpert } from '../../../support/expert-with-password'

const defer = useCleanup()

/** An app on data folder `dir`; `kept` hears each list of owed revocations it stores. */
async function appOn(dir: string, log: RecordingLog, kept: (owed: readonly StoredSignIn[]) => void) {
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log })
  const { saveOwed } = adapters.secrets
  if (saveOwed === undefined) throw new Error('The Node host keeps no owed revocations')
  const runtime = await startNodeRuntime({
    dataDir: dir,
    adapters: {
      ...adapters,
      secrets: {
        ...adapters.secrets,
        saveOwed: async (owed) => {
          await saveOwed(owed)
          kept(owed)
        },
      },
    },
    clock: systemClock,
    log,
  })
  const online = new Promise<void>((resolve) =>
    runtime.core.states.add((state) => state.status === 'online' && resolve()),
  )
  return {
    core: runtime.core,
    online,
    close: async () => {
      await runtime.close()
      adapters.close()
    },
  }
}

/**
 * Ada on a reference platform, a data folder for her app, and each list of owed revocations the
 * app stores (`kept` hears them); `emptied` settles once one stored is empty.
 */
async function adaWithOwedList() {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  await addExpert(platform.server.marketplace, { name: 'Ada', email: 'ada@example.test' })
  const dir = mkdtempSync(join(tmpdir(), 'standby-owed-revocation-'))
  defer(() => rmSync(dir, { recursive: true, force: true }))
  const stored: Array<readonly StoredSignIn[]> = []
  let storedAgain = (): void => {}
  return {
    platform,
    dir,
    log: recordingLog(),
    stored,
    kept: (owed: readonly StoredSignIn[]): void => {
      stored.push(owed)
      storedAgain()
    },
    emptied: () =>
      new Promise<void>((resolve) => (storedAgain = () => stored.at(-1)?.length === 0 && resolve())),
  }
}

/** Ada signs in on a new app on the same data folder; settles once it has no revocation owed. */
async function signInAtNextStart(ada: Awaited<ReturnType<typeof adaWithOwedList>>) {
  const { platform, dir, log, kept, emptied } = ada
  const next = await appOn(dir, log, kept)
  defer(() => next.close())
  const owedNone = emptied()
  const again = await next.core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!again.ok) throw new Error(again.message)
  await owedNone
  return again
}

it('revokes a token signed out offline once the platform is reached again, after a restart', async () => {
  const ada = await adaWithOwedList()
  const { platform, dir, log, stored, kept } = ada

  const first = await appOn(dir, log, kept)
  const signedIn = await first.core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!signedIn.ok) throw new Error(signedIn.message)
  await first.online
  await platform.stopServer()
  await first.core.signOut()
  await first.close()

  expect(stored).toEqual([[expect.objectContaining({ token: signedIn.token })]])
  const owedFile = join(dir, NODE_DATA_FILES.revocationsOwed)
  if (process.platform !== 'win32') expect(readFileSync(owedFile).length).toBeGreaterThan(0)
  expect(log.text()).not.toContain(signedIn.token)

  await platform.startServer()
  expect(platform.server.tokens.expertFor(signedIn.token, platform.clock.now())).toBeDefined()
  const again = await signInAtNextStart(ada)

  expect(platform.server.tokens.expertFor(signedIn.token, platform.clock.now())).toBeUndefined()
  expect(platform.server.tokens.expertFor(again.token, platform.clock.now())).toBeDefined()
  expect(existsSync(owedFile)).toBe(false)
  expect(log.text()).not.toContain(signedIn.token)
})

it('revokes at the next start a token whose revocation was under way when Standby was ended', async () => {
  const ada = await adaWithOwedList()
  const { platform, dir, log, kept } = ada
  const first = await appOn(dir, log, kept)
  // Only to free its sockets and files once the test is over.
  defer(() => first.close())
  const signedIn = await first.core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!signedIn.ok) throw new Error(signedIn.message)
  await first.online
  // The platform never answers the revocation, and the process ends while it is on its way (as
  // Electron quits without waiting): nothing after the request is sent ever runs.
  const fetch = globalThis.fetch
  let asked = (): void => {}
  const revocationSent = new Promise<void>((resolve) => (asked = resolve))
  const unanswered = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    if (!String(input).endsWith(HTTP_PATHS.signOut)) return fetch(input, init)
    asked()
    return new Promise<Response>(() => {})
  })
  void first.core.signOut()
  await revocationSent
  unanswered.mockRestore()

  // Ended, not closed: the next start reads what the first left on disk and nothing more.
  expect(existsSync(join(dir, NODE_DATA_FILES.revocationsOwed))).toBe(true)
  const again = await signInAtNextStart(ada)

  expect(platform.server.tokens.expertFor(signedIn.token, platform.clock.now())).toBeUndefined()
  expect(platform.server.tokens.expertFor(again.token, platform.clock.now())).toBeDefined()
  expect(log.text()).not.toContain(signedIn.token)
})

it('keeps a token signed out offline that the platform hands back at the next sign-in, so the link stays signed in', async () => {
  const { platform, dir, log, stored, kept, emptied } = await adaWithOwedList()
  const app = await appOn(dir, log, kept)
  defer(() => app.close())
  const signedIn = await app.core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!signedIn.ok) throw new Error(signedIn.message)
  await app.online
  await platform.stopServer()
  await app.core.signOut()
  expect(stored).toEqual([[expect.objectContaining({ token: signedIn.token })]])

  await platform.startServer()
  // A platform that hands the expert's unrevoked sign-in back rather than a fresh one.
  platform.server.tokens.issue = () => signedIn.token
  const owedNone = emptied()
  const onlineAgain = new Promise<void>((resolve) =>
    app.core.states.add((state) => state.status === 'online' && resolve()),
  )
  const again = await app.core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!again.ok) throw new Error(again.message)
  expect(again.token).toBe(signedIn.token)
  await onlineAgain
  await owedNone

  expect(platform.server.tokens.expertFor(signedIn.token, platform.clock.now())).toBeDefined()
  expect(app.core.connection.status).toBe('online')
})
