/**
 * The core's Updater port on electron-updater. It never downloads or installs by itself
 * (`autoDownload` off): the core's update policy says when. electron-updater reads the feed named
 * in the packaged app-update.yml, offers only newer versions (`allowDowngrade` stays off, also
 * after a channel switch, which would turn it on), honours a release's `stagingPercentage`, and
 * checks each download's sha512 against the feed before it can be installed; the feed itself is
 * bounded and checked first (update-feed-guards.ts), as are block maps (update-block-map-bound.ts),
 * and read over https only, as is every download and redirect (update-https-only.ts); what an
 * install starts is read again then and must still be what the feed named (update-installer-gate.ts). A check the
 * feed never answered is not handed to the next one (electron-updater would; it cannot cancel one),
 * and its request is closed, so it cannot answer late.
 */
import { BaseUpdater, CancellationToken, type AppUpdater, type ProgressInfo } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import type { UpdateCheck, Updater } from '../../core/ports/updater'
import { boundFeedAnswers, FEED_UNUSABLE, feedFault, foreignFileFault } from './update-feed-guards'
import { downloadBound } from './update-download-bound'
import { refuseAliasedFeeds } from './update-feed-aliases'
import { describeUpdaterError, installError, RELEASE_FIX, serverAnswered } from './update-error-words'
import { boundBlockMaps } from './update-block-map-bound'
import { limitRedirects } from './update-redirect-limit'
import { httpsOnly } from './update-https-only'
import { oneSquirrelWait } from './update-squirrel-wait'
import { lockHandOver, type InstanceLock } from './update-lock-hand-over'
import { keepAppImageUntilReplaced } from './update-appimage-kept'
import { checkAppImageStart } from './update-appimage-start'
import { watchTransfers } from './update-transfer-watch'
import { readyDownloadFolder } from './update-download-folder'
import { refuseUncheckedSignatures } from './update-signature-checked'
import { installerGate } from './update-installer-gate'

/** What the adapter wraps. */
export interface ElectronUpdaterOptions {
  /** electron-updater's `autoUpdater` (the updater class for this OS and package type). */
  readonly updater: AppUpdater
  readonly log: Logger
  /**
   * A package manager owns this copy (a deb on Linux: only the AppImage replaces itself), so the
   * adapter leaves updating to it instead of letting electron-updater ask for an administrator.
   */
  readonly packageManaged?: boolean
  /**
   * An AppImage update put the new version under another file name and removed this one
   * (electron-builder's AppImage names carry the version): what starts Standby must follow.
   */
  readonly onAppImageMoved?: (path: string) => void
  /**
   * The single-instance lock: a restart to update that starts the new version while this copy
   * still runs lets go of it first, and takes it back if nothing was started (update-lock-hand-over.ts).
   */
  readonly instanceLock: InstanceLock
  /** The most one answer of a download may bring; MAX_UPDATE_BYTES unless a test sets less. */
  readonly maxDownloadBytes?: number
}

/** The most an update's download may bring, far above Standby's; electron-updater writes any amount. */
export const MAX_UPDATE_BYTES = 1024 * 1024 * 1024

/** How electron-updater's second argument to 'error' begins when a check, not an install, failed. */
const CHECK_FAILED = 'Cannot check for updates'

/** electron-updater's own note of the check under way, which it hands to every later caller. */
interface CheckUnderWay {
  checkForUpdatesPromise: Promise<unknown> | null
}

/** The Updater over electron-updater. */
export function createElectronUpdater(options: ElectronUpdaterOptions): Updater {
  const { updater, log } = options
  updater.autoDownload = false
  // Set before any download: electron-updater arms its quit handler when a download completes,
  // and only if this is on then. It installs nothing that was not downloaded.
  updater.autoInstallOnAppQuit = true
  updater.allowDowngrade = false
  const moved = options.onAppImageMoved
  if (moved !== undefined) updater.on('appimage-filename-updated', (path) => moved(path))
  boundFeedAnswers(updater, log)
  refuseAliasedFeeds(updater, log)
  // Counted beneath the block maps' bound, which asks each redirect with the call it made.
  limitRedirects(updater, log)
  boundBlockMaps(updater, log)
  httpsOnly(updater, log)
  refuseUncheckedSignatures(updater, log, installerGate(updater))
  const transfers = watchTransfers(updater, log)
  const waitOnceForSquirrel = oneSquirrelWait(updater)
  const handOver = lockHandOver(updater, options.instanceLock)
  keepAppImageUntilReplaced(updater)
  checkAppImageStart(updater)
  // Windows' and Linux's updaters install within quitAndInstall and quit soon after. Called again
  // meanwhile, it forgets the first call, and its install on quit runs once more over what that one
  // put in place (the new AppImage removed, a second installer started): a second press waits.
  const installsAtOnce = updater instanceof BaseUpdater
  let restartUnderWay = false
  // The update server answered in this run: a lookup of its name that fails now means no network.
  let reached = false
  updater.logger = {
    info: (message: unknown) => log.info(updaterLine(message)),
    warn: (message: unknown) => log.warn(updaterLine(message)),
    // The policy reports every failure in its own words; electron-updater's stack goes to the log.
    error: (message: unknown) => log.warn(updaterLine(message)),
  }
  let unanswered: Promise<unknown> | null = null
  // The download under way, so that asking again cancels it: electron-updater would hand the new
  // call the one that stalled (it returns its download in progress to every later caller).
  let downloading: { readonly token: CancellationToken; readonly done: Promise<unknown> } | null = null
  // After a restart to install that did not fail at once, electron-updater's next 'error' is the
  // installer's (macOS's Squirrel tells it once the windows have closed, and the app goes on),
  // until the policy does anything else with the updater, whose own errors it awaits.
  let installFailure: ((error: unknown, said?: unknown) => void) | null = null
  const stopHearingInstall = (): void => {
    if (installFailure !== null) updater.off('error', installFailure)
    installFailure = null
  }
  return {
    currentVersion: updater.currentVersion.version,
    async check(channel): Promise<UpdateCheck> {
      stopHearingInstall()
      if (options.packageManaged === true) {
        return {
          kind: 'unavailable',
          reason:
            'This copy of Standby was installed by a package manager, which updates it (apt for the deb).',
        }
      }
      updater.channel = channel === 'beta' ? 'beta' : 'latest'
      // Setting a channel allows downgrades; leaving beta waits for the next stable release instead.
      updater.allowDowngrade = false
      updater.allowPrerelease = channel === 'beta'
      // The policy asks again only once it gave up on the last check; electron-updater would hand
      // this call that stuck request, made for whichever channel it was, so the feed is asked anew.
      if (unanswered !== null) {
        // Its request is closed too: answered late, electron-updater would take its release as the
        // update on offer in place of this check's (a beta after the expert went back to stable),
        // and its bytes would count toward the next download.
        transfers.cut()
        forgetCheckUnderWay(updater, log)
      }
      const asked = updater.checkForUpdates()
      unanswered = asked
      const result = await asked
        .catch((error: unknown) => {
          const words = describeUpdaterError(error, { reachedBefore: reached })
          reached ||= serverAnswered(error)
          throw new Error(words, { cause: error })
        })
        .finally(() => {
          if (unanswered === asked) unanswered = null
        })
      reached ||= result !== null
      if (result === null) {
        return {
          kind: 'unavailable',
          reason:
            'This copy of Standby cannot update itself (it is not an installed release, or a package manager owns it): download new versions by hand.',
        }
      }
      if (!result.isUpdateAvailable) return { kind: 'none', latest: String(result.updateInfo.version) }
      // Said now, not when the download fails on it: the expert reads what is wrong with the feed.
      const fault = feedFault(result.updateInfo) ?? foreignFileFault(updater, result.updateInfo)
      if (fault !== null)
        throw new Error(`${FEED_UNUSABLE} ${fault}, so nothing was downloaded${RELEASE_FIX}`)
      return { kind: 'available', version: result.updateInfo.version }
    },
    async download(onProgress) {
      stopHearingInstall()
      // The policy asks again only once it gave up on the last download (no progress for too long).
      if (downloading !== null) {
        log.warn('Updater: the last download is still under way; cancelling it and downloading again.')
        downloading.token.cancel()
        transfers.cut()
        await downloading.done.catch(() => undefined)
      }
      let percent = 0
      // Counted on the wire across every request of this download (a differential one makes many).
      let receivedBytes = 0
      const progress = (info: ProgressInfo): void => {
        percent = info.percent
        onProgress(percent, receivedBytes)
      }
      updater.on('download-progress', progress)
      const token = new CancellationToken()
      const { bound, tooMuch } = downloadBound(updater, options.maxDownloadBytes ?? MAX_UPDATE_BYTES)
      let oversized = false
      // Bytes arriving are counted even when the server gives no size to count a percent of; past
      // the most an update can be, they are a server sending without end, and are stopped.
      transfers.listen((received, arrived, path) => {
        receivedBytes += arrived
        if (received <= bound(path)) return onProgress(percent, receivedBytes)
        if (!oversized) {
          token.cancel()
          transfers.cut()
        }
        oversized = true
      })
      // electron-updater arms its quit handler (and on macOS has Squirrel fetch the update) only if
      // install on quit is on as a download completes: a version dropped before (a beta left) turned
      // it off. Put back if this download fails, so the dropped one stays dropped.
      const installOnQuitBefore = updater.autoInstallOnAppQuit
      updater.autoInstallOnAppQuit = true
      let folder: string | undefined
      const done = readyDownloadFolder(updater, log).then((ready) => {
        folder = ready
        return updater.downloadUpdate(token)
      })
      const mine = { token, done }
      downloading = mine
      try {
        await done
        reached = true
      } catch (error) {
        updater.autoInstallOnAppQuit = installOnQuitBefore
        // Said with what was known before: this failure's own lookup is not "before".
        const reachedBefore = reached
        reached ||= oversized || serverAnswered(error)
        if (oversized) throw new Error(tooMuch, { cause: error })
        throw new Error(describeUpdaterError(error, { downloadFolder: folder, reachedBefore }), {
          cause: error,
        })
      } finally {
        updater.off('download-progress', progress)
        if (downloading === mine) {
          downloading = null
          transfers.listen(null)
        }
      }
    },
    cancelDownload() {
      // What was downloaded so far is left to electron-updater, which starts afresh next time.
      if (downloading === null) return
      log.warn('Updater: the update policy gave up on the download under way; cancelling it.')
      downloading.token.cancel()
      transfers.cut()
    },
    installNow(failedLater) {
      if (restartUnderWay) return log.info('Updater: the restart to update is already under way.')
      stopHearingInstall()
      // electron-updater tells an installer that could not start (the installed copy moved, the file
      // gone, update-appimage-start.ts) only as an 'error' during this call, and returns as if the
      // restart were under way: heard here, it is thrown, so the expert reads why nothing happened.
      const failures: unknown[] = []
      const heard = (error: unknown): void => void failures.push(error)
      updater.on('error', heard)
      // The AppImage's new version asks for the lock before this copy has quit.
      handOver.before()
      let started = false
      try {
        // Silent, and started again afterwards: the expert asked for a restart, not an installer.
        // Pressed again before macOS's Squirrel has the update, it still restarts once it has it.
        waitOnceForSquirrel(() => updater.quitAndInstall(true, true))
        started = failures.length === 0
        restartUnderWay = started && installsAtOnce
      } finally {
        updater.off('error', heard)
        // Nothing was started: this copy goes on, and is again the one a second launch finds.
        if (!started) handOver.failed()
      }
      const [failure] = failures
      if (failure !== undefined) throw installError(failure)
      installFailure = (error, said) => {
        // A check given up on can still fail now, and electron-updater tells that as an 'error' too.
        if (typeof said === 'string' && said.startsWith(CHECK_FAILED)) return
        stopHearingInstall()
        failedLater(installError(error))
      }
      updater.on('error', installFailure)
    },
    setInstallOnQuit(on) {
      updater.autoInstallOnAppQuit = on
    },
  }
}

/**
 * The most of one of electron-updater's messages the log keeps: it quotes the whole release
 * information of a feed it cannot parse, up to the bound update-feed-guards.ts sets, in every
 * failed check's line.
 */
export const UPDATER_LOG_MAX = 2000

/** One of electron-updater's messages as a log line, cut short past UPDATER_LOG_MAX. */
function updaterLine(message: unknown): string {
  const text = String(message)
  const cut =
    text.length > UPDATER_LOG_MAX
      ? `${text.slice(0, UPDATER_LOG_MAX)}… (${text.length - UPDATER_LOG_MAX} more characters not logged)`
      : text
  return `Updater: ${cut}`
}

/** Make electron-updater start a new request for the next check instead of joining the stuck one. */
function forgetCheckUnderWay(updater: AppUpdater, log: Logger): void {
  if (!('checkForUpdatesPromise' in updater)) {
    throw new Error(
      'The update server never answered the last check, and this version of the updater cannot ask again until Standby restarts',
    )
  }
  log.warn('Updater: the update server never answered the last check; asking it again.')
  ;(updater as unknown as CheckUnderWay).checkForUpdatesPromise = null
}
