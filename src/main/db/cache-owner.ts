/**
 * Another expert's cache (or another program's database) copied over the open cache in place,
 * the same size or larger: the path still holds the file SQLite has open, so nothing else at close
 * tells it apart, and each checkpoint, the close's included, would copy this run's pages into it,
 * two experts' rows in one file. SQLite writes the file itself only when it checkpoints, so a file
 * changed since this run's last checkpoint was written by someone else; it is then read without the
 * WAL, and a file naming an expert this run never held, or no cache at all, is not written again.
 * Nor is this expert's own cache put back from an earlier copy (a backup restored): this run's WAL
 * holds only the pages it changed, and copied into other pages they make an index disagree with its
 * table, which no later open notices; before this run's first checkpoint, when none of its pages is
 * there to tell it by, a copy put back is told by the file's size and first page. A file only
 * touched (its times set, its mode or flags changed) reads as this run last wrote it, and is
 * written on, even while its tables are all still in the WAL; so does one a second copy of Standby
 * on the same WAL checkpointed into (shared-checkpoints.ts), whose pages hold both copies' changes.
 */
import Database from 'better-sqlite3'
import { closeSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs'
import { closeRefused } from './close-refused'
import { isDamage } from './damage-watch'
import { READ_NOW, WrittenPages } from './written-pages'
import { type CheckpointMark, checkpointedBetween, walIndex } from './shared-checkpoints'
import { walIndexHeld } from './wal-held'

/** Whether this run may still copy its WAL into the file at its path. */
export interface CacheOwner {
  /** Read before each checkpoint: false once the file was found to be another's (and from then on). */
  mayWrite(): boolean
  /** After each checkpoint of this run, one that failed part-way included: the file as it wrote it. */
  written(): void
  /** What was found at the path, for the log; null while the file is this run's. */
  readonly found: string | null
  /** After the connection is closed: what it kept open of the cache's files is let go of. */
  release(): void
}

/** The owner of the cache at `path` (its WAL at `wal`), open on `db`; the expert `db` holds now is this run's. */
export function cacheOwner(path: string, wal: string, db: Database.Database): CacheOwner {
  const held = new Set<string | null>()
  const hold = (): void => {
    try {
      held.add(expertIn(db))
    } catch {
      // A connection that cannot read its own expert row adds nothing it could be told by.
    }
  }
  hold()
  const shm = `${wal.slice(0, -'-wal'.length)}-shm`
  let seen = stampOf(path)
  // How the file began as this run last saw it: one it still holds was not written by another.
  let start = startOf(path)
  const index = walIndex(shm)
  let mark = index.mark()
  // Whether the file held all the cache did when last seen: not while a WAL left by a run that did
  // not close holds frames no checkpoint copied yet, whose expert may not be the file's.
  let whole = copiedAll(mark)
  const pages = new WrittenPages()
  let found: string | null = null
  return {
    get found() {
      return found
    },
    release: () => index.release(),
    mayWrite() {
      if (found !== null) return false
      const now = stampOf(path)
      // Another file moved there is not the one SQLite writes into: the close's write-back judges it.
      if (written(now) !== written(seen) && sameFile(now, seen)) {
        // Another copy of Standby on this WAL (a restart to update runs two) checkpointed: the
        // pages it wrote are this run's too, no sign of an earlier copy put back.
        const shared = checkpointedBetween(mark, index.mark())
        const other = otherThan(path, held, shared ? null : { pages, start, whole })
        if (other !== null) {
          found = other
          return false
        }
        if (shared) {
          pages.forget()
          seen = now
          start = startOf(path)
          mark = index.mark()
          whole = copiedAll(mark)
        }
      }
      // Read after the file is judged: once it is another's, this connection may read its pages.
      hold()
      return true
    },
    written() {
      const now = stampOf(path)
      // Read again only when the checkpoint wrote into it.
      if (now !== seen) pages.note(path, wal)
      seen = now
      start = startOf(path)
      mark = index.mark()
      whole = copiedAll(mark)
    },
  }
}

/**
 * Close `db` without copying its WAL into the file at `path`, found to be another's (`found`), and
 * remove the WAL and its index (at `wal`, beside the file a link at `path` points to), which the
 * next open would otherwise read into that file; left while another connection still has them
 * (a second copy of Standby, which judges the file itself and removes them as it quits). Returns
 * the line for the log; never throws.
 */
export function leftToItsOwner(
  db: Database.Database,
  owner: CacheOwner,
  at: { readonly path: string; readonly wal: string; readonly nativeBinding: string | undefined },
): string {
  closeRefused(db, at.path, at.nativeBinding)
  const { found } = owner
  const shm = `${at.wal.slice(0, -'-wal'.length)}-shm`
  // Removed under a copy still running, they would be made anew by the next open beside the ones
  // that copy still writes: two WALs for one file. Asked before this run lets go of its own
  // descriptor, which would drop the locks of any other connection of this process on it.
  const shared = walIndexHeld(shm)
  owner.release()
  if (!shared) {
    for (const companion of [at.wal, shm]) {
      try {
        rmSync(companion, { force: true })
      } catch {
        // Held by another program: said below as it is.
      }
    }
  }
  const what = found ?? 'was replaced'
  const left =
    `The offline cache ${at.path} ${what}: it was copied there while Standby ran. ` +
    "It was left as it is, without this run's changes"
  const others = shared ? ' (another copy of Standby still has it open, and judges it as it quits)' : ''
  // An earlier copy of the expert's own cache is theirs to keep: nothing to delete.
  if (found?.startsWith(PUT_BACK) === true)
    return (
      `${left}${others}; it is your own, from earlier: at the next start Standby catches up from the ` +
      'platform on what changed since, and may show again invites and reminders shown since then'
    )
  return (
    `${left}${others}; if it is not yours, quit Standby and delete it, ` +
    'and Standby fetches your own from the platform when you sign in'
  )
}

/** Whether every frame of the WAL is in the file; unknown (an index not read) counts as not. */
function copiedAll(mark: CheckpointMark): boolean {
  return mark !== null && mark.copied >= mark.frames
}

/** How much of the file's start is kept to tell it by: its header and, for a small file, all of it. */
const START_BYTES = 4096

/** The first START_BYTES of the file at `path`; empty when it cannot be read. */
function startOf(path: string): Buffer {
  let fd: number | undefined
  try {
    fd = openSync(path, READ_NOW)
    const bytes = Buffer.alloc(START_BYTES)
    return bytes.subarray(0, readSync(fd, bytes, 0, START_BYTES, 0))
  } catch {
    return Buffer.alloc(0)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** The file's identity and when it last changed; '' when it cannot be read. */
function stampOf(path: string): string {
  try {
    const { dev, ino, size, mtimeMs, ctimeMs } = statSync(path)
    return `${dev}:${ino}:${size}:${mtimeMs}:${ctimeMs}`
  } catch {
    return ''
  }
}

/**
 * A stamp without the time its attributes changed: a file whose mode, owner, links or flags alone
 * changed (chmod, chattr +i) holds what this run last wrote, whose tables, before its first
 * checkpoint, are all in the WAL; read without it, it is no Standby cache. Bytes written change
 * the time they were written, which only a program setting that time back by hand hides.
 */
function written(stamp: string): string {
  return stamp.slice(0, stamp.lastIndexOf(':'))
}

/** Whether two stamps are of one file (its device and inode). */
function sameFile(a: string, b: string): boolean {
  const file = (stamp: string) => stamp.split(':', 2).join(':')
  return a !== '' && file(a) === file(b)
}

/** The expert id `db` holds; null for an empty cache (none signed in, or signed out). */
function expertIn(db: Database.Database): string | null {
  const row = db.prepare('SELECT id FROM expert WHERE slot = 1').get() as { id: unknown } | undefined
  return typeof row?.id === 'string' ? row.id : null
}

/** How an earlier copy of this run's own expert's cache is told, put back over the file. */
const PUT_BACK = 'was put back from an earlier copy of your cache'

/** The header every SQLite database begins with. */
const HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * What the file at `path`, read without any WAL, is when it is not a cache of an expert in `held`:
 * a sentence for the log; null when it is one of them, empty, or not a database at all (a file cut
 * short or written over by other bytes, which the close's write-back judges). Its pages are held
 * against those this run wrote (`pages`) unless another copy on the WAL wrote them too (null).
 */
function otherThan(
  path: string,
  held: ReadonlySet<string | null>,
  last: { readonly pages: WrittenPages; readonly start: Buffer; readonly whole: boolean } | null,
): string | null {
  const pages = last?.pages ?? null
  let image: Buffer
  let fd: number | undefined
  try {
    fd = openSync(path, READ_NOW)
    image = readFileSync(fd)
  } catch {
    return null
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  if (image.length < 100 || !image.subarray(0, HEADER.length).equals(HEADER)) return null
  // Before the header is marked below. A file whose size and first page are as this run last saw
  // them may be only touched: before this run's first checkpoint its tables may all be in the WAL,
  // and read without it the file is no cache. It is still read for its expert, since the first page
  // holds the schema, not whose cache it is (another expert's cache of as many rows begins the
  // same). One that begins otherwise, of this expert, was put back, though no page this run wrote
  // is there yet to tell it by.
  const unchanged = last === null || last.start.equals(image.subarray(0, START_BYTES))
  const ours = (pages?.heldIn(image) ?? true) && (unchanged || last?.pages.wrote !== false)
  const asLastSeen = unchanged && ours && last !== null
  // Not whole when last seen, its expert may be one this run never held.
  if (asLastSeen && !last.whole) return null
  // Marked as a rollback journal's file, its pages are read as they are, and no WAL is looked for.
  image.fill(1, 18, 20)
  let copy: Database.Database | undefined
  try {
    copy = new Database(image, { readonly: true })
    const expert = expertIn(copy)
    // Emptied (a sign-out here, whose own VACUUM rewrote it whole): nothing of an expert's to mix with.
    if (expert === null && !asLastSeen) pages?.forget()
    if (expert === null || (held.has(expert) && ours)) return null
    if (held.has(expert)) return `${PUT_BACK} (${expert})`
    return `holds the cache of another expert (${expert})`
  } catch (error) {
    // Damaged (or still being copied): not told apart from this run's own file; the next look reads
    // it again. As this run last saw it, its tables may all be in the WAL.
    return isDamage(error) || asLastSeen ? null : 'holds a database that is no Standby cache'
  } finally {
    copy?.close()
  }
}
