/** The log folder as Settings opens it: the system file manager, through `shell.openPath`. */
import { shell } from 'electron'
import type { HostLogFolder } from '../../core/host-log-folder'
import type { Logger } from '../../node/log'
import { errorMessage } from '../../../shared/error-message'

/**
 * Opens `path` in the file manager; a refusal is logged and answered with false, so the page shows
 * the path. `problem` says why the log file cannot be written now (the file log's own word).
 */
export function createElectronLogFolder(
  path: string,
  log: Logger,
  problem: () => string | null,
): HostLogFolder {
  return {
    path,
    problem,
    async open() {
      // openPath answers with the reason it failed, or '' when it opened the folder.
      const failure = await shell.openPath(path).catch((error: unknown) => errorMessage(error))
      if (failure !== '') log.warn(`Could not open the log folder ${path}: ${failure}`)
      return failure === ''
    },
  }
}
