/**
 * The settings file changed by another program while Standby runs (a hand edit, a sync tool, a
 * restore): Standby keeps its settings in memory and writes them whole, so its next change would
 * write over what the other program put there without a word. The file as found is kept beside it
 * first, as one whose values could not be used is at a start.
 */
import { lstatSync } from 'node:fs'
import type { KeptAside, SettingsFile } from '../core/settings/settings-store'

/** How a fingerprint of a regular file begins. */
const REGULAR = 'file'

/** What the log says the file held when it is kept. */
export const CHANGED_ELSEWHERE = 'was changed by another program since Standby read or wrote it'

/** `file`, keeping the file at `path` through `keep` before a write over a file changed since it was last read or written. */
export function keptWhenChangedElsewhere(
  file: SettingsFile,
  path: string,
  keep: (why: string) => KeptAside,
): SettingsFile {
  // Taken before the first read: nothing writes between it and the store's open.
  let seen = fingerprint(path)
  return {
    ...file,
    read: () => {
      seen = fingerprint(path)
      return file.read()
    },
    write: (content) => {
      const found = fingerprint(path)
      // A file removed since loses nothing when written again; a link, a folder or a pipe put
      // there holds no bytes of a file to keep (copied, a link to a device would read for ever):
      // the write replaces a link, not what it points to, and a folder refuses it, named.
      if (found?.startsWith(REGULAR) === true && found !== seen) {
        const kept = keep(CHANGED_ELSEWHERE)
        // Not written over until a copy is made: the store refuses the change and says why.
        if (!kept.kept) throw kept.error
      }
      file.write(content)
      seen = fingerprint(path)
    },
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
