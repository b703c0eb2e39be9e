/**
 * Moving a damaged cache file aside. The file and its -wal, -shm and -journal companions are
 * renamed together (a fresh cache.db must never meet an old cache.db-wal), and nothing is deleted:
 * the damaged copy stays next to the new one for support to look at.
 */
import { lstatSync, renameSync } from 'node:fs'

/** The files SQLite may keep beside a database, by suffix. */
export const COMPANIONS = ['-wal', '-shm', '-journal'] as const

/** `at` as a compact UTC stamp for a file name: 20261127T120000Z. */
export function fileTimestamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

/** The name a damaged `path` is moved to, e.g. cache.db.corrupt-20261127T120000Z, kept unique. */
export function quarantinePath(path: string, at: number, taken: (candidate: string) => boolean): string {
  const base = `${path}.corrupt-${fileTimestamp(at)}`
  let candidate = base
  for (let n = 2; [candidate, ...COMPANIONS.map((s) => candidate + s)].some(taken); n++) {
    candidate = `${base}-${n}`
  }
  return candidate
}

/** Move `path` and its companions aside; returns where the database file went. */
export function moveAside(path: string, at: number): string {
  const target = quarantinePath(path, at, isThere)
  // The companions go first: if one cannot move, the main file is still where it was.
  for (const suffix of COMPANIONS) {
    if (isThere(path + suffix)) renameSync(path + suffix, target + suffix)
  }
  if (isThere(path)) renameSync(path, target)
  return target
}

/** Whether anything is at `path`, a link to nothing included (existsSync follows the link). */
function isThere(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}
