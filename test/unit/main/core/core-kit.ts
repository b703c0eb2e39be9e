/**
 * The core over in-memory ports, for unit tests of what it does across sign-ins: a memory link
 * transport, secrets kept in a variable, the recording notifier, and a platform's HTTP side that
 * signs in whoever asks.
 */
import type { CacheStore } from '../../../../src/main/core/ports/cache-store'
import type { Power } from '../../../../src/main/core/ports/power'
import type { StoredSignIn } from '../../../../src/main/core/ports/secrets'
import { StandbyCore } from '../../../../src/main/core/standby-core'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { createRecordingNotifier } from '../../../../src/main/node/adapters/recording-notifier'
import type { ManualClock } from '../../../../src/shared/clock'
import { HTTP_PATHS, PLATFORM_NAME, PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { anExpert, FIXTURE_NOW } from '../../../support/fixtures'
import { memoryTransport } from '../../../support/memory-transport'

/**
 * A platform's HTTP side that signs in whoever asks, as the expert named by the email's local part
 * (token `token-<id>`), once `beforeAnswer(id)` has settled.
 */
export function signInAnyone(
  beforeAnswer: (expertId: string) => Promise<void> = async () => {},
): typeof fetch {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
  return async (input, init) => {
    const url = new URL(String(input))
    if (url.pathname === HTTP_PATHS.info)
      return json({ platform: PLATFORM_NAME, protocolVersion: PROTOCOL_VERSION, serverTime: FIXTURE_NOW })
    if (url.pathname !== HTTP_PATHS.signIn) return new Response(null, { status: 204 })
    const { email } = JSON.parse(String(init?.body)) as { email: string }
    const id = email.split('@')[0] ?? ''
    await beforeAnswer(id)
    return json({ token: `token-${id}`, expert: anExpert({ id, email }) })
  }
}

/** What a test gives the core beyond the in-memory ports. */
export interface MemoryCoreOptions {
  readonly clock: ManualClock
  readonly cache: CacheStore
  readonly fetch: typeof fetch
  readonly power?: Power
  /** Settles before a sign-in is saved. */
  readonly beforeSave?: (signIn: StoredSignIn) => Promise<void>
  /** Settles before the saved sign-in is removed: a keychain takes its time. */
  readonly beforeClear?: () => Promise<void>
  /** The sign-in an earlier run saved, resumed at start. */
  readonly storedAtStart?: StoredSignIn
}

/** The core, its link's connections, and the sign-in its secrets hold. */
export function memoryCore(options: MemoryCoreOptions) {
  const { transport, connections } = memoryTransport()
  let stored: StoredSignIn | null = options.storedAtStart ?? null
  /** The rooms opened in the system browser. */
  const opened: string[] = []
  const browser = {
    opened,
    open: (url: string) => {
      opened.push(url)
      return Promise.resolve()
    },
  }
  const notifier = createRecordingNotifier()
  const core = new StandbyCore({
    transport,
    clock: options.clock,
    linkClock: options.clock,
    power: options.power ?? createPowerHook(),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    random: () => 0.5,
    secrets: {
      load: () => Promise.resolve(stored),
      save: async (signIn) => {
        await options.beforeSave?.(signIn)
        stored = signIn
      },
      clear: async () => {
        await options.beforeClear?.()
        stored = null
      },
    },
    notifier,
    browser,
    tray: { set: () => {} },
    cache: options.cache,
    fetch: options.fetch,
  })
  return { core, connections, notifier, browser, stored: () => stored }
}
