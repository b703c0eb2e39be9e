/**
 * Windows: an installer is installed only once its publisher's signature was checked
 * (update-authenticode.ts asks PowerShell, without holding the main process). electron-updater's
 * own check passed an installer PowerShell could not check (blocked by the organisation's policy,
 * missing, too slow on a busy machine) unchecked, and first asked PowerShell again synchronously.
 */
import { NsisUpdater, type AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import { checkAuthenticode, runPowerShell, type PowerShellRunner } from './update-authenticode'

/** A check of an installer's signature, as NsisUpdater takes one: null when it passes, else why not. */
type SignatureCheck = (publisherNames: string[], installer: string) => Promise<string | null>

/** The Windows updater's setting for its signature check (NsisUpdater's). */
interface SignatureCheckSetting {
  verifyUpdateCodeSignature: SignatureCheck
}

/**
 * Make `updater`'s signature check (Windows' only) refuse an installer PowerShell could not
 * check, each refusal said in `log`. `run` runs PowerShell (a test plays it).
 */
export function refuseUncheckedSignatures(
  updater: AppUpdater,
  log: Logger,
  run: PowerShellRunner = runPowerShell,
): void {
  if (!(updater instanceof NsisUpdater)) return
  ;(updater as unknown as SignatureCheckSetting).verifyUpdateCodeSignature = async (names, installer) => {
    log.info(`Updater: checking who signed ${installer}`)
    const refusal = await checkAuthenticode(names, installer, run)
    if (refusal !== null) log.warn(`Updater: the installer's signature check refused it: ${refusal}`)
    return refusal
  }
}
