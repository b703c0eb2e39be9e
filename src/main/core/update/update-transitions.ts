/**
 * What the update state becomes at each step, as pure functions of the state: before any check,
 * with the minimum the platform requires, after a check that found nothing newer, as a download
 * begins, and when a downloaded update is dropped (a beta the expert left, a release withdrawn).
 */
import { compareAppVersions, isPrerelease } from '../../../shared/rules/app-version'
import type { UpdateChannel, UpdateState } from '../../../shared/update/update-state'
import type { UpdateCheck } from '../ports/updater'
import { leavingBetaNote, requiredButNothingNewer } from './update-words'

/** The state before any check: idle on this version, nothing known yet. */
export function initialUpdateState(
  currentVersion: string,
  channel: UpdateChannel,
  manualDownloadUrl: string,
): UpdateState {
  return {
    currentVersion,
    channel,
    phase: 'idle',
    availableVersion: null,
    progress: null,
    lastCheckAt: null,
    nextCheckAt: null,
    error: null,
    manualDownloadUrl,
    channelNote: null,
    requiredVersion: null,
    canRestart: false,
    restartHeldBecause: null,
  }
}

/** The version the platform's minimum requires of this one; null when this one is new enough or none is set. */
export function requiredVersionOf(currentVersion: string, minimum: string | null): string | null {
  return minimum !== null && compareAppVersions(currentVersion, minimum) < 0 ? minimum : null
}

/** The ready update is older than the platform needs, so a newer one must replace it. */
export function readyFallsShort(state: Pick<UpdateState, 'availableVersion' | 'requiredVersion'>): boolean {
  const { availableVersion, requiredVersion } = state
  return (
    availableVersion !== null &&
    requiredVersion !== null &&
    compareAppVersions(availableVersion, requiredVersion) < 0
  )
}

/** What a check that found nothing newer (the feed's latest is `latest`) makes of the state. */
export function nothingNewer(state: UpdateState, latest: string | null): Partial<UpdateState> {
  const { currentVersion, channel, requiredVersion } = state
  const leavingBeta = channel === 'stable' && isPrerelease(currentVersion)
  return {
    phase: requiredVersion === null ? 'up_to_date' : 'error',
    availableVersion: null,
    progress: null,
    channelNote: leavingBeta ? leavingBetaNote(currentVersion, latest) : null,
    error:
      requiredVersion === null ? null : requiredButNothingNewer(requiredVersion, state.manualDownloadUrl),
  }
}

/** The state as the download of `version` begins: whatever was ready is being replaced. */
export function downloadStarting(version: string): Partial<UpdateState> {
  // No restart is offered until this one arrives.
  return {
    phase: 'downloading',
    availableVersion: version,
    progress: 0,
    channelNote: null,
    canRestart: false,
    restartHeldBecause: null,
  }
}

/** A download's reported progress as a whole percentage from 0 to 100. */
export function progressPercent(percent: number): number {
  return Math.round(Math.min(100, Math.max(0, percent)))
}

/** Whether `version` is a beta that an expert now on `channel` no longer wants installed. */
export function betaLeft(version: string, channel: UpdateChannel): boolean {
  return channel === 'stable' && isPrerelease(version)
}

/**
 * The ready update (`ready`, null if none) if the feed no longer offers it, as a check after it
 * says; otherwise null. The feed offers an older version (the previous release put back, still
 * newer than this copy, which is then downloaded instead), or has nothing newer than this copy
 * and its latest is older (the previous release put back) or the same one out of this computer's
 * reach (its rollout halted). A newer latest out of reach (a rollout not yet here) leaves the
 * ready one as good as it was, and an unreadable one says nothing.
 */
export function withdrawnReady(ready: string | null, found: UpdateCheck): string | null {
  if (ready === null) return null
  const offered = found.kind === 'available' ? found.version : found.kind === 'none' ? found.latest : null
  if (offered === null) return null
  const older = compareAppVersions(offered, ready)
  return older < 0 || (older === 0 && found.kind === 'none') ? ready : null
}

/** Why a ready update the feed withdrew is dropped. */
export const WITHDRAWN =
  'The update server no longer offers it to this computer (its release halted or withdrawn)'

/** The state once a downloaded update is dropped: nothing available, nothing to restart for. */
export const UPDATE_DROPPED: Partial<UpdateState> = {
  phase: 'idle',
  availableVersion: null,
  progress: null,
  canRestart: false,
  restartHeldBecause: null,
}

/** The state once a ready download is found changed: nothing to restart for until it is fetched again. */
export const DOWNLOAD_AGAIN: Partial<UpdateState> = {
  phase: 'checking',
  progress: null,
  canRestart: false,
  restartHeldBecause: null,
  error: null,
}
