/**
 * What the expert can do when Standby cannot write to this computer (the cache, the settings, the
 * saved sign-in), as the start of a sentence: the same fault gets the same advice wherever it
 * happens. Read from the error's code, as the startup's failure is.
 */
import { errorMessage } from '../../shared/error-message'
import { DISK_ERROR_ADVICE, failureKindOf } from './startup/startup-failure'
import { CACHE_LOST_REMEDY, isCacheDamage, isCacheLost } from './cache-lost'
import { cacheNotWritableIn } from './cache-not-writable'

/** The remedy for a failed write, as the start of a sentence (the caller ends it). */
export function storageRemedy(error: unknown): string {
  // Nothing the expert does to the disk brings back a connection the run closed: only a new start.
  if (isCacheLost(error)) return CACHE_LOST_REMEDY
  // The files named, and what undoes it: the disk itself is fine.
  const notWritable = cacheNotWritableIn(error)
  if (notWritable !== null) return notWritable.remedy
  // A folder where one of its files goes (put there by hand, or a sync tool) is no fault of the
  // disk or its rights: told as what it is, the expert knows what to move.
  const folder = folderInTheWay(error)
  if (folder !== null)
    return folder === ''
      ? 'Move or rename the folder the error names, which stands where Standby keeps a file'
      : `Move or rename the folder ${folder}, which stands where Standby keeps a file`
  switch (failureKindOf(error)) {
    case 'disk_full':
      return 'Free some space on the disk that holds your profile'
    case 'unwritable':
      return 'Check that your profile folder is writable and its disk not read-only'
    case 'locked':
      return 'Quit any other program using Standby’s files (a backup, an antivirus scan)'
    case 'disk_error':
      return DISK_ERROR_ADVICE
    default:
      return 'If this goes on, quit Standby and start it again'
  }
}

/**
 * What to tell the expert when an action failed because this computer refused a write (a full
 * disk, a read-only profile, a lock, a disk that reported an error) or the cache was found damaged; null when the failure is of
 * another kind.
 */
export function storageFaultMessage(error: unknown): string | null {
  if (isCacheLost(error))
    return `Standby could not read or save this: its offline cache was found damaged and could not be opened again. ${CACHE_LOST_REMEDY}.`
  if (isCacheDamage(error))
    return 'Standby could not read or save this: its offline cache was found damaged, and Standby rebuilds it from the platform. Try again; if this goes on, quit Standby and start it again.'
  const kind = failureKindOf(error)
  if (kind !== 'disk_full' && kind !== 'unwritable' && kind !== 'locked' && kind !== 'disk_error') return null
  return `Standby could not save this on your computer (${errorMessage(error)}). ${storageRemedy(error)}, then try again.`
}

/** The folder a write found where a file should be (EISDIR), named by the error or one of its causes ('' when unnamed); null otherwise. */
function folderInTheWay(error: unknown): string | null {
  for (let at: unknown = error, depth = 0; typeof at === 'object' && at !== null && depth < 8; depth++) {
    const { code, syscall, dest, path, cause } = at as Record<string, unknown>
    if (code === 'EISDIR') {
      // A rename names the folder it could not replace as its destination; a copy, as its source.
      const named = syscall === 'rename' ? dest : path
      const where = typeof named === 'string' ? named : null
      return where ?? ''
    }
    at = cause
  }
  return null
}
