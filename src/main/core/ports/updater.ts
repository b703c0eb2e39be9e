/**
 * The app's updater. Electron: electron-updater over the release feed (signed installers,
 * sha512-checked downloads, staged rollouts); Node: a fake that tests and the browser shell drive.
 * It only does what it is told: the core's update policy decides when to check, download and
 * install.
 */
import type { UpdateChannel } from '../../../shared/update/update-state'

/** What a check found. */
export type UpdateCheck =
  /** A version newer than this one, on this channel, within this machine's rollout stage. */
  | { readonly kind: 'available'; readonly version: string }
  /** Nothing newer for this machine; `latest` is what the feed offers (perhaps older than this one). */
  | { readonly kind: 'none'; readonly latest: string | null }
  /** This build cannot update itself, and why (not packaged; installed by a package manager). */
  | { readonly kind: 'unavailable'; readonly reason: string }

/**
 * An install refused because the downloaded file is no longer what the feed named (changed, cut
 * short, unreadable or gone): it would be refused again at every restart and quit until it is
 * downloaded again.
 */
export class DownloadSpoiled extends Error {
  override readonly name = 'DownloadSpoiled'
}

/** The updater port. Failures reject with an Error whose message says what happened. */
export interface Updater {
  /** The running app's version. */
  readonly currentVersion: string
  /** Ask the feed of `channel` for a newer version; never downloads by itself. */
  check(channel: UpdateChannel): Promise<UpdateCheck>
  /**
   * Download the version the last check found and verify it; `onProgress` gets 0 to 100 (what the
   * server's size allows) and the bytes this download has received so far, across its requests.
   */
  download(onProgress: (percent: number, receivedBytes: number) => void): Promise<void>
  /** Stop the download under way, if any (it then fails); a download given up must not go on. */
  cancelDownload(): void
  /**
   * Quit, install the downloaded update and start again. Only when no session can be hurt. Throws
   * when the installer cannot start (a DownloadSpoiled when the download must be fetched again); a failure told only later (macOS's Squirrel says so once the
   * windows have closed, and the app goes on) reaches `failedLater`, at most once.
   */
  installNow(failedLater: (error: Error) => void): void
  /** Whether a downloaded update installs when the app quits. */
  setInstallOnQuit(on: boolean): void
}
