/**
 * What the expert can do when Standby cannot write to this computer (the cache, the settings, the
 * saved sign-in), as the start of a sentence: the same fault gets the same advice wherever it
 * happens. Read from the error's code, as the startup's failure is.
 */
import { failureKindOf } from './startup/startup-failure'

/** The remedy for a failed write, as the start of a sentence (the caller ends it). */
export function storageRemedy(error: unknown): string {
  switch (failureKindOf(error)) {
    case 'disk_full':
      return 'Free some space on the disk that holds your profile'
    case 'unwritable':
      return 'Check that your profile folder is writable and its disk not read-only'
    case 'locked':
      return 'Quit any other program using Standby’s files (a backup, an antivirus scan)'
    default:
      return 'If this goes on, quit Standby and start it again'
  }
}
