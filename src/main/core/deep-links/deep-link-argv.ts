/**
 * The deep link in a command line. On Windows and Linux the OS starts the app with the link as an
 * argument, both at a cold start (process.argv) and when Standby already runs (the second copy's
 * argv, which Electron hands to the first). Chromium adds switches of its own, and in development
 * the argv starts with the Electron binary and the app's folder, so the link is found by its scheme.
 */
import { DEEP_LINK_SCHEME } from '../../../shared/deep-link'
import { describeAddress } from '../../../shared/describe-untrusted'
import type { Logger } from '../ports/logger'
import { NO_WAIT_LEFT, type DeepLinkInbox } from './deep-link-inbox'

const PREFIX = `${DEEP_LINK_SCHEME}:`

/**
 * The text that claims to be a deep link, still unread (readDeepLink decides), or undefined. The
 * OS hands a click's link as one argument, appended last, and Chromium moves its own switches
 * before every other argument: so what follows the link and is no switch is more of what was
 * clicked (a link split at its spaces where the OS did not quote it, or several links at once),
 * and is read with it, rejoined at spaces, so that it is refused rather than cut to a link it
 * never was. (On Windows such a command line never gets here: Electron exits on it before Standby
 * runs, unless a `--` comes before the link.) A switch (`--x=standby:…`) is never one, nor read
 * with one: its place is lost in a second launch's command line, where Chromium moves switches first.
 */
export function deepLinkInArgv(argv: ReadonlyArray<unknown>): string | undefined {
  const at = argv.findIndex(
    (arg) => typeof arg === 'string' && arg.slice(0, PREFIX.length).toLowerCase() === PREFIX,
  )
  if (at < 0) return undefined
  const rest = argv
    .slice(at + 1)
    .filter((arg): arg is string => typeof arg === 'string' && arg !== '' && !arg.startsWith('-'))
  return [argv[at] as string, ...rest].join(' ')
}

/**
 * The switch a relaunch after an error puts before the link it carries: when the link was
 * clicked, in milliseconds since the epoch, so the new run goes on ageing it from then.
 */
export const LINK_CLICKED_AT_SWITCH = '--standby-link-clicked-at'

/** The longest value of the switch read: an epoch time in milliseconds, digits only. */
const CLICKED_AT = /^\d{1,15}$/

/** The switch for a link clicked at `clickedAt` (milliseconds since the epoch). */
export function linkClickedAtArg(clickedAt: number): string {
  return `${LINK_CLICKED_AT_SWITCH}=${Math.max(0, Math.floor(clickedAt))}`
}

/**
 * A link on a command line and how long it already waited; `unaged` says why the click time
 * carried with it was not read, and the link opens only if it can at once.
 */
export type LaunchLink =
  { readonly raw: string; readonly waitedMs: number } | { readonly raw: string; readonly unaged: string }

/**
 * The link a run was started on and how long it already waited, by the clock at `now`: none for
 * a click, the time since its click for one a relaunch carried. The switch is read as anything on
 * a command line is, as input anyone could write: one not a time, given twice, or naming a time
 * to come (a clock set back, or a hand that wants a link kept) is not read, and the link is taken
 * as having no wait left rather than kept or revived. The link itself is not refused for it: the
 * switch is only a time, and whoever could write it could as well have left it out.
 */
export function launchLinkInArgv(argv: ReadonlyArray<unknown>, now: number): LaunchLink | undefined {
  const raw = deepLinkInArgv(argv)
  if (raw === undefined) return undefined
  const prefix = `${LINK_CLICKED_AT_SWITCH}=`
  const values = argv.flatMap((arg) =>
    typeof arg === 'string' && arg.startsWith(prefix) ? [arg.slice(prefix.length)] : [],
  )
  if (values.length === 0) return { raw, waitedMs: 0 }
  const [value] = values
  if (values.length > 1 || value === undefined || !CLICKED_AT.test(value))
    return { raw, unaged: 'the time it was clicked, carried from the last run, is not one time' }
  const waitedMs = now - Number(value)
  if (waitedMs < 0)
    return { raw, unaged: 'the time it was clicked, carried from the last run, is ahead of the clock' }
  return { raw, waitedMs }
}

/**
 * Hands the link a run was started on to `inbox`, aged as carried; one whose click time was not
 * read is said in the log and handed over with no wait left.
 */
export function receiveLaunchLink(
  argv: ReadonlyArray<unknown>,
  now: number,
  inbox: Pick<DeepLinkInbox, 'receive'>,
  log: Pick<Logger, 'warn'>,
): void {
  const launch = launchLinkInArgv(argv, now)
  if (launch === undefined) return
  if ('unaged' in launch) {
    log.warn(
      `The link Standby was started on, ${describeAddress(launch.raw)}, opens only if it can at once: ${launch.unaged}. If it does not open, click it again.`,
    )
    inbox.receive(launch.raw, 'the command line', NO_WAIT_LEFT)
  } else inbox.receive(launch.raw, 'the command line', launch.waitedMs)
}
