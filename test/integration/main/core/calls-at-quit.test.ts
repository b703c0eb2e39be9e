/**
 * Calls a page makes as Standby quits, and a sign-in the platform answers then: each is refused
 * with a sentence saying to open Standby again, a warning naming the call, no error and no crash;
 * no token is left valid on the platform with no one to keep it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { verifyPassword } from '../../../../server/src/auth'
import { answerCall } from '../../../../src/main/core/ipc/answer-call'
import { CALL_AT_QUIT, UNANSWERED_AT_QUIT } from '../../../../src/main/core/ipc/closed-api'
import { SIGN_IN_AT_QUIT } from '../../../../src/main/core/auth/sign-in-turns'
import { createNodeAdapters } from '../../../../src/main/node/adapters'
import { startNodeRuntime } from '../../../../src/main/node/runtime/start-node-runtime'
import type { Runtime } from '../../../../src/main/node/runtime/start-runtime'
import { invokeContract, type InvokeChannel } from '../../../../src/shared/ipc/contract'
import { systemClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { addExpert } from '../../../support/expert-with-password'
import { recordingLog, type RecordingLog } from '../../../support/recording-log'
import { startTestPlatform, type TestPlatformOptions } from '../../../support/test-platform'
import { VALID_REQUESTS } from '../../../support/valid-ipc-requests'

const defer = useCleanup()

/** Ada signed in to a reference platform started with `options`, on an app of her own. */
async function adaSignedIn(options: TestPlatformOptions = {}) {
  const platform = await startTestPlatform(options)
  defer(() => platform.close())
  const ada = await addExpert(platform.server.marketplace, { name: 'Ada', email: 'ada@example.test' })
  const dir = mkdtempSync(join(tmpdir(), 'standby-calls-at-quit-'))
  defer(() => rmSync(dir, { recursive: true, force: true }))
  const log = recordingLog()
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log })
  defer(() => adapters.close())
  const runtime = await startNodeRuntime({ dataDir: dir, adapters, clock: systemClock, log })
  defer(() => runtime.close())
  const tokens = (): number =>
    platform.server.marketplace.db
      .prepare('SELECT COUNT(*) FROM tokens WHERE expert_id = ?')
      .pluck()
      .get(ada) as number
  return { platform, runtime, log, tokens, adapters, dir }
}

/**
 * The platform's password check, answered at once until `hold`, then held until `release`:
 * a sign-in asked for then gets its token only when the test says, after the quit.
 */
function heldPasswordCheck() {
  let held = false
  let release = (): void => {}
  let checking = (): void => {}
  const checkStarted = new Promise<void>((resolve) => (checking = resolve))
  const heldCheck: TestPlatformOptions['verifyPassword'] = (password, stored) =>
    held
      ? new Promise((resolve) => {
          release = () => resolve(verifyPassword(password, stored))
          checking()
        })
      : Promise.resolve(verifyPassword(password, stored))
  return {
    verifyPassword: heldCheck,
    hold: () => (held = true),
    release: () => release(),
    checkStarted,
  }
}

/** The next start of Standby on `dir`, as its runtime and its log. */
async function nextStart(dir: string) {
  const log = recordingLog()
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log })
  defer(() => adapters.close())
  const runtime = await startNodeRuntime({ dataDir: dir, adapters, clock: systemClock, log })
  defer(() => runtime.close())
  return runtime
}

/** Resolves once `runtime` is online with its catch-up over: the cache holds the expert's data. */
async function caughtUp(runtime: Runtime): Promise<void> {
  await new Promise<void>((resolve) => {
    const online = (): void => {
      if (runtime.core.connection.status === 'online') resolve()
    }
    runtime.core.states.add(online)
    online()
  })
  await runtime.core.settled()
}

/** The log's lines at error level. */
function errors(log: RecordingLog): string[] {
  return log.lines.filter((line) => line.startsWith('error '))
}

it('refuses every call a page makes once Standby is quitting, saying to open it again, and signs in nowhere', async () => {
  const { platform, runtime, log, tokens } = await adaSignedIn()
  const first = await runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')
  expect(first.ok).toBe(true)
  runtime.close()

  for (const channel of Object.keys(invokeContract) as InvokeChannel[]) {
    const request =
      channel === 'auth.signIn'
        ? { platformUrl: platform.server.url, email: 'ada@example.test', password: 'right' }
        : VALID_REQUESTS[channel]
    const answer = await answerCall(channel, request, runtime.api[channel] as never, log)
    expect(answer, channel).toEqual({ ok: false, error: { code: 'handler_failed', message: CALL_AT_QUIT } })
    expect(log.text()).toContain(`IPC ${channel} failed`)
  }
  expect(errors(log)).toEqual([])
  expect(tokens()).toBe(1)
})

it('ends on the platform a sign-in it answers as Standby quits, and tells the page to sign in at the next start', async () => {
  const check = heldPasswordCheck()
  // The password check is held until the app has closed: the token is issued after the quit.
  check.hold()
  const { platform, runtime, log, tokens } = await adaSignedIn({ verifyPassword: check.verifyPassword })
  const signIn = runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')
  await check.checkStarted
  runtime.close()
  check.release()

  expect(await signIn).toEqual({ ok: false, reason: 'failed', message: SIGN_IN_AT_QUIT })
  expect(tokens()).toBe(0)
  expect(errors(log)).toEqual([])
  expect(log.text()).toContain('A sign-in was refused: Standby is quitting')
})

it('keeps the sign-in in use when the platform hands its token back to a sign-in answered as Standby quits', async () => {
  const check = heldPasswordCheck()
  const { platform, runtime, adapters } = await adaSignedIn({ verifyPassword: check.verifyPassword })
  const first = await runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')
  if (!first.ok) throw new Error(first.message)
  // A platform that hands the expert's sign-in back rather than a fresh one.
  platform.server.tokens.issue = () => first.token
  check.hold()
  const again = runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')
  await check.checkStarted
  runtime.close()
  check.release()

  expect(await again).toEqual({ ok: false, reason: 'failed', message: SIGN_IN_AT_QUIT })
  // The next start connects with the sign-in kept, which the platform still takes.
  expect(await adapters.secrets.load()).toEqual(expect.objectContaining({ token: first.token }))
  expect(platform.server.tokens.expertFor(first.token, platform.clock.now())).toBeDefined()
})

it('empties the cache of a sign-out Standby quits during: the next start is signed out, with nothing of the expert kept', async () => {
  const { platform, runtime, log, adapters, dir } = await adaSignedIn()
  expect((await runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')).ok).toBe(true)
  await caughtUp(runtime)
  expect(runtime.cache.expert()).not.toBeNull()
  // The keychain answers the removal only once Standby has quit.
  const clear = adapters.secrets.clear.bind(adapters.secrets)
  let clearing = (): void => {}
  const clearStarted = new Promise<void>((resolve) => (clearing = resolve))
  let answer = (): void => {}
  Object.assign(adapters.secrets, {
    clear: () => {
      clearing()
      return new Promise<void>((resolve) => (answer = resolve)).then(clear)
    },
  })
  const signedOut = runtime.core.signOut()
  await clearStarted
  runtime.close()
  answer()
  await signedOut

  expect(errors(log)).toEqual([])
  const next = await nextStart(dir)
  expect(next.core.connection.status).toBe('signed_out')
  expect(next.cache.expert()).toBeNull()
})

it('refuses whole a sign-out whose turn comes after the quit: the next start is still signed in, with its data', async () => {
  let release = (): void => {}
  let checking = (): void => {}
  const checkStarted = new Promise<void>((resolve) => (checking = resolve))
  let held = false
  const { platform, runtime, log, dir } = await adaSignedIn({
    // The second sign-in's password check is held until the app has closed: the sign-out waits behind it.
    verifyPassword: (password, stored) =>
      held
        ? new Promise((resolve) => {
            release = () => resolve(verifyPassword(password, stored))
            checking()
          })
        : verifyPassword(password, stored),
  })
  expect((await runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')).ok).toBe(true)
  await caughtUp(runtime)
  held = true
  const signIn = runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')
  await checkStarted
  const signedOut = runtime.core.signOut()
  runtime.close()
  release()
  await signIn
  await signedOut

  expect(errors(log)).toEqual([])
  expect(log.text()).toContain('A sign-out was refused: Standby is quitting')
  const next = await nextStart(dir)
  expect(next.core.connection.status).not.toBe('signed_out')
  expect(next.cache.expert()).not.toBeNull()
})

it('refuses a Join pressed on a notification and the tray’s availability switch once Standby is quitting, telling the expert so', async () => {
  const { platform, runtime, log, adapters } = await adaSignedIn()
  expect((await runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')).ok).toBe(true)
  await caughtUp(runtime)
  const focus: unknown[] = []
  runtime.notificationActions.focusRequests.add((request) => focus.push(request))
  runtime.close()

  await runtime.notificationActions.activate({
    action: 'primary',
    notification: {
      kind: 'invite',
      inviteId: 'inv_1',
      requestId: 'req_1',
      title: 'Sam',
      body: '',
      instant: true,
    },
  })
  await runtime.setAvailabilityFromTray('online')

  const told = adapters.notifier.shown.flatMap((n) => (n.kind === 'notice' ? [[n.title, n.body]] : []))
  expect(told).toEqual([
    ['Could not join', CALL_AT_QUIT],
    ['Could not make you available', CALL_AT_QUIT],
  ])
  expect(focus).toEqual([])
  expect(errors(log)).toEqual([])
  expect(log.text()).toContain(`was refused: ${CALL_AT_QUIT}`)
})

it('tells the tray’s availability change on its way as Standby quits as unanswered because of the quit, not as a sign-in that ended', async () => {
  const { platform, runtime, log, adapters } = await adaSignedIn()
  expect((await runtime.core.signIn(platform.server.url, 'ada@example.test', 'right')).ok).toBe(true)
  await caughtUp(runtime)
  const changing = runtime.setAvailabilityFromTray('away')
  runtime.close()
  await changing

  const told = adapters.notifier.shown.flatMap((n) => (n.kind === 'notice' ? [[n.title, n.body]] : []))
  expect(told).toEqual([
    [
      'No answer to setting you away',
      `${UNANSWERED_AT_QUIT.error.message} The tray shows your availability as the platform last said it.`,
    ],
  ])
  expect(errors(log)).toEqual([])
})
