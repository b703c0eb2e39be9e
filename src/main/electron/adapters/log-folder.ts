/** The log folder as Settings opens it: the system file manager, through `shell.openPath`. */
import { shell } from 'electron'
import type { HostLogFolder } from '../../core/app-api'
import type { Logger } from '../../node/log'
import { errorMessage } from '../../../shared/error-message'

/** Opens `path` in the file manager; a refusal is logged and answered with false, so the page shows the path. */
export function createElectronLogFolder(path: string, log: Logger): HostLogFolder {
  return {
    path,
    async open() {
      // openPath answers with the reason it failed, or '' when it opened the folder.
      const failure = await shell.openPath(path).catch((error: unknown) => errorMessage(error))
      if (failure !== '') log.warn(`Could not open the log folder ${path}: ${failure}`)
      return failure === ''
    },
  }
}
