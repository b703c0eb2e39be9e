/**
 * Opening the offline cache at start. The file is checked (`PRAGMA quick_check`) and migrated; a
 * damaged one is moved aside with a timestamp (the newest few such copies are kept, older ones
 * removed) and a fresh cache takes its place,
 * since everything in it can be fetched from the platform again. A file written by a newer Standby
 * (an update undone) is moved aside the same way, untouched, and a cache of this version rebuilt.
 */
import type Database from 'better-sqlite3'
import type { Logger } from '../core/ports/logger'
import { existsSync, type Stats } from 'node:fs'
import { DatabaseTooNewError } from '../../shared/sqlite/migrate'
import { removeInterruptedWrites } from '../node/atomic-file'
import { makeCacheFolder } from './cache-folder'
import { foundAt, leftUnclean, lstatOrNothing, notACacheFile, type FoundAtPath } from './cache-file-state'
import { COMPANIONS, type CopyKind, isThere, moveAside, pruneQuarantined, type Pruned } from './quarantine'
import { salvageMarks, type SalvagedMarks } from './salvage-marks'
import { markDamaged, markedDamaged, markOpen, unmarkOpen } from './open-marker'
import {
  CacheDamage,
  CacheUnavailableError,
  openChecked,
  type CheckedOpen,
  type CheckLevel,
} from './open-checked'
import { beforeFirstWrite } from './first-write'
import { fileNotWritable, inMemoryCache, notWritable } from './in-memory-cache'
import { cacheOwner, leftToItsOwner } from './cache-owner'
import { judgedAtClose, notPutBack, openedFile, putBack, seenAgain } from './write-back'
import { checkpointEvery } from './cache-checkpoints'
import type { CacheNotWritable } from '../core/cache-not-writable'

export { CacheUnavailableError, RUN_LOCK_WAIT_MS } from './open-checked'

/** How to open the cache. */
export interface OpenCacheOptions {
  /** The cache file; its folder is created if needed. */
  readonly path: string
  /**
   * better-sqlite3's `nativeBinding`: the addon built for Electron's ABI (see
   * electron-native-binding.ts). Undefined loads node_modules' own build, for Node.
   */
  readonly nativeBinding?: string | undefined
  /** The time stamped into a damaged copy's name; defaults to Date.now. */
  readonly now?: () => number
  /**
   * 'quick' (the default) runs `PRAGMA quick_check` before migrating. It reads the whole file, so
   * it costs more the larger the cache (`npm run bench -- cache`), and the app uses
   * 'after-unclean-exit': the check runs only when the last run wrote into the cache and did not
   * close it with `OpenedCache.close()` (it crashed, was killed, or the machine lost power: a marker
   * file `<path>-open` is left), when a WAL was left behind, or when the file is shorter than its own
   * header says (truncated). A cleanly closed file is whole, so a normal start skips the read.
   * 'none' is for benches.
   */
  readonly integrityCheck?: IntegrityCheck
  /** Where a migration says what it left as it was (rows it could not read again); not told otherwise. */
  readonly log?: Logger
  /** Told when a checkpoint finds the file may no longer be written, and with null once one works again. */
  readonly refused?: (refusal: CacheNotWritable | null) => void
}

/** When to run `PRAGMA quick_check` at open (see OpenCacheOptions.integrityCheck). */
export type IntegrityCheck = 'quick' | 'after-unclean-exit' | 'none'

/** What happened when a damaged cache was replaced. */
export interface CacheRebuild {
  /** Why the file was moved: damaged, or a newer Standby's (whose copies damage never prunes). */
  readonly kind: CopyKind
  /** Where the file was moved (its -wal/-shm sit beside it with the same name). */
  readonly damagedCopy: string
  /** What was wrong, for the log. */
  readonly reason: string
  /** The older copies of the same kind removed to keep only the newest few (quarantine.ts), for the log. */
  readonly pruned: Pruned
  /** The marks of what was already shown, carried over from the damaged copy (salvage-marks.ts). */
  readonly salvaged: SalvagedMarks
  /** The sentence to show the user, once. */
  readonly message: string
}

/** An open, checked, migrated cache. */
export interface OpenedCache {
  readonly db: Database.Database
  /** Set when the file was damaged and replaced by an empty cache; null otherwise. */
  readonly rebuilt: CacheRebuild | null
  /** Set when the file may not be written and the cache runs in memory (in-memory-cache.ts): what to tell. */
  readonly inMemory: string | null
  /** Whether the integrity check ran at this open (quick_check, or integrity_check after damage). */
  readonly checked: boolean
  /**
   * A read or write found the file damaged (damage-watch.ts): the next open checks it, whatever
   * close() records, and so moves it aside and rebuilds it.
   */
  damaged(): void
  /**
   * Close the database and record the clean exit (the next open may skip the check). A file
   * deleted or overwritten while open is written back (write-back.ts); returns what to log about
   * it, else null.
   */
  close(): string | null
}

/** How often the WAL is copied back into the file (cache-checkpoints.ts). */
export { CHECKPOINT_EVERY_MS } from './cache-checkpoints'

/** Open the cache at `options.path`: damaged, replaced by an empty one; not writable, copied into memory. */
export function openCache(options: OpenCacheOptions): OpenedCache {
  let refused: Error | null = fileNotWritable(options.path)
  try {
    if (refused === null) return openOnDisk(options)
  } catch (error) {
    refused = notWritable(error)
    if (refused === null) throw error
  }
  return inMemoryCache(options.path, options.nativeBinding, refused)
}

function openOnDisk(options: OpenCacheOptions): OpenedCache {
  const { path, nativeBinding } = options
  const note = options.log === undefined ? undefined : (line: string) => options.log?.warn(line)
  const check = options.integrityCheck ?? 'quick'
  if (nativeBinding !== undefined && !existsSync(nativeBinding)) {
    throw new CacheUnavailableError(
      `The Electron build of SQLite is missing (${nativeBinding}). ` +
        'Build it with `npx tsx scripts/rebuild-sqlite-for-electron.ts` (`npm start` runs it first).',
    )
  }
  const found = foundAt(path)
  // Whatever is there, its folder exists: mkdirSync would only cost a failing syscall and a stat.
  if (found.file === undefined) makeCacheFolder(path)
  const marker = `${path}-open`
  const wal = `${found.base}-wal`
  const notAFile = notACacheFile(path, found)
  if (notAFile?.kind === 'folder') {
    throw new CacheUnavailableError(
      `Standby cannot open its offline cache at ${path}: a folder is there, where its file should be. ` +
        'Move or rename that folder, then start Standby again; it was left as it is.',
    )
  }
  const { level, handled } = checkLevel(check, notAFile === null, path, found, marker)
  const checked = level !== 'none'
  const opened = ({ db, wrote }: CheckedOpen, rebuilt: CacheRebuild | null): OpenedCache => {
    // Made before this run first changes the file and removed by close(): found at the next open,
    // it means a run that wrote never closed the cache. A usual start's open only reads, and
    // its first page needs no file made; an open that checked the file (a marker of the last run
    // may be there, to remove at close) or wrote into it makes it at once.
    let marked: boolean | undefined
    const mark = (): boolean => (marked ??= markOpen(marker, handled))
    if (check === 'after-unclean-exit') {
      if (checked || wrote) mark()
      else beforeFirstWrite(db, mark)
    }
    let damaged = false
    const sawDamage = (): void => {
      if (damaged) return
      damaged = true
      // Now, not at close: a crash after it must not lose it either.
      if (check === 'after-unclean-exit' && mark()) markDamaged(marker)
    }
    // A write-back of an earlier run interrupted at its quit left a whole copy of the cache beside
    // it, a salvage killed its private copy, a record of damage killed before its rename the
    // marker's. None of them tells whether the file can be trusted, so listing the profile folder
    // for them waits until the first page is read: the first checkpoint, or the close if sooner.
    let swept = false
    const sweep = (): void => {
      if (swept) return
      swept = true
      removeInterruptedWrites(path, marker)
    }
    let file = openedFile(path)
    const owner = cacheOwner(path, wal, db)
    // What a checkpoint wrote is the file's too: less of it at close was cut away.
    const stopCheckpoints = checkpointEvery(db, {
      path,
      owner,
      onDamage: sawDamage,
      beforeEach: sweep,
      afterEach: () => {
        file = seenAgain(path, file)
      },
      refused: options.refused,
    })
    return {
      db,
      rebuilt,
      inMemory: null,
      checked,
      damaged: sawDamage,
      close() {
        stopCheckpoints()
        sweep()
        if (!owner.mayWrite()) return leftToItsOwner(db, owner, { path, wal, nativeBinding })
        const { found, content } = judgedAtClose(path, file, db)
        db.close()
        owner.release()
        let said: string | null = null
        if (found !== 'same' && found !== 'other') {
          said =
            content === null
              ? notPutBack(path, found)
              : putBack(path, content, found, (options.now ?? Date.now)())
          // A file left cut or written over is checked whole at the next start, however this run ends.
          if (content === null && found !== 'deleted') sawDamage()
        }
        // Left in place, the marker has the next open check the file, as after a crash. SQLite's
        // close leaves the WAL when another connection still has the file open (another copy of
        // Standby, started by a restart to update before this one quit: the marker is theirs too),
        // and when it could not copy the WAL in (a full disk): the file is not whole without it.
        const othersOpen = lstatOrNothing(wal) !== undefined
        if (marked === true && !damaged && !othersOpen) unmarkOpen(marker)
        return said
      },
    }
  }
  try {
    if (notAFile !== null) throw new CacheDamage(notAFile.reason)
    return opened(openChecked(path, nativeBinding, level, found, note), null)
  } catch (error) {
    // A newer Standby's file (an update undone, an older installer run again) is kept aside too: a
    // start refused on it left the expert without Standby until they moved it by hand.
    const newer = error instanceof DatabaseTooNewError ? error : null
    if (!(error instanceof CacheDamage || error instanceof DatabaseTooNewError)) throw error
    const kind = newer === null ? 'damaged' : 'newer'
    const damagedCopy = moveAside(path, (options.now ?? Date.now)(), kind)
    // A journal moved aside without its file is what the expert finds: the sentence names it.
    const keptAt = [damagedCopy, ...COMPANIONS.map((suffix) => damagedCopy + suffix)].find(isThere)
    const pruned = pruneQuarantined(path, damagedCopy, kind)
    const fresh = openChecked(path, nativeBinding, level)
    return opened(fresh, {
      kind,
      damagedCopy,
      reason:
        newer === null
          ? error.message
          : `it was written by a newer Standby (schema version ${newer.found}, this one reads up to ${newer.supported})`,
      pruned,
      salvaged: salvageMarks(fresh.db, damagedCopy, nativeBinding),
      message: newer === null ? damagedMessage(keptAt ?? damagedCopy) : newerMessage(keptAt ?? damagedCopy),
    })
  }
}

/** What the expert is told of a damaged cache rebuilt, its copy kept at `keptAt`. */
function damagedMessage(keptAt: string): string {
  return (
    "Standby's offline cache was damaged and is being rebuilt from the platform; nothing on " +
    `the platform was lost. The damaged copy is kept at ${keptAt}: you can delete it, ` +
    'or send it to support if this happens again.'
  )
}

/** What the expert is told of a newer Standby's cache kept at `keptAt` and rebuilt for this one. */
function newerMessage(keptAt: string): string {
  return (
    "Standby's offline cache was written by a newer Standby, so this version is rebuilding its own " +
    `from the platform; nothing on the platform was lost. The newer cache is kept at ${keptAt}: ` +
    'you can delete it.'
  )
}

/**
 * The check for this open: none of a path that holds no file, the full one after a run that found
 * the file damaged (the quick one may pass what that run found; `handled` is that run's marker,
 * which this open then clears), else as `check` says.
 */
function checkLevel(
  check: IntegrityCheck,
  isFile: boolean,
  path: string,
  found: FoundAtPath,
  marker: string,
): { level: CheckLevel; handled?: Stats } {
  if (!isFile || check === 'none') return { level: 'none' }
  if (check === 'quick') return { level: 'quick' }
  const markerEntry: Stats | undefined = lstatOrNothing(marker)
  if (markedDamaged(marker, markerEntry)) return { level: 'full', handled: markerEntry }
  return { level: leftUnclean(path, found, markerEntry) ? 'quick' : 'none' }
}
