/**
 * What the runtime is told of Electron as its host: who the app is (version, OS, the platform an
 * unconfigured build connects to), how it opens links and its window, where its log file is, and
 * the OS's calendar app.
 */
import { app } from 'electron'
import type { HostInfo } from '../core/app-api'
import { appInfo } from './ipc/app-handlers'
import { createElectronLogFolder } from './adapters/log-folder'
import { createCalendarApp } from './adapters/calendar-app'
import type { Logger } from '../node/log'

/** What the host info is made of beyond Electron's own answers. */
export interface ElectronHostParts {
  readonly openExternal: (url: string) => Promise<void>
  readonly showWindow: () => void
  /** The folder the log file is in, and whether the log has a problem to show there. */
  readonly logDir: string
  readonly logProblem: () => string | null
  readonly env: NodeJS.ProcessEnv
  readonly log: Logger
}

/** The host info of this Electron app. */
export function electronHost(parts: ElectronHostParts): HostInfo {
  const { log } = parts
  return {
    info: appInfo({
      version: app.getVersion(),
      platform: process.platform,
      defaultPlatformUrl: parts.env['STANDBY_PLATFORM_URL'] ?? null,
    }),
    openExternal: parts.openExternal,
    showWindow: parts.showWindow,
    logs: createElectronLogFolder(parts.logDir, log, parts.logProblem),
    calendar: createCalendarApp({ log }),
  }
}
