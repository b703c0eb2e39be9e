/**
 * A cache that became read-only while Standby runs (an immutable flag set, a disk remounted
 * read-only): SQLite reports the refused write as a disk I/O error, which sent the expert to check
 * a disk that was fine. Found by asking the system whether the files may still be written
 * (src/main/db/write-refused.ts), the failure is told as what it is, naming the files, with what
 * undoes it; Standby tries again by itself, so nothing else is needed.
 */

/** The cache's files the system now refuses to let this account write, with the system's words. */
export interface RefusedFiles {
  /** The files refused, the cache file first. */
  readonly paths: ReadonlyArray<string>
  /** The system's code (EPERM, EACCES, EROFS), so the error is classed with any other refused write. */
  readonly code: string
  /** The system's words for it ("operation not permitted"). */
  readonly text: string
}

/** A write to the cache refused because its files may no longer be written. */
export class CacheNotWritable extends Error {
  override readonly name: string = 'CacheNotWritable'
  readonly code: string
  readonly paths: ReadonlyArray<string>

  constructor(refused: RefusedFiles) {
    super(`${refused.code}: ${refused.text}, ${listed(refused.paths)} may no longer be written`)
    this.code = refused.code
    this.paths = refused.paths
  }

  /** What undoes it, as the start of a sentence (the caller ends it). */
  get remedy(): string {
    // A read-only file system is no matter of the files' rights: the disk is mounted again.
    if (this.code === 'EROFS') return `Make the disk that holds ${this.paths[0]} writable again`
    return `Make ${listed(this.paths)} writable by your account again`
  }
}

/** `error`, or the first of its causes, that is a cache no longer writable; null if none. */
export function cacheNotWritableIn(error: unknown): CacheNotWritable | null {
  for (let at: unknown = error, depth = 0; typeof at === 'object' && at !== null && depth < 8; depth++) {
    if (at instanceof CacheNotWritable) return at
    at = (at as { cause?: unknown }).cause
  }
  return null
}

function listed(paths: ReadonlyArray<string>): string {
  return paths.length < 2 ? (paths[0] ?? '') : `${paths.slice(0, -1).join(', ')} and ${paths.at(-1)}`
}
