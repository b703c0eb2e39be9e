/**
 * The installer (Windows) or AppImage (Linux) that starts is byte for byte the file whose sha512
 * the feed named. electron-updater checks a download's sha512 once, as it arrives, and later starts
 * whatever is at its path: at a restart, at a quit hours after, through elevate.exe when Windows
 * refuses the first start, or through the shell when the file was gone at that start. Whoever could
 * write the pending folder meanwhile chose what ran, an older installer the publisher once signed
 * as well. Here the file is read again at the last moment Node has before the OS starts it, in the
 * same turn, and compared with the feed's sha512 (not with an earlier read of the file); a further
 * check (update-signature-checked.ts: it passed Windows' signature check in this run) can be added.
 */
import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import { BaseUpdater, NsisUpdater, type AppUpdater } from 'electron-updater'
import { DownloadSpoiled } from '../../core/ports/updater'

/** What must hold of an installer's content (its sha512, base64), or why it does not. */
export type InstallerCheck = (sha512: string) => string | null

/** The start of each sentence of an install refused here. */
export const INSTALLER_REFUSED = 'The downloaded installer'

/** Where electron-updater keeps the download it installs, and what the feed said of it (protected). */
interface PendingDownload {
  readonly installerPath: string | null
  readonly downloadedUpdateHelper?: {
    readonly versionInfo?: { readonly version?: unknown } | null
    readonly fileInfo?: { readonly info?: { readonly sha512?: unknown } } | null
  } | null
  spawnLog: (cmd: string, args?: string[], ...rest: unknown[]) => Promise<boolean>
}

/** Adds a check an installer's content must pass as well; see installerGate. */
export interface InstallerGate {
  alsoRequire(check: InstallerCheck): void
}

/**
 * Refuse any install of `updater` (each way in: a restart, a quit) whose installer does not hold
 * exactly what the feed named, with an 'error' that says why (a DownloadSpoiled: fetch it again); on Windows read again as it is
 * started, elevate.exe's start included, and never handed to the shell to open instead.
 */
export function installerGate(updater: AppUpdater): InstallerGate {
  const checks: InstallerCheck[] = []
  if (!(updater instanceof BaseUpdater)) return { alsoRequire: () => undefined }
  const pending = updater as unknown as PendingDownload
  const refusal = (installer: string): string | null => {
    const feed = pending.downloadedUpdateHelper?.fileInfo?.info?.sha512
    const version = String(pending.downloadedUpdateHelper?.versionInfo?.version ?? 'the update')
    const digest = sha512OfNow(installer)
    const content = digest?.toString('base64')
    // The feed may write it in hex, which electron-updater's download check reads as well.
    const asFed = feed === content || feed === digest?.toString('hex')
    const why =
      content === undefined
        ? 'could not be read'
        : (checks.map((check) => check(content)).find((fault) => fault !== null) ??
          (asFed ? null : `no longer matches the sha512 the update server published for ${version}`))
    return why === null
      ? null
      : `${INSTALLER_REFUSED} (${installer}) ${why}, so nothing was installed and this version stays until the update is downloaded again`
  }
  const atSpawn = updater instanceof NsisUpdater
  let installing = false
  const install = updater.install.bind(updater)
  // Both ways in go through install(): quitAndInstall and the handler armed for the quit.
  updater.install = (isSilent, isForceRunAfter) => {
    const installer = pending.installerPath
    // Windows: read where it is started, within this call (electron-updater starts it in its turn).
    const why = installer === null || atSpawn ? null : refusal(installer)
    if (why !== null) {
      updater.emit('error', new DownloadSpoiled(why))
      return false
    }
    installing = true
    try {
      return install(isSilent, isForceRunAfter)
    } finally {
      installing = false
    }
  }
  if (atSpawn) gateSpawns(pending, refusal, () => installing)
  return { alsoRequire: (check) => void checks.push(check) }
}

/**
 * Windows: each start of the installer (itself, or as elevate.exe's first argument) reads it again
 * first. A refusal within install() is thrown, which electron-updater reports and then does not
 * quit; a later start (elevate.exe after a refused first start) rejects. A start that found no file
 * is an error, where electron-updater would have the shell open whatever is at the path later.
 */
function gateSpawns(
  pending: PendingDownload,
  refusal: (installer: string) => string | null,
  installing: () => boolean,
): void {
  const spawn = pending.spawnLog.bind(pending)
  pending.spawnLog = (cmd, args = [], ...rest) => {
    const installer = pending.installerPath
    if (installer === null || (cmd !== installer && args[0] !== installer)) return spawn(cmd, args, ...rest)
    const why = refusal(installer)
    if (why !== null) {
      if (installing()) throw new DownloadSpoiled(why)
      return Promise.reject(new DownloadSpoiled(why))
    }
    return spawn(cmd, args, ...rest).catch((error: unknown) => {
      if ((error as { code?: unknown } | null)?.code !== 'ENOENT') throw error
      throw new DownloadSpoiled(
        `${INSTALLER_REFUSED} (${installer}) was gone when Windows was to start it, so nothing was installed until the update is downloaded again`,
        { cause: error },
      )
    })
  }
}

/** The sha512 of the file at `path`, read without yielding, or undefined if it cannot be read. */
function sha512OfNow(path: string): Buffer | undefined {
  const hash = createHash('sha512')
  const chunk = Buffer.alloc(1024 * 1024)
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk))
      hash.update(chunk.subarray(0, read))
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  return hash.digest()
}
