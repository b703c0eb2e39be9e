/**
 * One expert's core signed in to a fresh platform through a misbehaving proxy, online: the
 * world of the tests of commands whose answers a network loses, stalls or holds.
 */
import { ManualClock } from '../../src/shared/clock'
import { FaultProxy } from './fault-proxy'
import { startCoreFor, type TestCore } from './test-core'
import { startTestPlatform, TEST_START, type TestPlatform, type TestPlatformOptions } from './test-platform'

/** What a test of a lost or held answer works with. */
export interface ProxiedExpert {
  readonly platform: TestPlatform
  readonly expert: { readonly id: string; readonly token: string }
  readonly proxy: FaultProxy
  /** Times the link's waits (an answer's, the silence check's); reconnecting runs in real time. */
  readonly linkClock: ManualClock
  readonly core: TestCore
}

/**
 * Starts the platform, the proxy and the core, each closed through `defer`, and waits until the
 * core is online. `coreClock` is the core's own clock where a test moves it too (the link's clock
 * itself when the test says so).
 */
export async function startProxiedExpert(
  defer: (close: () => Promise<void> | void) => void,
  options: { readonly platform?: TestPlatformOptions; readonly coreClock?: ManualClock | 'link' } = {},
): Promise<ProxiedExpert> {
  const platform = await startTestPlatform(options.platform)
  defer(() => platform.close())
  const expert = platform.addExpert()
  const proxy = await FaultProxy.start(platform.server.port)
  defer(() => proxy.close())
  const linkClock = new ManualClock(TEST_START)
  const clock = options.coreClock === 'link' ? linkClock : options.coreClock
  const core = await startCoreFor(
    proxy.url,
    expert,
    clock === undefined ? { linkClock } : { clock, linkClock },
  )
  defer(() => core.close(true))
  await core.waitForState((s) => s.status === 'online')
  return { platform, expert, proxy, linkClock, core }
}

/**
 * Resolves once the platform has recorded a change of one of `expertId`'s sessions: the moment an
 * accept is taken, whether or not its answer ever comes back.
 */
export function sessionChanged(platform: TestPlatform, expertId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = platform.server.marketplace.events.subscribe((forExpert, event) => {
      if (forExpert !== expertId || event.type !== 'session.updated') return
      off()
      resolve()
    })
  })
}
