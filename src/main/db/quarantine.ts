/**
 * Moving a damaged cache file aside. The file and its -wal, -shm and -journal companions are
 * renamed together (a fresh cache.db must never meet an old cache.db-wal). The newest damaged
 * copies stay next to the new one for support to look at; older ones are removed (pruneQuarantined).
 */
import { lstatSync, readdirSync, renameSync, unlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** The files SQLite may keep beside a database, by suffix. */
export const COMPANIONS = ['-wal', '-shm', '-journal'] as const

/** `at` as a compact UTC stamp for a file name: 20261127T120000Z. */
export function fileTimestamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

/**
 * Why a cache is moved aside: damaged, or written by a newer Standby (not damaged, and what that
 * Standby finds again if put back; its copies are never pruned as damaged ones).
 */
export type CopyKind = 'damaged' | 'newer'

/** The word in a copy's name, by kind: what the expert sees in the folder. */
const NAME_WORD: Readonly<Record<CopyKind, string>> = { damaged: 'corrupt', newer: 'newer' }

/** The name a damaged `path` is moved to, e.g. cache.db.corrupt-20261127T120000Z, kept unique. */
export function quarantinePath(
  path: string,
  at: number,
  taken: (candidate: string) => boolean,
  kind: CopyKind = 'damaged',
): string {
  const base = `${path}.${NAME_WORD[kind]}-${fileTimestamp(at)}`
  let candidate = base
  for (let n = 2; [candidate, ...COMPANIONS.map((s) => candidate + s)].some(taken); n++) {
    candidate = `${base}-${n}`
  }
  return candidate
}

/**
 * Move `path` and its companions aside; returns where the database file went. Throws what refused
 * a move, with every file then back where it was: a file and its WAL stay together either way.
 */
export function moveAside(path: string, at: number, kind: CopyKind = 'damaged'): string {
  const target = quarantinePath(path, at, isThere, kind)
  // The companions go first: a fresh file must never meet an old WAL at the cache's path.
  const moved: string[] = []
  try {
    for (const suffix of COMPANIONS) {
      if (!isThere(path + suffix)) continue
      renameSync(path + suffix, target + suffix)
      moved.push(suffix)
    }
    if (isThere(path)) renameSync(path, target)
  } catch (error) {
    // The file itself refused (another program holding it open): its companions come back to it,
    // or the next open would read it without the changes its WAL holds.
    for (const suffix of moved.reverse()) {
      try {
        renameSync(target + suffix, path + suffix)
      } catch {
        // Kept beside the copy's name; the error below is the one to report.
      }
    }
    throw error
  }
  return target
}

/**
 * How many damaged copies (each with its companions) are kept, the one just made included. A disk
 * or a hand that damages the cache at every start would otherwise add a copy of the whole cache to
 * the profile folder at every start; support needs the latest few to see whether the damage repeats.
 */
export const DAMAGED_COPIES_KEPT = 3

/**
 * How many copies of a newer Standby's cache are kept, the one just made included: each holds all
 * the newer one had when it was undone, so a later one (the newer Standby back, then undone again)
 * holds what an earlier one did and more. Damage never removes one.
 */
export const NEWER_COPIES_KEPT = 1

/** What pruneQuarantined did. */
export interface Pruned {
  /** How many older damaged copies were removed, each counted once with its companions. */
  readonly removed: number
  /** Entries that matched but were left: a folder (it may hold anything) or one that would not go. */
  readonly left: readonly string[]
}

/**
 * Remove the damaged copies of `path` beyond the DAMAGED_COPIES_KEPT newest, never `justMade`
 * (a clock set back may stamp it older than the rest). Only names moveAside makes are touched;
 * a link is removed itself, never what it points to, and a folder is left alone.
 */
export function pruneQuarantined(path: string, justMade: string, kind: CopyKind = 'damaged'): Pruned {
  const keep = kind === 'damaged' ? DAMAGED_COPIES_KEPT : NEWER_COPIES_KEPT
  return pruneOlderCopies(dirname(path), quarantinedName(path, kind), justMade, keep)
}

/**
 * Remove every copy of `path` moved aside, damaged or a newer Standby's: they hold the expert's
 * sessions and messages as the cache did, so emptying the cache (a sign-out) takes them too.
 */
export function removeQuarantined(path: string): Pruned {
  // The one kept is `justMade`, which names none of them here: every copy goes.
  const damaged = pruneOlderCopies(dirname(path), quarantinedName(path, 'damaged'), '', 1)
  const newer = pruneOlderCopies(dirname(path), quarantinedName(path, 'newer'), '', 1)
  return { removed: damaged.removed + newer.removed, left: [...damaged.left, ...newer.left] }
}

/** The names moveAside gives the copies of `path` of a `kind` and their companions. */
function quarantinedName(path: string, kind: CopyKind): RegExp {
  return new RegExp(
    `^${escapeRegExp(basename(path))}\\.${NAME_WORD[kind]}-(?<stamp>\\d{8}T\\d{6}Z)(?:-(?<n>[1-9]\\d*))?` +
      `(?<suffix>${COMPANIONS.join('|')})?$`,
  )
}

/**
 * Remove the copies in `folder` whose names match `pattern` beyond the `keep` newest, `justMade`
 * always among those kept. The pattern's groups: `stamp` (ordered as text: newer sorts later),
 * optionally `n` (a copy of the same stamp made later) and `suffix` (a companion of the copy
 * named without it, removed with it). A link is removed itself; a folder is left alone.
 */
export function pruneOlderCopies(folder: string, pattern: RegExp, justMade: string, keep: number): Pruned {
  const sets = new Map<string, { stamp: string; n: number; names: string[] }>()
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    // The copy was just renamed in this folder, so this is rare; the next move-aside tries again.
    return { removed: 0, left: [folder] }
  }
  for (const name of names) {
    const groups = pattern.exec(name)?.groups
    if (groups === undefined) continue
    const { stamp = '', n, suffix = '' } = groups
    const copy = name.slice(0, name.length - suffix.length)
    const set = sets.get(copy) ?? { stamp, n: n === undefined ? 1 : Number(n), names: [] }
    set.names.push(name)
    sets.set(copy, set)
  }
  const older = [...sets.entries()]
    .filter(([copy]) => join(folder, copy) !== justMade)
    .sort(([, a], [, b]) => (a.stamp === b.stamp ? b.n - a.n : a.stamp < b.stamp ? 1 : -1))
    .slice(keep - 1)
  let removed = 0
  const left: string[] = []
  for (const [, set] of older) {
    let whole = true
    for (const name of set.names) {
      if (!removeEntry(join(folder, name))) {
        whole = false
        left.push(join(folder, name))
      }
    }
    if (whole) removed++
  }
  return { removed, left }
}

/** Unlink a file, link, pipe or device node; false for a folder or when it will not go. */
function removeEntry(path: string): boolean {
  try {
    if (lstatSync(path).isDirectory()) return false
    unlinkSync(path)
    return true
  } catch {
    return false
  }
}

/** `text` as a pattern that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Whether anything is at `path`, a link to nothing included (existsSync follows the link). */
export function isThere(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}
