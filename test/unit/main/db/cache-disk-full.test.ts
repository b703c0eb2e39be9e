/**
 * A disk too full for the cache's shared-memory file (-shm): SQLite, which writes each of its blocks
 * before mapping them, reports it as an I/O error of the file's size (SQLITE_IOERR_SHMSIZE), not as
 * SQLITE_FULL. The start's dialog and the cache's own sentence say the disk is full and to free space.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { describeStartupFailure } from '../../../../src/main/core/startup/startup-failure'
import { useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

afterEach(() => void vi.restoreAllMocks())

/** The open's first read maps the -shm, which the disk has no room to grow. */
function shmCannotGrow(): void {
  const real = Database.prototype.pragma
  vi.spyOn(Database.prototype, 'pragma').mockImplementation(function (this: Database.Database, ...args) {
    if (this.name.endsWith('cache.db'))
      throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_SHMSIZE')
    return real.apply(this, args)
  })
}

describe('a cache whose -shm the disk has no room for', () => {
  it('is told as a full disk, with what to do, at start', () => {
    const path = join(tempDir(), 'cache.db')
    openCache({ path }).close()
    shmCannotGrow()
    let failure: unknown
    try {
      openCache({ path })
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toBe(
      `Standby cannot open its offline cache at ${path}: the disk that holds it is full (SQLITE_IOERR_SHMSIZE: disk I/O error). Free some space on that disk, then start Standby again; the file was left as it is.`,
    )
    expect(describeStartupFailure(failure, { logPath: '/logs/standby.log', packaged: true })).toEqual({
      kind: 'disk_full',
      title: 'The disk is full',
      message:
        'Free some space on the disk that holds your profile, then start Standby again. The log has the details: /logs/standby.log',
    })
  })
})
