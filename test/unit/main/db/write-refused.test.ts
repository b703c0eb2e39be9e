// A cache whose files are made read-only while it is open: SQLite says "disk I/O error", and the
// refusal is read back from the system as the files it names and what undoes it. Real `chattr +i`
// where it works (Linux, root or CAP_LINUX_IMMUTABLE, a file system that keeps the flag).
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { canLockFiles, useFileLocks } from '../../../support/immutable-files'
import { CacheNotWritable } from '../../../../src/main/core/cache-not-writable'
import { storageFaultMessage, storageRemedy } from '../../../../src/main/core/storage-remedy'
import { refusedWrite } from '../../../../src/main/db/write-refused'
import { useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

const { lock, unlock } = useFileLocks()

/** A cache-like database in WAL mode, with a row in its WAL. */
function walDatabase(): { db: Database.Database; path: string } {
  const path = join(tempDir(), 'cache.db')
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (x)')
  db.prepare('INSERT INTO t VALUES (1)').run()
  return { db, path }
}

/** What `work` throws. */
function thrown(work: () => unknown): unknown {
  try {
    work()
  } catch (error) {
    return error
  }
  throw new Error('it did not throw')
}

describe.skipIf(!canLockFiles())('a cache made read-only while open', () => {
  it('is told by the files refused and what undoes it, not as a disk to check', () => {
    const { db, path } = walDatabase()
    lock(path, `${path}-wal`)
    const failed = thrown(() => db.prepare('INSERT INTO t VALUES (2)').run())
    expect(failed).toMatchObject({ code: 'SQLITE_IOERR_WRITE' })
    const refused = refusedWrite(path, failed)
    expect(refused?.message).toBe(
      `EPERM: operation not permitted, ${path} and ${path}-wal may no longer be written`,
    )
    expect(storageRemedy(refused)).toBe(`Make ${path} and ${path}-wal writable by your account again`)
    expect(storageFaultMessage(refused)).not.toMatch(/Check the disk|disk I\/O/)
    unlock()
    // Writable again: the same error is SQLite's own, and nothing more is read into it.
    expect(refusedWrite(path, failed)).toBeNull()
    expect(db.prepare('INSERT INTO t VALUES (2)').run().changes).toBe(1)
    db.close()
  })

  it('leaves a full disk, and any error but a refused write, as they are', () => {
    const { db, path } = walDatabase()
    lock(path, `${path}-wal`)
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_CORRUPT', 'SQLITE_BUSY'])
      expect(refusedWrite(path, new Database.SqliteError('no', code))).toBeNull()
    expect(refusedWrite(path, new Error('no'))).toBeNull()
    expect(refusedWrite(path, null)).toBeNull()
    db.close()
  })
})

describe('what undoes a read-only cache', () => {
  it('is a disk mounted writable again for a read-only file system', () => {
    const refused = new CacheNotWritable({
      paths: ['/p/cache.db-wal'],
      code: 'EROFS',
      text: 'read-only file system',
    })
    expect(refused.message).toBe('EROFS: read-only file system, /p/cache.db-wal may no longer be written')
    expect(storageRemedy(refused)).toBe('Make the disk that holds /p/cache.db-wal writable again')
  })
})
