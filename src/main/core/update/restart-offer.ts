/**
 * "Restart to update" for a ready update: offered (with one notification per version) when no
 * session can be hurt (restart-safety.ts), otherwise held with the reason and offered again when
 * the hold ends; pressed, it installs now or says why not; dropped, it is not installed at all.
 */
import type { TimerHandle } from '../../../shared/clock'
import { errorMessage } from '../../../shared/error-message'
import type { UpdateChannel, UpdateState } from '../../../shared/update/update-state'
import { restartSafety, type RestartSafety } from './restart-safety'
import type { RestartOutcome, UpdatePolicyDeps } from './update-deps'
import {
  downloadSpoiledTwice,
  installFailed,
  readyNotification,
  type AfterInstallFailed,
} from './update-words'
import { betaLeft, UPDATE_DROPPED } from './update-transitions'
import { DownloadSpoiled } from '../ports/updater'

/** What the offer reads and drives: the policy's deps, its state and its one way to change it. */
export interface RestartOfferDeps {
  readonly deps: UpdatePolicyDeps
  readonly formatTime: (t: number) => string
  readonly state: () => UpdateState
  readonly set: (changes: Partial<UpdateState>) => void
  /** The install was refused because the download changed: it is to be fetched again, saying so. */
  readonly downloadAgain: (why: string) => void
}

/** Offers, holds and performs the restart that installs a ready update. */
export class RestartOffer {
  private safetyTimer: TimerHandle | undefined
  private notifiedVersion: string | null = null
  /** The version whose download was refused once this run, and the one refused twice: not fetched again. */
  private spoiledOnce: string | null = null
  private spoiledTwice: string | null = null

  constructor(private readonly host: RestartOfferDeps) {}

  /** "Restart to update": installs now when no session can be hurt; otherwise says why not. */
  restart(): RestartOutcome {
    const { deps, state } = this.host
    if (state().phase !== 'ready') return { ok: false, message: 'No update is ready to install yet.' }
    const safety = this.safety()
    if (!safety.safe) {
      this.offer()
      return { ok: false, message: safety.because }
    }
    deps.log.info(`Restarting to install Standby ${state().availableVersion ?? ''}`)
    try {
      deps.updater.installNow((error) => this.failedLater(error))
    } catch (error) {
      // The tray's or the window's press must not take the app down; the update still installs on quit.
      deps.log.warn('Could not restart to install the update', error)
      const url = state().manualDownloadUrl
      return { ok: false, message: installFailed(errorMessage(error), url, this.afterFailure(error)) }
    }
    return { ok: true }
  }

  /**
   * Tell whether a restart is safe, in the same change as `alongside`; offer it (and notify once
   * per version) when it is.
   */
  offer(alongside: Partial<UpdateState> = {}): void {
    const { deps, state, set } = this.host
    this.safetyTimer?.cancel()
    const safety = this.safety()
    set({
      ...alongside,
      canRestart: safety.safe,
      restartHeldBecause: safety.safe ? null : safety.because,
    })
    if (!safety.safe) {
      if (safety.until !== null) {
        const wait = safety.until - deps.platformNow() + 1
        this.safetyTimer = deps.clock.setTimeout(() => this.offer(), Math.max(0, wait))
      }
      return
    }
    const version = state().availableVersion
    if (version === null || this.notifiedVersion === version) return
    this.notifiedVersion = version
    deps.notifier.show(readyNotification(version, state().requiredVersion !== null))
  }

  /**
   * The restart did not happen after all, and the app goes on with its windows closed: nothing on
   * screen answers the press, so a notification says why and what to do.
   */
  private failedLater(error: Error): void {
    const { deps, state } = this.host
    deps.log.warn('The restart to install the update did not happen', error)
    const url = state().manualDownloadUrl
    const body = installFailed(errorMessage(error), url, this.afterFailure(error))
    deps.notifier.show({ kind: 'notice', title: 'Update not installed', body })
  }

  /** Whether `version` is not to be downloaded again (changed on disk twice this run), saying so. */
  refusedForGood(version: string): boolean {
    if (this.spoiledTwice !== version) return false
    this.saySpoiledTwice(version)
    return true
  }

  /**
   * A changed download is fetched again once; changed again (a disk or a server that spoils it each
   * time), it is dropped and not fetched again this run, or each press would download it anew.
   */
  private afterFailure(error: unknown): AfterInstallFailed {
    const version = this.host.state().availableVersion
    if (!(error instanceof DownloadSpoiled) || version === null) return 'on quit'
    if (this.spoiledOnce !== version) {
      this.spoiledOnce = version
      this.host.downloadAgain(errorMessage(error))
      return 'download again'
    }
    this.spoiledTwice = version
    this.drop(version, `${errorMessage(error)}; changed after a second download`)
    this.saySpoiledTwice(version)
    return 'download by hand'
  }

  private saySpoiledTwice(version: string): void {
    const url = this.host.state().manualDownloadUrl
    this.host.set({ phase: 'error', progress: null, error: downloadSpoiledTwice(version, url) })
  }

  /** Never install the downloaded `version`, for the reason `why` says: no restart, none on quit. */
  drop(version: string, why: string): void {
    const { deps, set } = this.host
    // electron-updater installs on quit whatever it has downloaded unless told not to.
    deps.updater.setInstallOnQuit(false)
    this.stop()
    deps.log.info(`${why}: Standby ${version} will not be installed.`)
    set(UPDATE_DROPPED)
  }

  /** Drop `version` if it is a beta and the expert is on stable now; says whether it did. */
  dropIfBetaLeft(version: string, channel: UpdateChannel): boolean {
    if (!betaLeft(version, channel)) return false
    this.drop(version, 'Left the beta')
    return true
  }

  /** Stop waiting for a held restart to become safe. */
  stop(): void {
    this.safetyTimer?.cancel()
  }

  private safety(): RestartSafety {
    const { deps, formatTime } = this.host
    return restartSafety(deps.platformNow(), deps.sessions(), formatTime)
  }
}
