/**
 * The runtime in plain Node (the browser shell, tests, benches): the cache in the data directory
 * and every port from the Node adapters. Only what differs per host is passed in.
 */
import { join } from 'node:path'
import type { Clock } from '../../../shared/clock'
import { PROTOCOL_VERSION } from '../../../shared/protocol'
import type { HostInfo } from '../../core/app-api'
import type { LinkTimings } from '../../core/connection/platform-link'
import type { Logger } from '../../core/ports/logger'
import type { NodeAdapters } from '../adapters'
import { DEFAULT_DOWNLOAD_URL } from '../update-feed'
import { startRuntime, type Runtime } from './start-runtime'

/** What a Node host chooses. */
export interface NodeRuntimeOptions {
  /** Holds cache.db next to the adapters' files. */
  readonly dataDir: string
  readonly adapters: NodeAdapters
  readonly clock: Clock
  readonly log: Logger
  /** Defaults to a host with no window and no browser to open links in. */
  readonly host?: HostInfo
  readonly timings?: Partial<LinkTimings>
  /** Times the link's liveness in elapsed time; the system clock unless a test injects one. */
  readonly linkClock?: Clock
  readonly random?: () => number
  /** Where the app can be downloaded by hand; the project's releases page unless given. */
  readonly manualDownloadUrl?: string
}

/** A host without a window of its own: links are logged, "show the window" does nothing. */
export function headlessHost(
  version: string,
  log: Logger,
  defaultPlatformUrl: string | null = null,
): HostInfo {
  return {
    info: { version, platform: 'other', protocolVersion: PROTOCOL_VERSION, defaultPlatformUrl },
    openExternal: async (url) => log.info(`Open in the browser: ${url}`),
    showWindow: () => {},
  }
}

/**
 * Open the cache in `dataDir` and start the core over the Node adapters. A press on a recorded
 * notification does what a press on a native one does.
 */
export async function startNodeRuntime(options: NodeRuntimeOptions): Promise<Runtime> {
  const { adapters } = options
  const runtime = await startRuntime({
    cachePath: join(options.dataDir, 'cache.db'),
    clock: options.clock,
    power: adapters.power,
    secrets: adapters.secrets,
    notifier: adapters.notifier,
    browser: adapters.browser,
    tray: adapters.tray,
    settings: adapters.settings,
    updater: adapters.updater,
    launchAtLogin: adapters.launchAtLogin,
    manualDownloadUrl: options.manualDownloadUrl ?? DEFAULT_DOWNLOAD_URL,
    log: options.log,
    host: options.host ?? headlessHost('0.0.0', options.log),
    timings: options.timings,
    linkClock: options.linkClock,
    random: options.random,
  })
  adapters.notifier.onActivate((activation) => void runtime.notificationActions.activate(activation))
  return runtime
}
