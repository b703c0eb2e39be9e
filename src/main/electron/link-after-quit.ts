/**
 * A `standby://` link a second launch hands over while this copy quits. Electron keeps the
 * single-instance lock until 'quit', so that launch quits too and the click would open nothing.
 * Once nothing can stop the quit, Standby is started again on the latest such link that opens
 * something, as a click with Standby closed starts it; not where a restart to update starts the
 * new version itself.
 */
import { app, autoUpdater } from 'electron'
import electronUpdater from 'electron-updater'
import type { Logger } from '../core/ports/logger'
import { deepLinkInArgv } from '../core/deep-links/deep-link-argv'
import { deepLinkUrl, readDeepLink } from '../../shared/deep-link'
import { describeAddress } from '../../shared/describe-untrusted'
import { errorMessage } from '../../shared/error-message'
import { runningAppImage } from '../node/app-image'
import { linkHandlerArgs, type ProcessFacts } from './deep-links'

/** What a relaunch needs of the process and of electron-updater. */
export interface LinkAfterQuitOptions {
  readonly log: Logger
  /** Whether a quit is under way (quit-state.ts). */
  readonly isQuitting: () => boolean
  /** Where a link opens in this copy, as at any other time. */
  readonly inbox: { receive(link: string, from: string): void }
  /** electron-updater's updater: an update waiting to install at this quit waits for the next one. */
  readonly updater?: () => { autoInstallOnAppQuit: boolean } | undefined
  readonly process?: Pick<NodeJS.Process, 'argv' | 'env' | 'execPath' | 'platform'> & ProcessFacts
}

/**
 * This run's profile switches, spelt any way Chromium reads them: `-` as well as `--`, and on
 * Windows also `/` and any letter case. A spelling left out would start the default profile.
 */
function profileSwitches(argv: ReadonlyArray<string>, platform: NodeJS.Platform): string[] {
  const profile = platform === 'win32' ? /^(?:--?|\/)user-data-dir=/i : /^--?user-data-dir=/
  return argv.filter((arg) => profile.test(arg))
}

/**
 * Returns what to call with each second launch's command line, saying whether it held a link: one
 * opens now, or during a quit is kept for the Standby started after it.
 */
export function linksOfSecondLaunches(
  options: LinkAfterQuitOptions,
): (argv: ReadonlyArray<string>) => boolean {
  const { log } = options
  const target = options.process ?? process
  let latest: string | undefined
  // macOS's Squirrel and electron-updater's other updaters alike say so before they quit.
  let updateRestart = false
  autoUpdater.on('before-quit-for-update', () => (updateRestart = true))
  autoUpdater.on('error', () => (updateRestart = false))
  const relaunch = (): void => {
    const link = latest
    latest = undefined
    if (link === undefined) return
    if (updateRestart) {
      log.info(`A link came as Standby restarted to update; it opens when clicked again in the new version`)
      return
    }
    try {
      // The relaunched run installs a waiting update at its own quit, not racing this one's.
      const updater = (options.updater ?? (() => electronUpdater.autoUpdater))()
      if (updater !== undefined) updater.autoInstallOnAppQuit = false
      // As a click with Standby closed starts it, not as this run started: its `--hidden` would
      // keep the window closed, its flag of a relaunch after an error would say one happened. Only
      // its profile goes on, which the link's launch shared to reach this copy (the link stays last).
      const profile = profileSwitches(target.argv, target.platform)
      const args = [...linkHandlerArgs(target), ...profile, link]
      const appImage = runningAppImage(target.env, target.execPath)
      app.relaunch(appImage === undefined ? { args } : { args, execPath: appImage })
      log.info('A link came as Standby was quitting; Standby starts again on it')
    } catch (error) {
      log.warn(`Standby could not start again on a link that came as it quit: ${errorMessage(error)}`)
    }
  }
  // Electron emits 'quit' once nothing can cancel it; a 'before-quit' after the link is a new quit,
  // the one it came in having been cancelled: the link is not kept for a quit hours later.
  app.on('quit', relaunch)
  // A page opening links in a loop as Standby quits costs one log line, not one each.
  let saidRefused = false
  app.on('before-quit', () => {
    latest = undefined
    saidRefused = false
  })
  return (argv) => {
    const link = deepLinkInArgv(argv)
    if (link === undefined) return false
    if (!options.isQuitting()) {
      options.inbox.receive(link, 'a second launch')
      return true
    }
    // Read as the inbox reads any link: one that opens nothing starts no Standby the expert just
    // quit, and the new run is handed the link as Standby spells it, not text some page made up.
    const reading = readDeepLink(link)
    if (reading.ok) latest = deepLinkUrl(reading.link)
    else if (!saidRefused) {
      saidRefused = true
      log.warn(
        `Ignored a link from a second launch as Standby quit, ${describeAddress(link)}: ${reading.reason}; Standby does not start again on it (nor on any more such links in this quit)`,
      )
    }
    return true
  }
}
