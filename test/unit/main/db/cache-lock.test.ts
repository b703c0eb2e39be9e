// Another program (a backup tool, the sqlite3 shell) holding the cache's write lock while the app
// runs. Every write of the cache runs on the app's main thread, so each one waiting out SQLite's
// busy timeout holds the window, the tray and every notification for that long, at each try.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { storageFaultMessage } from '../../../../src/main/core/storage-remedy'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

it('fails a write at once while another program holds the lock, says what to do, and saves it once freed', () => {
  const path = join(tempDir(), 'cache.db')
  const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
  const store = new SqliteCacheStore(opened.db, linesLogger())
  const other = new Database(path)
  other.exec('BEGIN IMMEDIATE')
  // The wait for a lock is a moment at run time, not the seconds the open allows for its migrations.
  expect(opened.db.pragma('busy_timeout', { simple: true })).toBeLessThanOrEqual(250)
  const invite = anInvite()
  let failure: unknown
  try {
    store.applyEvents([inviteCreated(1, invite)])
  } catch (error) {
    failure = error
  }
  expect(failure).toMatchObject({ code: 'SQLITE_BUSY' })
  expect(storageFaultMessage(failure)).toMatch(/Quit any other program using Standby’s files/)
  other.exec('ROLLBACK')
  other.close()
  store.applyEvents([inviteCreated(1, invite)])
  expect(store.openInvites(FIXTURE_NOW)).toEqual([invite])
  opened.close()
})
