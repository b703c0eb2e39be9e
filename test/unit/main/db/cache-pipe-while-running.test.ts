// A named pipe put in place of the cache file, or of its WAL index, while Standby runs: opened to
// be read, a pipe holds the open until something writes into it, and the checkpoints run on the
// app's main thread. Each tick and the quit go on; what SQLite has open still gets this run's
// changes.
import { execFileSync } from 'node:child_process'
import { renameSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { CHECKPOINT_EVERY_MS, openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anExpert, aSnapshot, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, numberedInvite, useCheckpointTimer, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const invite = numberedInvite

useCheckpointTimer()

it.skipIf(process.platform === 'win32').each(['cache.db', 'cache.db-shm'])(
  'a named pipe at %s while running holds up no checkpoint and no quit',
  (name) => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const opened = openCache({ path, integrityCheck: 'after-unclean-exit' })
    const store = new SqliteCacheStore(opened.db, linesLogger())
    store.applySnapshot(aSnapshot({ expert: anExpert({ id: 'exp_ours' }), cursor: 1 }))
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    store.applyEvents([inviteCreated(2, invite(2))])
    renameSync(join(dir, name), join(dir, `${name}.moved`))
    execFileSync('mkfifo', [join(dir, name)])
    store.applyEvents([inviteCreated(3, invite(3))])
    vi.advanceTimersByTime(2 * CHECKPOINT_EVERY_MS)
    expect(
      store
        .openInvites(FIXTURE_NOW)
        .map((open) => open.id)
        .sort(),
    ).toEqual(['inv_2', 'inv_3'])
    opened.close()
  },
)
