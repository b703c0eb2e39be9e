/**
 * The settings file changed by another program while Standby runs (a hand edit, a sync tool, a
 * restore): Standby keeps its settings in memory and writes them whole, so its next change would
 * write over what the other program put there without a word. The file as found is kept beside it
 * first, as one whose values could not be used is at a start. Changed means its bytes: a backup
 * tool, a sync tool or a chmod touches its times, mode or inode alone, and a copy of it then told
 * the expert of a change no one made; its look tells only while its bytes could not be read.
 */
import { createHash } from 'node:crypto'
import { lstatSync } from 'node:fs'
import type { KeptAside, SettingsFile } from '../core/settings/settings-store'
import { readBoundedFileSync } from './bounded-file'

/** How a fingerprint of a regular file begins. */
const REGULAR = 'file'

/** What the log says the file held when it is kept. */
export const CHANGED_ELSEWHERE = 'was changed by another program since Standby read or wrote it'

/**
 * `file`, keeping the file at `path` through `keep` before a write over a file whose bytes changed
 * since it was last read or written; a file of more than `maxBytes` is taken as changed.
 */
export function keptWhenChangedElsewhere(
  file: SettingsFile,
  path: string,
  keep: (why: string) => KeptAside,
  maxBytes: number,
): SettingsFile {
  // Taken before the first read: nothing writes between it and the store's open. Its bytes are
  // read after the store's own read, so a read that fails fails there, as for any start.
  let seen: Seen = { fingerprint: fingerprint(path), digest: null }
  return {
    ...file,
    read: () => {
      const before = fingerprint(path)
      const content = file.read()
      seen = lookSince(path, before, maxBytes)
      return content
    },
    write: (content) => {
      const found = fingerprint(path)
      // A file removed since loses nothing when written again; a link, a folder or a pipe put
      // there holds no bytes of a file to keep (copied, a link to a device would read for ever):
      // the write replaces a link, not what it points to, and a folder refuses it, named.
      // The bytes tell whenever they were read: a look can stay the same over other bytes (times
      // of whole seconds, no change time of the file system's own, a program that puts them back).
      if (
        found?.startsWith(REGULAR) === true &&
        (seen.digest === null ? found !== seen.fingerprint : digest(path, maxBytes) !== seen.digest)
      ) {
        const kept = keep(CHANGED_ELSEWHERE)
        // Not written over until a copy is made: the store refuses the change and says why.
        if (!kept.kept) throw kept.error
      }
      file.write(content)
      seen = lookSince(path, fingerprint(path), maxBytes)
    },
  }
}

/** The file at a path as last read or written: its fingerprint, and a digest of its bytes (null for none). */
interface Seen {
  readonly fingerprint: string | null
  readonly digest: string | null
}

/** The file at `path`, looked at as `before`, with its bytes' digest when nothing changed it since. */
function lookSince(path: string, before: string | null, maxBytes: number): Seen {
  if (before?.startsWith(REGULAR) !== true) return { fingerprint: before, digest: null }
  const read = digest(path, maxBytes)
  // Changed in between: the digest may be of newer bytes than were read, so none is kept.
  return { fingerprint: before, digest: fingerprint(path) === before ? read : null }
}

/** A digest of the regular file's bytes at `path`; null when it cannot be read whole (too large, gone, a link). */
function digest(path: string, maxBytes: number): string | null {
  try {
    return createHash('sha256')
      .update(readBoundedFileSync(path, maxBytes, 'refuse'))
      .digest('base64')
  } catch {
    return null
  }
}

/** What tells one file's content from another's without reading it: its identity, size and times; null when none is there. */
function fingerprint(path: string): string | null {
  try {
    const stat = lstatSync(path, { bigint: true, throwIfNoEntry: false })
    if (stat === undefined) return null
    const kind = stat.isFile() ? REGULAR : 'other'
    return `${kind}:${stat.dev}:${stat.ino}:${stat.mode}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`
  } catch {
    // Unreadable (a folder above it changed): the write tells what is wrong.
    return 'unknown'
  }
}
