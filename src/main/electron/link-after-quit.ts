/**
 * A `standby://` link the system hands over while this copy quits: a second launch's (Windows,
 * Linux), which finds the single-instance lock Electron keeps until 'quit' and quits too, or
 * macOS's open-url, which reaches this copy and no other. Either way the click would open nothing.
 * Once nothing can stop the quit, Standby is started again on the latest such link that opens
 * something, as a click with Standby closed starts it; not where a restart to update starts the
 * new version itself, nor where macOS installs an update as this copy ends (relaunch-at-quit.ts).
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

/** Where the links the system hands over go, whichever way they come. */
export interface SystemLinks {
  /** A link the system handed over (`from` says how): opens now, or during a quit is kept for the next Standby. */
  receive(link: string, from: string): void
  /** A second launch's command line: its link is received as above; whether it held one. */
  secondLaunch(argv: ReadonlyArray<string>): boolean
}

/** The links the system hands over, opened now or, during a quit, in the Standby started after it. */
export function systemLinks(options: LinkAfterQuitOptions): SystemLinks {
  const { log } = options
  // A page opening links in a loop as Standby quits costs one log line, not one each.
  let saidRefused = false
  app.on('before-quit', () => (saidRefused = false))
  const receive = (link: string, from: string): void => {
    if (!options.isQuitting()) return options.inbox.receive(link, from)
    // Read as the inbox reads any link: one that opens nothing starts no Standby the expert just
    // quit, and the new run is handed the link as Standby spells it, not text some page made up.
    const reading = readDeepLink(link)
    if (reading.ok) options.relaunch.openAfterQuit(deepLinkUrl(reading.link))
    else if (!saidRefused) {
      saidRefused = true
      log.warn(
        `Ignored a link from ${from} as Standby quit, ${describeAddress(link)}: ${reading.reason}; Standby does not start again on it (nor on any more such links in this quit)`,
      )
    }
  }
  return {
    receive,
    secondLaunch(argv) {
      const link = deepLinkInArgv(argv)
      if (link === undefined) return false
      receive(link, 'a second launch')
      return true
    },
  }
}
