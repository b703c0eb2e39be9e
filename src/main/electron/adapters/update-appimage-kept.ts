/**
 * Linux (AppImage): electron-updater's install removes the installed AppImage first and only then
 * moves the downloaded one into its place, at a restart to update and at a quit alike. A download
 * removed since it completed (the expert or a cleaner emptied ~/.cache) then left no Standby on
 * disk at all: the next login or launch found nothing. Such an install is refused before anything
 * is removed, with an 'error' that says why; the AppImage stays, and a restart refused for it downloads again.
 */
import { existsSync } from 'node:fs'
import { AppImageUpdater, type AppUpdater } from 'electron-updater'
import { DownloadSpoiled } from '../../core/ports/updater'

/** Where electron-updater keeps the download it installs (protected in its types). */
interface WithInstallerPath {
  readonly installerPath: string | null
}

/** Has `updater`'s installs (explicit or on quit) leave the AppImage alone when its download is gone. */
export function keepAppImageUntilReplaced(updater: AppUpdater): void {
  if (!(updater instanceof AppImageUpdater)) return
  const install = updater.install.bind(updater)
  // Both ways in go through install(): quitAndInstall and the handler armed for the quit.
  updater.install = (isSilent, isForceRunAfter) => {
    const download = (updater as unknown as WithInstallerPath).installerPath
    if (download === null || existsSync(download)) return install(isSilent, isForceRunAfter)
    updater.emit(
      'error',
      // A DownloadSpoiled: a restart refused for it fetches the update again (restart-offer.ts).
      new DownloadSpoiled(
        `The downloaded update is no longer on this computer (${download} was removed after the ` +
          'download), so nothing was installed and this version stays until the update is downloaded again',
      ),
    )
    return false
  }
}
