/**
 * Which SQLite failures are faults of the machine rather than of a database file's content, for
 * both databases (the platform's and the app's cache). Moving such a file aside would not help.
 */

/** Permissions, a full disk, I/O errors, another process holding the lock, memory: by SQLite's error code. */
export function isMachineFaultCode(code: string): boolean {
  return /^SQLITE_(CANTOPEN|PERM|READONLY|FULL|IOERR|BUSY|LOCKED|NOMEM|AUTH)/.test(code)
}

/**
 * A full disk, by Node's or SQLite's code: SQLite says SQLITE_FULL for a file it writes, but a
 * shared-memory (-shm) file it cannot grow, its blocks written before they are mapped, only as an
 * I/O error of that file's size (SQLITE_IOERR_SHMSIZE), which a full disk is almost always. A
 * user's quota used up (EDQUOT, a home folder on a shared server) is a full disk for that user:
 * freeing space is what helps.
 */
export function isDiskFullCode(code: string): boolean {
  return /^(ENOSPC|EDQUOT|SQLITE_FULL|SQLITE_IOERR_SHMSIZE)(_|$)/.test(code)
}
