/**
 * Every port's Node adapter for one data directory: what the browser shell (and tests that want
 * the whole set) compose the core with. Nothing here imports electron.
 */
import { join } from 'node:path'
import type { Clock } from '../../../shared/clock'
import type { Logger } from '../../core/ports/logger'
import type { Secrets } from '../../core/ports/secrets'
import type { SettingsStore } from '../../core/ports/settings'
import { followLaunchAtLogin, type LaunchAtLogin } from '../../core/settings/login-item'
import { createFileSecrets } from './file-secrets'
import { createPowerHook, type PowerHook } from './power-hook'
import { createRecordedLoginItem, type RecordedLoginItem } from './recorded-login-item'
import { createRecordedTrayState, type RecordedTrayState } from './recorded-tray-state'
import { createRecordingBrowser, type RecordingBrowser } from './recording-browser'
import { createRecordingCalendar, type RecordingCalendar } from './recording-calendar'
import { createFakeUpdater, type FakeUpdater } from './fake-updater'
import { createRecordingNotifier, type LineOutput, type RecordingNotifier } from './recording-notifier'
import { createNodeSettingsStore } from './settings-store'
import { UNREADABLE_NETWORK, watchNetwork } from '../network-watch'

export { createFakeUpdater, FakeUpdaterControl, type FakeUpdater } from './fake-updater'
export { createFileSecrets } from './file-secrets'
export { createPowerHook, type PowerHook } from './power-hook'
export { createRecordedLoginItem, type RecordedLoginItem } from './recorded-login-item'
export { createRecordedTrayState, type RecordedTrayState } from './recorded-tray-state'
export { createRecordingBrowser, type RecordingBrowser } from './recording-browser'
export { createRecordingCalendar, type RecordingCalendar } from './recording-calendar'
export { createRecordingNotifier, notificationLine, type RecordingNotifier } from './recording-notifier'
export { createNodeSettingsStore } from './settings-store'
export { createStreamLogger } from './stream-logger'

/** The file names inside the data directory. */
export const NODE_DATA_FILES = {
  signIn: 'sign-in.json',
  revocationsOwed: 'revocations-owed.json',
  settings: 'settings.json',
} as const

/** What createNodeAdapters needs. */
export interface NodeAdaptersOptions {
  /** Holds sign-in.json (0600) and settings.json. */
  readonly dataDir: string
  /** Where each notification is printed as one line. */
  readonly out: LineOutput
  readonly log: Logger
  /** Counts the machine's idle time from the power hook's last `input()`; never idle without one. */
  readonly idleClock?: Clock
  /** Times the gap between two writes of the settings file; the system clock unless a test injects one. */
  readonly settingsClock?: Clock
  /** The version the fake updater runs as; 0.0.0 unless the host says. */
  readonly appVersion?: string
}

/** The Node adapters, typed as what they are so the shell and tests can read them back. */
export interface NodeAdapters {
  readonly secrets: Secrets
  readonly settings: SettingsStore
  readonly notifier: RecordingNotifier
  readonly browser: RecordingBrowser
  /** Calendar files the page asked to add; the page downloads them. */
  readonly calendar: RecordingCalendar
  readonly tray: RecordedTrayState
  readonly power: PowerHook
  readonly loginItem: RecordedLoginItem
  /** The launch-at-login setting followed by `loginItem`. */
  readonly launchAtLogin: LaunchAtLogin
  /** Releases published by tests or the browser shell's test hook. */
  readonly updater: FakeUpdater
  readonly log: Logger
  /** Stops following the settings and the network, and writes the settings' last changes. */
  close(): void
}

/** Builds every Node adapter on `dataDir`; the login item follows the launchAtLogin setting. */
export function createNodeAdapters(options: NodeAdaptersOptions): NodeAdapters {
  const { dataDir, out, log } = options
  const settings = createNodeSettingsStore({ dir: dataDir, log, clock: options.settingsClock })
  const loginItem = createRecordedLoginItem(log)
  const launchAtLogin = followLaunchAtLogin(settings, loginItem)
  const power = createPowerHook({ clock: options.idleClock })
  const stopWatching = watchNetwork(
    () => power.networkChanged(),
    undefined,
    undefined,
    (error) => log.warn(UNREADABLE_NETWORK, error),
  )
  return {
    secrets: createFileSecrets({
      path: join(dataDir, NODE_DATA_FILES.signIn),
      owedPath: join(dataDir, NODE_DATA_FILES.revocationsOwed),
      log,
    }),
    settings,
    notifier: createRecordingNotifier({ out }),
    browser: createRecordingBrowser({ out }),
    calendar: createRecordingCalendar({ out }),
    tray: createRecordedTrayState(),
    power,
    loginItem,
    launchAtLogin,
    updater: createFakeUpdater({ currentVersion: options.appVersion ?? '0.0.0', log }),
    log,
    close() {
      launchAtLogin.stop()
      stopWatching()
      settings.flush()
    },
  }
}
