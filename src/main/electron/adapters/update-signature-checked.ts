/**
 * Windows: an installer is installed only once its signature was checked. electron-updater asks
 * PowerShell who signed it, and when PowerShell cannot answer (blocked by the organisation's
 * policy, missing, or too slow on a busy machine) it logs "Ignoring signature validation" and
 * passes the installer unchecked: whoever controls the feed could then have any program installed.
 * Here that warning fails the check instead, and so does a check that threw (PowerShell ended
 * after its time), each with a sentence the expert can act on rather than PowerShell's command.
 */
import type { AppUpdater, Logger as UpdaterLogger } from 'electron-updater'
import { verifySignature } from 'electron-updater/out/windowsExecutableCodeSignatureVerifier'
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'

/** How electron-updater's own check says it passed an installer it could not check. */
const CHECK_SKIPPED = /Ignoring signature validation/

/** The start of the refusal, which update-error-words.ts tells apart from a wrong publisher. */
export const SIGNATURE_UNCHECKED = 'Windows could not check who signed the downloaded installer'

/** A check of an installer's signature, as NsisUpdater takes one: null when it passes, else why not. */
type SignatureCheck = (publisherNames: string[], installer: string) => Promise<string | null>

/** The Windows updater's setting for its signature check (NsisUpdater's). */
interface SignatureCheckSetting {
  verifyUpdateCodeSignature: SignatureCheck
}

/**
 * Make `updater`'s signature check (Windows' only) refuse an installer electron-updater could not
 * check; every line of the check still reaches `log`. `check` is electron-updater's own check.
 */
export function refuseUncheckedSignatures(
  updater: AppUpdater,
  log: Logger,
  check: typeof verifySignature = verifySignature,
): void {
  if (!('verifyUpdateCodeSignature' in updater)) return
  ;(updater as unknown as SignatureCheckSetting).verifyUpdateCodeSignature = async (names, installer) => {
    // Set by the logger while the check runs, which TypeScript cannot see from here.
    const skipped: { line?: string } = {}
    const heard: UpdaterLogger = {
      info: (message?: unknown) => log.info(`Updater: ${String(message)}`),
      warn: (message?: unknown) => {
        const line = String(message)
        if (CHECK_SKIPPED.test(line)) skipped.line ??= line
        log.warn(`Updater: ${line}`)
      },
      error: (message?: unknown) => log.warn(`Updater: ${String(message)}`),
    }
    let refusal: string | null
    try {
      refusal = await check(names, installer, heard)
    } catch (error) {
      // PowerShell ran but did not answer in time, answered what the check cannot read, or
      // reported on another file than the installer.
      return `${SIGNATURE_UNCHECKED} (${errorMessage(error).split('\n')[0] ?? ''})`
    }
    if (refusal !== null || skipped.line === undefined) return refusal
    return `${SIGNATURE_UNCHECKED} (${skipped.line.split(/\. Ignoring signature validation/)[0]})`
  }
}
