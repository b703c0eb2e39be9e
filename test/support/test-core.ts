/**
 * The app's core for tests: the same runtime the hosts start (real SQLite cache, real sockets),
 * over the Node adapters in a temp data directory, with helpers to wait for what it does.
 */
import type { Invite } from '../../src/shared/protocol'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LinkTimings } from '../../src/main/core/connection/platform-link'
import type { Logger } from '../../src/main/core/ports/logger'
import { createNodeAdapters, type NodeAdapters } from '../../src/main/node/adapters'
import type { Runtime } from '../../src/main/node/runtime/start-runtime'
import { headlessHost, startNodeRuntime } from '../../src/main/node/runtime/start-node-runtime'
import { systemClock, type Clock } from '../../src/shared/clock'
import type { ConnectionState } from '../../src/shared/connection-state'
import { startPathProxy } from './path-proxy'
import { stallTimer } from './stall-timer'
import { startTestPlatform, type TestPlatform } from './test-platform'

/** How long a wait lets the core do nothing (no state change, no notification); a failsafe, not a sleep. */
const WAIT_MS = 20_000

/** A running core and its adapters. */
export interface TestCore {
  readonly runtime: Runtime
  readonly adapters: NodeAdapters
  readonly dir: string
  readonly cachePath: string
  /** Resolve with the first connection state matching `predicate` (the current one included). */
  waitForState(predicate: (state: ConnectionState) => boolean): Promise<ConnectionState>
  /**
   * Resolve once `count` notifications have been shown; `progress`, when given, wakes the wait's
   * failsafe on work the core does before any is shown (the parts of a snapshot crossing a slow link).
   */
  waitForNotifications(count: number, progress?: (wake: () => void) => () => void): Promise<void>
  /** Stop the core; keep the data directory unless `remove`. */
  close(remove?: boolean): void
}

/** Options for a test core. */
export interface TestCoreOptions {
  readonly platformUrl: string
  readonly token: string
  readonly expertId: string
  /** Reuse a data directory (a restart); a fresh temp one otherwise. */
  readonly dir?: string
  /**
   * The app's clock; the computer's unless given. A test that restarts a core and reads the
   * platform's time before it hears the platform gives both runs one clock at the test platform's
   * time: on the computer's clock, 11 months past that, the restart goes by the offset the first run
   * kept, which is kept only once two answers agree, and a test platform's clock stands still, so
   * its answers agree only when they come close together (on a busy machine, they may not).
   */
  readonly clock?: Clock
  readonly timings?: Partial<LinkTimings>
  /** Times the link's liveness (silence, probes); real time unless given. */
  readonly linkClock?: Clock
  /** Hears the core's log lines; silent unless given. */
  readonly log?: Logger
  /** Start with no stored sign-in, as after a refused token: the cache is kept, nothing connects. */
  readonly signedOut?: boolean
}

const silent = { info: () => {}, warn: () => {}, error: () => {} }

function until<T>(
  check: () => T | undefined,
  subscribe: (wake: () => void) => () => void,
  what: () => string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check()
    if (first !== undefined) return resolve(first)
    // Every wake (a state change, a notification) is progress and starts the failsafe over, so a
    // count that a busy machine reaches slowly is not taken for one that never comes.
    const failsafe = stallTimer(WAIT_MS, () => {
      off()
      reject(new Error(`Timed out waiting for ${what()}: nothing happened for ${WAIT_MS} ms`))
    })
    const off = subscribe(() => {
      const value = check()
      if (value === undefined) return failsafe.progress()
      failsafe.stop()
      off()
      resolve(value)
    })
  })
}

/** A core on a fresh platform, and the address it was signed in with. */
export interface CoreOnPlatform {
  readonly platform: TestPlatform
  readonly expert: { readonly id: string; readonly token: string }
  readonly core: TestCore
  /** The platform's address as the core has it: the platform's own, or the proxy's with its path. */
  readonly platformUrl: string
}

/**
 * Where a fresh platform is reached: at its own address, or through a proxy serving it under
 * `underPath`; and the core's clock, when the test moves the app's time apart from the platform's.
 */
export interface PlatformReach {
  readonly underPath?: string
  readonly appClock?: Clock
}

/**
 * A fresh platform with one expert and a core signed in as that expert, still connecting; `defer`
 * closes them after the test.
 */
export async function startCoreWithPlatform(
  defer: (fn: () => Promise<void> | void) => void,
  { underPath, appClock }: PlatformReach = {},
): Promise<CoreOnPlatform> {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  let platformUrl = platform.server.url
  if (underPath !== undefined) {
    const proxy = await startPathProxy(platform.server.port, underPath)
    defer(() => proxy.close())
    platformUrl = proxy.url
  }
  const expert = platform.addExpert()
  const core = await startCoreFor(platformUrl, expert, appClock === undefined ? {} : { clock: appClock })
  defer(() => core.close(true))
  return { platform, expert, core, platformUrl }
}

/** A fresh platform with one expert whose core is online; `defer` closes both after the test. */
export async function startOnlineCore(
  defer: (fn: () => Promise<void> | void) => void,
  reach: PlatformReach = {},
): Promise<CoreOnPlatform> {
  const started = await startCoreWithPlatform(defer, reach)
  await started.core.waitForState((s) => s.status === 'online')
  return started
}

/** Start a core signed in as `expert` on the platform at `platformUrl` (the platform's or a proxy's). */
export function startCoreFor(
  platformUrl: string,
  expert: { readonly id: string; readonly token: string },
  more: Omit<TestCoreOptions, 'platformUrl' | 'token' | 'expertId'> = {},
): Promise<TestCore> {
  return startTestCore({ platformUrl, token: expert.token, expertId: expert.id, ...more })
}

/** Start a core signed in as `expertId` on `platformUrl`. */
export async function startTestCore(options: TestCoreOptions): Promise<TestCore> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'standby-core-'))
  const log = options.log ?? silent
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log })
  if (options.signedOut === true) await adapters.secrets.clear()
  else
    await adapters.secrets.save({
      platformUrl: options.platformUrl,
      token: options.token,
      expertId: options.expertId,
    })
  const cachePath = join(dir, 'cache.db')
  const runtime = await startNodeRuntime({
    dataDir: dir,
    adapters,
    clock: options.clock ?? systemClock,
    log,
    host: headlessHost('test', log),
    timings: options.timings,
    linkClock: options.linkClock,
    random: () => 0.5,
  })
  return {
    runtime,
    adapters,
    dir,
    cachePath,
    waitForState: (predicate) =>
      until(
        () => (predicate(runtime.core.connection) ? runtime.core.connection : undefined),
        (wake) => runtime.core.states.add(wake),
        () => `a connection state; last was ${JSON.stringify(runtime.core.connection)}`,
      ),
    waitForNotifications: (count, progress) =>
      until(
        () => (adapters.notifier.shown.length >= count ? true : undefined),
        (wake) => {
          const offShown = adapters.notifier.onShow(wake)
          const offProgress = progress?.(wake)
          return () => {
            offShown()
            offProgress?.()
          }
        },
        () => `${count} notifications; saw ${adapters.notifier.shown.length}`,
      ).then(() => undefined),
    close(remove = false) {
      runtime.close()
      adapters.close()
      if (remove) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The open invite titled `title` once the core holds it. */
export function inviteTitled(core: TestCore, title: string): Promise<Invite> {
  return new Promise((resolve) => {
    const find = () =>
      core.runtime.cache
        .openInvites(core.runtime.core.platformClock.now())
        .find((i) => i.request.title === title)
    const already = find()
    if (already !== undefined) return resolve(already)
    const off = core.runtime.core.cacheChanged.add(() => {
      const found = find()
      if (found === undefined) return
      off()
      resolve(found)
    })
  })
}

/**
 * Ada's core signed in to the scripted platform at `platform.url`, online with its catch-up
 * settled, its log lines told to `log` when given; `defer` closes the platform and the core after
 * the test.
 */
export async function adaSettledOn(
  defer: (close: () => Promise<void> | void) => void,
  platform: { readonly url: string; close(): Promise<void> | void },
  log?: Logger,
): Promise<TestCore> {
  defer(() => platform.close())
  const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada', log })
  defer(() => core.close(true))
  await core.waitForState((s) => s.status === 'online')
  await core.runtime.core.settled()
  return core
}
