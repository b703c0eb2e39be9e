/**
 * Windows: the version a downloaded installer carries in its own resources (electron-builder
 * writes the app's version as its ProductVersion), read through PowerShell. A feed can name the
 * sha512 of any installer the publisher ever signed under a newer version number: its signature
 * passes, and electron-updater would install that older Standby. Here the installer must carry the
 * very version the feed offers, newer than the running one, or it is refused.
 */
import { compareAppVersions, parseAppVersion } from '../../../shared/rules/app-version'
import { describeAddress } from '../../../shared/describe-untrusted'
import { errorMessage } from '../../../shared/error-message'
import { runPowerShell, SIGNATURE_UNCHECKED, type PowerShellRunner } from './update-authenticode'

/** The start of a refusal for the installer's own version, which update-error-words.ts tells apart. */
export const INSTALLER_VERSION_WRONG = 'The downloaded installer carries'

/** The environment variable that hands PowerShell the installer's path. */
const INSTALLER_VARIABLE = 'STANDBY_UPDATE_INSTALLER'

/** The versions the installer's own is held to. */
export interface ExpectedVersions {
  /** The version the feed offers (electron-updater downloads for it). */
  readonly offered: string
  /** The version this copy runs. */
  readonly running: string
}

/**
 * Why `installer` cannot be the update `expected` names, or null when it carries the offered
 * version and that is newer than the running one. A refusal starting SIGNATURE_UNCHECKED means
 * PowerShell gave no usable answer.
 */
export async function installerVersionFault(
  installer: string,
  expected: ExpectedVersions,
  run: PowerShellRunner = runPowerShell,
): Promise<string | null> {
  // The path reaches PowerShell as a variable's value, never as command text (update-authenticode.ts).
  const command = `[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; (Get-Item -LiteralPath $env:${INSTALLER_VARIABLE}).VersionInfo.ProductVersion`
  let carried: string
  try {
    carried = (await run(command, { [INSTALLER_VARIABLE]: installer })).replace(/^\uFEFF/, '').trim()
  } catch (error) {
    return `${SIGNATURE_UNCHECKED} (its version could not be read: ${errorMessage(error).split('\n')[0] ?? ''})`
  }
  if (parseAppVersion(carried) === null)
    return `${INSTALLER_VERSION_WRONG} no version of Standby (${describeAddress(carried)})`
  if (compareAppVersions(carried, expected.running) <= 0) {
    return `${INSTALLER_VERSION_WRONG} Standby ${carried}, not newer than this version ${expected.running}`
  }
  if (carried !== expected.offered) {
    return `${INSTALLER_VERSION_WRONG} Standby ${carried}, not the version ${expected.offered} the update server offered`
  }
  return null
}
