/**
 * Which SQLite failures are faults of the machine rather than of a database file's content, for
 * both databases (the platform's and the app's cache). Moving such a file aside would not help.
 */

/** Permissions, a full disk, I/O errors, another process holding the lock, memory: by SQLite's error code. */
export function isMachineFaultCode(code: string): boolean {
  return /^SQLITE_(CANTOPEN|PERM|READONLY|FULL|IOERR|BUSY|LOCKED|NOMEM|AUTH)/.test(code)
}
