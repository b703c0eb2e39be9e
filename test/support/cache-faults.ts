/**
 * Faults of the cache at run time, injected at the CacheStore port with the errors better-sqlite3
 * throws, so one write can fail while the others work (as on a disk that fills up between two).
 */
import Database from 'better-sqlite3'
import type { CacheStore } from '../../src/main/core/ports/cache-store'

/** The error better-sqlite3 throws when the disk under the file is full. */
export const diskFull = (): Error => new Database.SqliteError('database or disk is full', 'SQLITE_FULL')

/** The error better-sqlite3 throws when the file or its folder turned read-only. */
export const readOnly = (): Error =>
  new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY')

/** Make the cache's `method` throw `fault()` until `free` is called. */
export function failWrites<K extends keyof CacheStore>(
  cache: CacheStore,
  method: K,
  fault: () => Error = diskFull,
): { free(): void } {
  const failing = (() => {
    throw fault()
  }) as unknown as CacheStore[K]
  Object.assign(cache, { [method]: failing })
  // Deleting the own property uncovers the store's method again.
  return { free: () => void delete (cache as unknown as Record<string, unknown>)[method] }
}
