/** What the update policy tells the expert, in one place: Settings, the window and the notification say the same. */
import { shortAddress } from '../../../shared/address-host'
import { shownText } from '../../../shared/protocol/text'
import { NOTIFICATION_BODY_MAX } from '../../../shared/os-limits'
import { MOST_UPDATE_ERROR_CHARS } from '../../../shared/update/update-state'
import type { AppNotification } from '../ports/notifier'

/** Why a stable check offers nothing to a beta build, and what happens next. */
export function leavingBetaNote(currentVersion: string, latestStable: string | null): string {
  const latest = latestStable === null ? '' : ` (the latest stable is ${latestStable})`
  return `This is a beta version. Standby moves to the stable channel with the first stable release newer than ${currentVersion}${latest}.`
}

/**
 * The platform needs a newer app than the feed offers. An address too long for the status is named
 * by its host, as in a failure sentence: cut where the status ends, it would open nowhere.
 */
export function requiredButNothingNewer(requiredVersion: string, manualDownloadUrl: string): string {
  const sentence = (address: string): string =>
    `The platform needs Standby ${requiredVersion} or newer, and the update server offers nothing newer yet. Download it from ${address}.`
  const whole = sentence(manualDownloadUrl)
  if (whole.length <= MOST_UPDATE_ERROR_CHARS) return whole
  return shownText(sentence(shortAddress(manualDownloadUrl)), { max: MOST_UPDATE_ERROR_CHARS })
}

/**
 * A failed check or download (`what`: 'check for updates' or 'download the update'), that the
 * running version stays, when it is retried, and where to download by hand.
 */
export function failureSentence(
  what: string,
  reason: string,
  retryAt: string,
  manualDownloadUrl: string,
): string {
  const failed = what === 'download the update' ? 'downloaded' : 'checked'
  return withReason(
    MOST_UPDATE_ERROR_CHARS,
    `The update could not be ${failed}: `,
    reason,
    (address) =>
      `; Standby keeps running the current version and tries again at ${retryAt}, or download the latest version from ${address}.`,
    manualDownloadUrl,
  )
}

/**
 * What follows an install that could not start: it installs on quit; its changed download is
 * fetched again; or it changed again after that, so Standby fetches it no more.
 */
export type AfterInstallFailed = 'on quit' | 'download again' | 'download by hand'

/** "Restart to update" could not start the installer: said in the window, or in a notification once it closed. */
export function installFailed(
  reason: string,
  manualDownloadUrl: string,
  next: AfterInstallFailed = 'on quit',
): string {
  const after = {
    'on quit': (address: string) =>
      `. It installs when you quit Standby, or download the latest version from ${address}.`,
    'download again': (address: string) =>
      `. Standby is downloading it again and offers the restart once it is verified, or download the latest version from ${address}.`,
    'download by hand': (address: string) =>
      `. It changed again after a new download, so Standby stops downloading it: download the latest version from ${address}.`,
  }[next]
  return withReason(
    NOTIFICATION_BODY_MAX,
    'Could not restart to install the update: ',
    reason,
    after,
    manualDownloadUrl,
  )
}

/** The status once a version's download changed on disk twice: not fetched again this run. */
export function downloadSpoiledTwice(version: string, manualDownloadUrl: string): string {
  const sentence = (address: string): string =>
    `Standby ${version} changed on this computer after each of two downloads, so it is not downloaded again: download the latest version from ${address}.`
  const whole = sentence(manualDownloadUrl)
  if (whole.length <= MOST_UPDATE_ERROR_CHARS) return whole
  return shownText(sentence(shortAddress(manualDownloadUrl)), { max: MOST_UPDATE_ERROR_CHARS })
}

/** The one notification for an update ready to install. */
export function readyNotification(version: string, required: boolean): AppNotification {
  return {
    kind: 'notice',
    title: required ? 'Update required' : 'Update ready',
    body: required
      ? `The platform needs a newer Standby. Version ${version} is ready: restart to update from the tray or the window.`
      : `Standby ${version} is ready. Restart to update from the tray or the window, or it installs when you quit.`,
  }
}

/**
 * The fewest UTF-16 units of an error's first line a sentence repeats when the rest leaves less:
 * enough to say what failed, and few enough that the download address after it, which the expert
 * acts on, still fits beside it where an address as long as a storage bucket's is shown.
 */
const FEWEST_REASON_CHARS = 40

/**
 * `before`, the first line of `reason`, then `after` naming `address`, within `most`, what the
 * place that shows it shows: the reason gets the room the sentence leaves, so Standby's own reasons
 * (a feed refused, with who has to fix it) are read whole, only an outside message past that room
 * is cut, and what the expert can do, after it, is not. An address too long to leave the reason its
 * fewest is named by its host (the window's link beside the sentence carries it whole), and a
 * sentence still too long (a time written at length) is cut: the place would refuse or cut it.
 */
function withReason(
  most: number,
  before: string,
  reason: string,
  after: (address: string) => string,
  address: string,
): string {
  const whole = after(address)
  const tail =
    before.length + FEWEST_REASON_CHARS + whole.length <= most ? whole : after(shortAddress(address))
  const room = Math.max(FEWEST_REASON_CHARS, most - before.length - tail.length)
  return shownText(`${before}${firstLine(reason, room)}${tail}`, { max: most })
}

/**
 * The first line of an error message, without a trailing full stop: stack-like details stay in the
 * log. Shown as any text from outside is (shownText): electron-updater's messages quote the feed,
 * so a cut must fall between whole characters, and controls or invisibles from it show nowhere.
 */
function firstLine(text: string, max: number): string {
  return shownText((text.split('\n')[0] ?? '').replace(/\.$/, ''), { max })
}
