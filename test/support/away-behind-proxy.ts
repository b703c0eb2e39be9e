/**
 * A platform, a fault proxy before it, and an expert whose app came online once through the proxy
 * and then stopped: its cache follows the stream, so a backlog the test adds next is caught up
 * (not read from a snapshot) when the app starts again with `again`.
 */
import { FaultProxy } from './fault-proxy'
import { startTestCore, type TestCoreOptions } from './test-core'
import { startTestPlatform, type TestPlatform } from './test-platform'

/** What `awayBehindProxy` sets up. */
export interface AwayBehindProxy {
  readonly platform: TestPlatform
  readonly expert: { readonly id: string; readonly token: string }
  readonly proxy: FaultProxy
  /** The options that start the app again on the cache of its first run. */
  readonly again: TestCoreOptions & { readonly dir: string }
}

/** Set it up with `timings` for both runs; `defer` closes all of it after the test. */
export async function awayBehindProxy(
  defer: (fn: () => Promise<void> | void) => void,
  timings?: TestCoreOptions['timings'],
): Promise<AwayBehindProxy> {
  const platform = await startTestPlatform()
  defer(() => platform.close())
  const expert = platform.addExpert()
  const proxy = await FaultProxy.start(platform.server.port)
  defer(() => proxy.close())
  const options = { platformUrl: proxy.url, token: expert.token, expertId: expert.id, timings }
  const first = await startTestCore(options)
  defer(() => first.close(true))
  await first.waitForState((s) => s.status === 'online')
  first.close()
  return { platform, expert, proxy, again: { ...options, dir: first.dir } }
}
