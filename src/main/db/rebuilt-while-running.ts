/**
 * Damage the open did not see, found by a read or write while the app runs (a disk error, another
 * program writing into the file): the file is moved aside and rebuilt at once, as a start does,
 * rather than left failing every read and every batch of the sync until the expert restarts. Only
 * the marks of what was shown, salvaged by the rebuild, are carried over; the platform sends the
 * rest again over a new connection.
 */
import { CacheLost } from '../core/cache-lost'
import type { Logger } from '../core/ports/logger'
import type { Notifier } from '../core/ports/notifier'
import { reportingDamage } from './damage-watch'
import type { CacheRebuild, OpenedCache } from './open-cache'
import { SqliteCacheStore } from './sqlite-cache-store'
import { refusedWrite } from './write-refused'

/** What a rebuild while running needs besides the first open. */
export interface RebuildWhileRunning {
  /** The cache file: a write it refuses is told by it (write-refused.ts). */
  readonly path: string
  /** Opens the cache again as the start did: after `damaged()`, it checks the file and rebuilds it. */
  readonly open: () => OpenedCache
  readonly log: Logger
  readonly notifier: Pick<Notifier, 'show'>
  /** The damaged file was closed: what was told of it while open (a refused checkpoint) is over. */
  readonly left?: () => void
  /** Tells the expert a rebuild, as a start does (`tellAtStart`). */
  readonly told: (rebuilt: CacheRebuild) => void
  /** The store now holds another file: what reads it reads again, and the sync refills it. */
  readonly replaced: () => void
}

/** The cache of a run: one store whatever file it holds, and closing whichever is open. */
export interface RunCache {
  /**
   * Reads and writes go to the file open now; a call that found damage throws as it did. Once the
   * file could not be opened again, every call throws `CacheLost`.
   */
  readonly store: SqliteCacheStore
  /** Closes the file open now; what its close had to say, as `OpenedCache.close`. */
  close(): string | null
}

/**
 * `first`'s store, rebuilt the first time a call finds its file damaged. A second damage in the same
 * run (a disk that keeps damaging what is written) is not rebuilt again, so a run never moves file
 * after file aside: the expert is told to restart, and the next start checks and rebuilds the file.
 */
export function rebuiltWhileRunning(first: OpenedCache, options: RebuildWhileRunning): RunCache {
  let opened: OpenedCache | null = first
  let store = new SqliteCacheStore(first.db, options.log)
  let rebuilds = 0
  /** Why the store cannot be used any more: its file was closed and could not be opened again. */
  let lost: { readonly cause: unknown } | null = null
  let toldRestart = false
  const tellRestart = (why: string): void => {
    if (toldRestart) return
    toldRestart = true
    options.log.error(`The offline cache is damaged (${why}); the next start checks and rebuilds it`)
    options.notifier.show({
      kind: 'notice',
      title: 'Offline cache damaged',
      body:
        `Standby's offline cache on this computer is damaged (${why}), so some of what it ` +
        'shows or saves fails. Quit Standby and start it again: the cache is then checked and ' +
        'rebuilt from the platform, and nothing on the platform is lost.',
    })
  }
  const rebuild = (error: Error): void => {
    if (opened === null) return
    // Recorded first: if the open below fails, or the app is killed during it, the next start checks.
    opened.damaged()
    if (rebuilds > 0) return tellRestart(error.message)
    rebuilds++
    const said = opened.close()
    if (said !== null) options.log.warn(said)
    opened = null
    options.left?.()
    let next: OpenedCache
    try {
      next = options.open()
    } catch (reopen) {
      options.log.error('The offline cache could not be opened again after it was found damaged', reopen)
      lost = { cause: reopen }
      return tellRestart(error.message)
    }
    opened = next
    store = new SqliteCacheStore(next.db, options.log)
    if (next.rebuilt !== null) options.told(next.rebuilt)
    else
      options.log.warn(
        `The offline cache reported damage (${error.message}), but its full check found it whole`,
      )
    // After the call that found the damage has thrown on: the sync it broke off is replaced, not raced.
    // Not once the cache is closed (a quit whose last writes found the damage): read, it would throw.
    queueMicrotask(() => {
      if (opened === next) options.replaced()
    })
  }
  // The closed connection's calls would fail with the driver's words, which say nothing to the expert.
  const current = (): SqliteCacheStore => {
    if (lost !== null) throw new CacheLost(lost)
    return store
  }
  return {
    // A file made read-only meanwhile is told as such, not as SQLite's disk I/O error.
    store: reportingDamage(store, rebuild, current, (error) => refusedWrite(options.path, error) ?? error),
    close() {
      const closing = opened
      opened = null
      return closing === null ? null : closing.close()
    },
  }
}
