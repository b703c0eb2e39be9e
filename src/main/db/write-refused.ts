/**
 * A write SQLite could not make to the cache while it runs, read for whether the files became
 * read-only meanwhile. An open file keeps the rights it was opened with, so what stops a running
 * cache is the system refusing writes to the file itself (an immutable flag, a disk remounted
 * read-only), which SQLite reports as a disk I/O error (or read-only database) without the reason.
 * The system is then asked whether each file may still be written.
 */
import { accessSync, constants } from 'node:fs'
import { CacheNotWritable } from '../core/cache-not-writable'
import { isDiskFullCode } from '../../shared/sqlite/machine-fault'

/** SQLite's codes for a write the file refused: I/O errors but a full disk's, and a read-only file. */
function mayBeRefused(code: unknown): boolean {
  return typeof code === 'string' && /^SQLITE_(IOERR|READONLY)/.test(code) && !isDiskFullCode(code)
}

/** The system's codes for a file this account may not write. */
const REFUSED = new Set(['EPERM', 'EACCES', 'EROFS'])

/**
 * What `error`, met writing the cache at `path`, is when its files may no longer be written: a
 * CacheNotWritable naming them; null when the error is of another kind or the files may be written.
 */
export function refusedWrite(path: string, error: unknown): CacheNotWritable | null {
  if (!mayBeRefused((error as { code?: unknown } | null)?.code)) return null
  const refused: { path: string; error: NodeJS.ErrnoException }[] = []
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      accessSync(file, constants.W_OK)
    } catch (caught) {
      const failed = caught as NodeJS.ErrnoException
      if (failed.code !== undefined && REFUSED.has(failed.code)) refused.push({ path: file, error: failed })
    }
  }
  const first = refused[0]
  if (first === undefined) return null
  const code = first.error.code ?? ''
  // Node's words are "EPERM: operation not permitted, access '<path>'": the code and the path are said apart.
  const text = first.error.message.replace(`${code}: `, '').replace(/, access '.*'$/s, '')
  return new CacheNotWritable({ paths: refused.map((each) => each.path), code, text })
}
