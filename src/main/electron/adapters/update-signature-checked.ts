/**
 * Windows: an installer is installed only once its publisher's signature was checked, on that very
 * file, in this run (update-authenticode.ts asks PowerShell, without holding the main process).
 * electron-updater checks only what it downloads: an installer it finds already downloaded in its
 * pending folder (an earlier run's, maybe passed by an earlier version's laxer check) it reused
 * unchecked, and it installed whatever was at the installer's path when asked, at a restart or a
 * quit, however long after the check. Here a kept installer is checked again before it is reused
 * (refused, it is removed and the update downloaded anew), and an install whose installer no
 * longer holds what passed (replaced or rewritten since) is refused. What passed is known by its
 * content, not by the file's number, size and times: whoever can write the file can put those back.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { NsisUpdater, type AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'
import {
  checkAuthenticode,
  runPowerShell,
  SIGNATURE_UNCHECKED,
  type PowerShellRunner,
} from './update-authenticode'
import type { InstallerGate } from './update-installer-gate'
import { installerVersionFault, type ExpectedVersions } from './update-installer-version'

/** A check of an installer's signature, as NsisUpdater takes one: null when it passes, else why not. */
type SignatureCheck = (publisherNames: string[], installer: string) => Promise<string | null>

/** The Windows updater's signature check and what it reaches it through (NsisUpdater's). */
interface SignatureChecking {
  verifyUpdateCodeSignature: SignatureCheck
  /** Reads the publisher from app-update.yml and checks `installer` against it (none named: null). */
  verifySignature?: (installer: string) => Promise<string | null>
  getOrCreateDownloadHelper?: () => Promise<DownloadHelper>
}

/** electron-updater's keeper of the pending folder, as far as reusing a download goes. */
interface DownloadHelper {
  validateDownloadedPath: (...args: unknown[]) => Promise<string | null>
  clear: () => Promise<void>
}

/** Marks a download helper whose reuse is already checked here. */
const REUSE_CHECKED = Symbol('reuseChecked')

/**
 * Make `updater`'s signature check (Windows' only) refuse an installer PowerShell could not
 * check, check a kept installer again before reuse, and have `gate` refuse to install one changed
 * since its check; each refusal reaches `log`. `run` runs PowerShell (a test plays it).
 */
export function refuseUncheckedSignatures(
  updater: AppUpdater,
  log: Logger,
  gate: InstallerGate,
  run: PowerShellRunner = runPowerShell,
): void {
  if (!(updater instanceof NsisUpdater)) return
  const nsis = updater as unknown as SignatureChecking
  // The sha512 of each installer whose check passed in this run.
  const passed = new Set<string>()
  let checking = false
  nsis.verifyUpdateCodeSignature = async (names, installer) => {
    checking = true
    log.info(`Updater: checking who signed ${installer}`)
    // Read before and after PowerShell's look, so what passes is what PowerShell read.
    const before = await sha512Of(installer)
    const refusal =
      (await checkAuthenticode(names, installer, run)) ??
      (await installerVersionFault(installer, expectedVersions(updater), run))
    if (refusal !== null) {
      log.warn(`Updater: the installer's signature check refused it: ${refusal}`)
      return refusal
    }
    const after = await sha512Of(installer)
    if (before === undefined || after !== before)
      return `${SIGNATURE_UNCHECKED} (${installer} changed while it was checked)`
    passed.add(after)
    return null
  }
  checkReuse(nsis, passed, log)
  // No publisher named (a build not signed): electron-updater checks nothing, and nor is anything here.
  gate.alsoRequire((content) =>
    !checking || passed.has(content) ? null : 'was changed or removed after Windows checked who signed it',
  )
}

/** The version the last check offered (electron-updater keeps it, protected) and the running one. */
function expectedVersions(updater: AppUpdater): ExpectedVersions {
  const offered = (updater as unknown as { updateInfoAndProvider?: { info?: { version?: unknown } } | null })
    .updateInfoAndProvider?.info?.version
  return { offered: String(offered), running: updater.currentVersion.version }
}

/** Has the download helper reuse a kept installer only once its signature passed in this run. */
function checkReuse(nsis: SignatureChecking, passed: ReadonlySet<string>, log: Logger): void {
  const helperOf = nsis.getOrCreateDownloadHelper?.bind(nsis)
  const verify = nsis.verifySignature?.bind(nsis)
  // Not in this version of electron-updater: an install still needs a file that passed.
  if (helperOf === undefined || verify === undefined) return
  nsis.getOrCreateDownloadHelper = async () => {
    const helper = await helperOf()
    if (REUSE_CHECKED in helper) return helper
    const validate = helper.validateDownloadedPath.bind(helper)
    helper.validateDownloadedPath = async (...args) => {
      const kept = await validate(...args)
      if (kept === null) return null
      // Within a run electron-updater looks only for the file, not at what it holds.
      const sha512 = (args[2] as { info?: { sha512?: unknown } } | undefined)?.info?.sha512
      const content = await sha512Of(kept)
      if (content !== undefined && content === sha512 && passed.has(content)) return kept
      const refusal =
        content !== sha512
          ? 'it does not match the checksum the update server published'
          : await verify(kept).catch((error: unknown) => `${SIGNATURE_UNCHECKED} (${String(error)})`)
      if (refusal === null) return kept
      log.warn(
        `Updater: the installer kept from an earlier download (${kept}) failed its check now; removed it and downloading again: ${refusal}`,
      )
      await helper.clear()
      return null
    }
    Object.defineProperty(helper, REUSE_CHECKED, { value: true })
    return helper
  }
}

/** The sha512 of the file at `path` as the feed writes it (base64), or undefined if it cannot be read. */
async function sha512Of(path: string): Promise<string | undefined> {
  const hash = createHash('sha512')
  try {
    await pipeline(createReadStream(path), hash)
  } catch {
    return undefined
  }
  return hash.digest('base64')
}
