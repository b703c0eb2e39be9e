// A file Standby reads at a path it does not own is judged as opened, never by a look made before
// the open: what is at the path can be replaced in between (a named pipe, whose plain open blocks
// the main process until a writer comes; a link to another file). The look is made to see what was
// there before the swap, as a program acting right after it would leave things.
import type * as fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import { copyFileSync, lstatSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { openRegularFileSync, UnexpectedFileError } from '../../../../src/main/node/bounded-file'
import { walPageOne } from '../../../../src/main/db/wal-page-one'
import { useTempDirs } from '../../../support/temp-dir'

/** Paths whose lstat reports what another path's does: the look that came before the swap. */
const lookedBefore = vi.hoisted(() => new Map<string, string>())

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  const lstatSync = ((path: string, options?: object) =>
    real.lstatSync(lookedBefore.get(String(path)) ?? path, options)) as typeof real.lstatSync
  return { ...real, lstatSync }
})

const tempDir = useTempDirs()

/** A WAL holding a committed page 1, copied while its database is open (a clean close removes it). */
function walWithPageOne(dir: string): string {
  const db = new Database(join(dir, 'source.db'))
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (x)')
  const copy = join(dir, 'theirs-wal')
  copyFileSync(`${db.name}-wal`, copy)
  db.close()
  return copy
}

describe.runIf(process.platform !== 'win32')('a file read at a path Standby does not own', () => {
  it('is the regular file opened, a pipe refused without waiting for a writer', () => {
    const dir = tempDir()
    const pipe = join(dir, 'pipe')
    execFileSync('mkfifo', [pipe])
    expect(() => openRegularFileSync(pipe, 'follow')).toThrow(UnexpectedFileError)
    const file = join(dir, 'file')
    writeFileSync(file, 'x')
    const link = join(dir, 'link')
    symlinkSync(file, link)
    expect(() => openRegularFileSync(link, 'refuse')).toThrow(UnexpectedFileError)
    expect(openRegularFileSync(link, 'follow').stats.size).toBe(1)
  })

  it("the cache's WAL: a link put there after the look is not read through", () => {
    const dir = tempDir()
    const theirs = walWithPageOne(dir)
    // The page one read straight from a regular file: the WAL is one SQLite would read.
    expect(walPageOne(theirs)).not.toBeNull()
    const wal = join(dir, 'cache.db-wal')
    // The look found an empty regular file there.
    writeFileSync(join(dir, 'looked-at'), '')
    lookedBefore.set(wal, join(dir, 'looked-at'))
    // Swapped after the look: a link to another WAL.
    symlinkSync(theirs, wal)
    expect(lstatSync(wal).isFile()).toBe(true)
    expect(walPageOne(wal)).toBeNull()
  })
})
