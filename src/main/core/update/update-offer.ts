/**
 * What a check found, held to what the app can trust whatever the feed or the updater library
 * says: a feed can be tampered with, half-written or simply wrong, and the policy must neither
 * download a version it cannot read, nor go back to an older one, nor give a stable expert a beta.
 */
import { compareAppVersions, isPrerelease, parseAppVersion } from '../../../shared/rules/app-version'
import type { UpdateChannel } from '../../../shared/update/update-state'
import type { Logger } from '../ports/logger'
import type { UpdateCheck } from '../ports/updater'

/** The longest piece of a feed's version an error or a log line repeats. */
const SHOWN_VERSION_MAX = 40

/**
 * The check as the policy may act on it. An offer of something that is no version throws (a failed
 * check, said and retried); an offer not newer than this app counts as nothing newer (no
 * downgrade, no reinstall), and so does a pre-release on the stable channel (electron-updater
 * offers whatever a generic feed's latest.yml names, a beta published there by mistake too); a
 * "latest" that is no version, or a pre-release on stable, is not repeated to the expert.
 */
export function trustedCheck(
  found: UpdateCheck,
  currentVersion: string,
  channel: UpdateChannel,
  log: Logger,
): UpdateCheck {
  if (found.kind === 'unavailable') return found
  const stableOnly = channel === 'stable'
  if (found.kind === 'none') {
    const readable = found.latest !== null && parseAppVersion(found.latest) !== null
    return readable && !(stableOnly && isPrerelease(found.latest!)) ? found : { kind: 'none', latest: null }
  }
  if (parseAppVersion(found.version) === null) {
    throw new Error(
      `The update server offers a version Standby cannot read (${shownVersion(found.version)}), so nothing was downloaded`,
    )
  }
  if (compareAppVersions(found.version, currentVersion) <= 0) {
    log.warn(
      `The update server offered Standby ${found.version}, which is not newer than this ${currentVersion}: not downloaded.`,
    )
    return { kind: 'none', latest: found.version }
  }
  if (stableOnly && isPrerelease(found.version)) {
    log.warn(
      `The stable update feed offered Standby ${found.version}, a pre-release: not downloaded, as the expert chose stable releases only.`,
    )
    return { kind: 'none', latest: null }
  }
  return found
}

/** A version from the feed as a sentence may quote it: cut short, quoted and escaped. */
function shownVersion(version: string): string {
  const cut = version.length > SHOWN_VERSION_MAX ? `${version.slice(0, SHOWN_VERSION_MAX)}…` : version
  return JSON.stringify(cut).replace(/[^\x20-\x7e…]/g, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`)
}
