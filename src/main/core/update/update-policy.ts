/**
 * When Standby checks for, downloads and installs updates. It checks once the connection is first
 * up (or a few minutes after start without one), then every few hours with jitter
 * (check-schedule.ts) and at once on resume; downloads in the background; and never restarts
 * while a session is live or near (restart-offer.ts). A ready update is offered as "Restart to
 * update" (tray, window, one notification) and otherwise installs on quit, unless the feed stops
 * offering it. A failed check or download (also one that stalls or only trickles,
 * download-pace.ts) says why, with the manual download link, and retries with backoff. What the
 * state becomes at each step: update-transitions.ts.
 */
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import { fittedUpdateState, type UpdateChannel, type UpdateState } from '../../../shared/update/update-state'
import { CheckSchedule } from './check-schedule'
import { RestartOffer } from './restart-offer'
import { unlessStalled } from './unless-stalled'
import { pacedDownload, WokeMidway } from './paced-download'
import { SleptThrough } from './slept-through'
import { trustedCheck } from './update-offer'
import {
  DEFAULT_UPDATE_TIMINGS,
  type RestartOutcome,
  type UpdatePolicyDeps,
  type UpdateTimings,
} from './update-deps'
import {
  DOWNLOAD_AGAIN,
  downloadStarting,
  initialUpdateState,
  nothingNewer,
  readyFallsShort,
  requiredVersionOf,
  WITHDRAWN,
  withdrawnReady,
} from './update-transitions'
import { ShownFailure } from './shown-failure'
import { errorMessage } from '../../../shared/error-message'
import { localShortTime } from '../../../shared/day-time-options'
import { steadyNow } from '../../../shared/clock'

export {
  DEFAULT_UPDATE_TIMINGS,
  type RestartOutcome,
  type UpdatePolicyDeps,
  type UpdateTimings,
} from './update-deps'

/** The update policy over one Updater. */
export class UpdatePolicy {
  /** Every change of the state. */
  readonly changes: Listeners<UpdateState>
  private current: UpdateState
  private readonly timings: UpdateTimings
  private started = false
  private stopped = false
  private checking = false
  private checkAgain = false
  /** When a page last had a check start, on the steady clock; null before the first. */
  private lastAskedAt: number | null = null
  private readonly checks: CheckSchedule
  private readonly restartOffer: RestartOffer
  private readonly offs: Unsubscribe[] = []
  /** Stops the check under way and its download when the computer wakes from a sleep it slept through. */
  private readonly wakes = new SleptThrough()
  /** The failure the window shows, written again in a new zone (shown-failure.ts). */
  private readonly failure = new ShownFailure(
    () => this.formatTime,
    () => this.current.manualDownloadUrl,
  )

  constructor(private readonly deps: UpdatePolicyDeps) {
    this.timings = { ...DEFAULT_UPDATE_TIMINGS, ...deps.timings }
    this.changes = new Listeners((error) => deps.log.error('An update listener failed', error))
    this.current = fittedUpdateState(
      initialUpdateState(deps.updater.currentVersion, deps.channel(), deps.manualDownloadUrl),
    )
    this.checks = new CheckSchedule({ clock: deps.clock, timings: this.timings, random: deps.random }, () =>
      this.checkNow(),
    )
    this.restartOffer = new RestartOffer({
      deps,
      formatTime: this.formatTime,
      state: () => this.current,
      set: (changes) => this.set(changes),
      downloadAgain: (why) => this.downloadAgain(why),
    })
    // A check or download cut by a sleep is started again at once; each wake checks (slept-through.ts).
    this.offs.push(...this.wakes.follow(deps.power, () => this.started && this.checkNow()))
  }

  /** The state as the window shows it. */
  get state(): UpdateState {
    return this.current
  }

  /** Standby runs: the first check waits for the connection, or not long when none comes (update-deps.ts). */
  begin(): void {
    if (!this.started && !this.stopped) this.checks.first()
  }

  /** The connection is up: the first check runs now (later ones follow the schedule). */
  connected(): void {
    if (!this.started) this.checkNow()
  }

  /**
   * A page asked for a check ("Check now"): the check under way, or the one it asked for a few
   * seconds ago, answers it, so a page asking in a loop does not reach the update server each time.
   */
  checkAsked(): void {
    if (this.checking) return
    const now = steadyNow(this.deps.clock)
    if (this.lastAskedAt !== null && now - this.lastAskedAt < this.timings.askedGapMs) return
    this.lastAskedAt = now
    this.checkNow()
  }

  /** Check at once: the expert asked, the machine woke, or the channel or the minimum changed. */
  checkNow(): void {
    if (this.stopped) return
    if (this.checking) {
      this.checkAgain = true
      return
    }
    this.checks.cancel()
    void this.check()
  }

  /**
   * The channel setting changed: check its feed at once. A beta already downloaded is dropped
   * when the expert leaves the beta, so it does not install on quit against their choice (one
   * still downloading is dropped when it arrives).
   */
  channelChanged(): void {
    const channel = this.deps.channel()
    if (this.current.channel === channel) return
    const { phase, availableVersion } = this.current
    if (phase === 'ready' && availableVersion !== null)
      this.restartOffer.dropIfBetaLeft(availableVersion, channel)
    this.set({ channel, channelNote: null })
    if (this.started) this.checkNow()
  }

  /** The platform announced its minimum supported version (or none). */
  minimumVersion(version: string | null): void {
    const required = requiredVersionOf(this.current.currentVersion, version)
    if (this.stopped || required === this.current.requiredVersion) return
    this.set({ requiredVersion: required })
    if (required === null) return
    this.deps.log.warn(
      `The platform needs Standby ${required} or newer; this is ${this.current.currentVersion}.`,
    )
    this.started = true
    if (this.current.phase === 'ready' && !readyFallsShort(this.current)) this.restartOffer.offer()
    else this.checkNow()
  }

  /** Sessions or platform time changed: a held restart may be safe now, or no longer (none once stopped). */
  sessionsChanged(): void {
    if (!this.stopped && this.current.phase === 'ready') this.restartOffer.offer()
  }

  /**
   * The computer's time zone changed: the failure's retry time and a held restart's session time
   * were written in the zone left, and would stay so until the next check or the next change of
   * sessions.
   */
  timeZoneChanged(): void {
    if (this.stopped) return
    const rewritten = this.failure.rewritten(this.current.error)
    if (rewritten !== null) this.set({ error: rewritten })
    if (this.current.phase === 'ready') this.restartOffer.offer()
  }

  /** "Restart to update": installs now when no session can be hurt; otherwise says why not. */
  restart(): RestartOutcome {
    return this.restartOffer.restart()
  }

  /** Stop every timer and listener (Standby quits): a check or download under way then ends unheard. */
  stop(): void {
    this.stopped = true
    this.checks.cancel()
    this.restartOffer.stop()
    for (const off of this.offs.splice(0)) off()
  }

  private async check(): Promise<void> {
    // Checks have begun, however the first came: a wake now checks too, a connection adds none.
    this.started = true
    this.checking = true
    const channel = this.current.channel
    const underWay = this.wakes.begin()
    const wasReady = this.current.phase === 'ready'
    if (!wasReady) this.set({ phase: 'checking', error: null, nextCheckAt: null })
    try {
      // A late answer is ignored: the next check asks again.
      const found = trustedCheck(
        await unlessStalled(
          this.deps.clock,
          this.timings.checkTimeoutMs,
          'The update server did not answer',
          () => this.deps.updater.check(channel),
          underWay,
        ),
        this.current.currentVersion,
        channel,
        this.deps.log,
      )
      if (this.stopped) return
      this.set({ lastCheckAt: this.deps.clock.now(), error: null })
      const withdrawn = withdrawnReady(wasReady ? this.current.availableVersion : null, found)
      if (withdrawn !== null) this.restartOffer.drop(withdrawn, WITHDRAWN)
      if (found.kind === 'unavailable') {
        this.set({ phase: 'unavailable', error: found.reason, channelNote: null })
      } else if (found.kind === 'none') {
        if (this.current.phase !== 'ready') this.set(nothingNewer(this.current, found.latest))
      } else if (
        !wasReady ||
        withdrawn !== null ||
        (readyFallsShort(this.current) && found.version !== this.current.availableVersion)
      ) {
        // A ready update stays until installed or withdrawn: electron-updater deletes a downloaded one
        // as soon as it starts on the next, so a newer release waits unless the platform needs more.
        await this.download(found.version, channel, underWay)
        if (this.stopped) return
      }
      // Only now is the backoff over: a check answered whose download then failed is no success,
      // or a refused download would be fetched again at the shortest delay every time.
      this.checks.answered()
      this.set({ nextCheckAt: this.checks.regular() })
    } catch (error) {
      if (this.stopped) return
      if (error instanceof WokeMidway) {
        this.deps.log.info('The computer woke during the update check or download; starting it again.')
        this.checkAgain = true
      } else this.failed(error)
    } finally {
      this.checking = false
      if (this.checkAgain) {
        this.checkAgain = false
        this.checkNow()
      }
    }
  }

  private async download(version: string, checkedOn: UpdateChannel, stop: AbortSignal): Promise<void> {
    if (this.restartOffer.refusedForGood(version)) return
    this.set(downloadStarting(version))
    this.deps.log.info(`Downloading Standby ${version}`)
    const progress = (percent: number): void => this.set({ progress: percent })
    await pacedDownload(this.deps, this.timings, progress, stop)
    if (this.stopped) return
    if (checkedOn !== this.current.channel && this.restartOffer.dropIfBetaLeft(version, this.current.channel))
      return
    this.deps.log.info(`Standby ${version} is downloaded and verified; it installs on restart or quit.`)
    this.deps.updater.setInstallOnQuit(true)
    // Ready and whether a restart is safe arrive together: no state says "ready" without saying that.
    this.restartOffer.offer({ phase: 'ready', progress: 100 })
  }

  /** The ready download changed, so each install of it is refused: not offered; a check fetches it again. */
  private downloadAgain(why: string): void {
    if (this.stopped || this.current.phase !== 'ready') return
    this.deps.updater.setInstallOnQuit(false)
    this.restartOffer.stop()
    this.deps.log.warn(`${why}; downloading the update again.`)
    this.set(DOWNLOAD_AGAIN)
    this.checkNow()
  }

  private failed(error: unknown): void {
    const { attempt, at: retryAt } = this.checks.retry()
    const what = this.current.phase === 'downloading' ? 'download the update' : 'check for updates'
    const reason = errorMessage(error)
    this.deps.log.warn(`Could not ${what} (attempt ${attempt}): ${reason}`)
    this.set({ nextCheckAt: retryAt })
    // A ready update stays ready: a later check failing does not take it away.
    if (this.current.phase === 'ready') return
    const sentence = this.failure.show({ what, reason, retryAt })
    this.set({ phase: 'error', progress: null, lastCheckAt: this.deps.clock.now(), error: sentence })
  }

  private get formatTime(): (t: number) => string {
    return this.deps.formatTime ?? localShortTime
  }

  private set(changes: Partial<UpdateState>): void {
    if (this.stopped) return
    // Every state the pages hear passes here: fitted to the schema whatever built its texts.
    const next = fittedUpdateState({ ...this.current, ...changes })
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    this.changes.emit(next)
  }
}
