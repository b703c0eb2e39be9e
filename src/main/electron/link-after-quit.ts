/**
 * A `standby://` link a second launch hands over while this copy quits. Electron keeps the
 * single-instance lock until 'quit', so that launch quits too and the click would open nothing.
 * Once nothing can stop the quit, Standby is started again on the latest such link that opens
 * something, as a click with Standby closed starts it; not where a restart to update starts the
 * new version itself.
 */
import { app } from 'electron'
import type { Logger } from '../core/ports/logger'
import { deepLinkInArgv } from '../core/deep-links/deep-link-argv'
import { deepLinkUrl, readDeepLink } from '../../shared/deep-link'
import { describeAddress } from '../../shared/describe-untrusted'
import type { RelaunchAtQuit } from './relaunch-at-quit'

/** What a link during a quit needs. */
export interface LinkAfterQuitOptions {
  readonly log: Logger
  /** Whether a quit is under way (quit-state.ts). */
  readonly isQuitting: () => boolean
  /** Where a link opens in this copy, as at any other time. */
  readonly inbox: { receive(link: string, from: string): void }
  /** The quit's one relaunch, which the link joins (relaunch-at-quit.ts). */
  readonly relaunch: Pick<RelaunchAtQuit, 'openAfterQuit'>
}

/**
 * Returns what to call with each second launch's command line, saying whether it held a link: one
 * opens now, or during a quit is kept for the Standby started after it.
 */
export function linksOfSecondLaunches(
  options: LinkAfterQuitOptions,
): (argv: ReadonlyArray<string>) => boolean {
  const { log } = options
  // A page opening links in a loop as Standby quits costs one log line, not one each.
  let saidRefused = false
  app.on('before-quit', () => (saidRefused = false))
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
    if (reading.ok) options.relaunch.openAfterQuit(deepLinkUrl(reading.link))
    else if (!saidRefused) {
      saidRefused = true
      log.warn(
        `Ignored a link from a second launch as Standby quit, ${describeAddress(link)}: ${reading.reason}; Standby does not start again on it (nor on any more such links in this quit)`,
      )
    }
    return true
  }
}
