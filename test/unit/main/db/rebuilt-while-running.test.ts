/**
 * A cache file found damaged while the app runs is rebuilt once in that run; a second damage in the
 * same run, or a file that cannot be opened again, is told as a damaged cache to restart over, so a
 * disk that keeps damaging what is written never has the run move file after file aside.
 */
import Database from 'better-sqlite3'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CacheLost } from '../../../../src/main/core/cache-lost'
import { answerCall } from '../../../../src/main/core/ipc/answer-call'
import { storageRemedy } from '../../../../src/main/core/storage-remedy'
import { errorMessage } from '../../../../src/shared/error-message'
import { keptRetryKeys } from '../../../../src/main/core/connection/kept-retry-keys'
import { retryKeys } from '../../../../src/main/core/connection/retry-keys'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { openCache, type CacheRebuild, type OpenedCache } from '../../../../src/main/db/open-cache'
import { rebuiltWhileRunning } from '../../../../src/main/db/rebuilt-while-running'
import { anExpert, aSnapshot } from '../../../support/fixtures'
import { linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
/** What `call` threw. */
function captured(call: () => unknown): unknown {
  try {
    call()
  } catch (error) {
    return error
  }
  throw new Error('it did not throw')
}
const corrupt = (): Error => new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT')

/** A run's cache at a new path, opened as the app opens it, `reopen` standing for each open after the first. */
function aRun(reopen?: (open: () => OpenedCache) => OpenedCache) {
  const path = join(tempDir(), 'cache.db')
  const open = (): OpenedCache => openCache({ path, integrityCheck: 'after-unclean-exit' })
  const shown: AppNotification[] = []
  const rebuilds: CacheRebuild[] = []
  let replaced = 0
  const run = rebuiltWhileRunning(open(), {
    path,
    open: () => (reopen === undefined ? open() : reopen(open)),
    log: linesLogger(),
    notifier: { show: (notification) => void shown.push(notification) },
    told: (rebuilt) => void rebuilds.push(rebuilt),
    replaced: () => void replaced++,
  })
  run.store.applySnapshot(aSnapshot({ expert: anExpert(), cursor: 7 }))
  return { run, path, shown, rebuilds, replaced: () => replaced }
}

describe('a cache found damaged while running', () => {
  it('is opened again at once, the store reading the new connection, and what reads it told after the failing call', async () => {
    const { run, shown, replaced } = aRun()
    run.store.cursor = () => {
      throw corrupt()
    }
    expect(() => run.store.cursor()).toThrow(/malformed/)
    // The file checks whole (the fault was the store's): nothing moved aside, the new connection reads it.
    expect(run.store.cursor()).toBe(7)
    expect(replaced()).toBe(0)
    await Promise.resolve()
    expect(replaced()).toBe(1)
    expect(shown).toEqual([])
    expect(run.close()).toBeNull()
  })

  it('is told to restart, not rebuilt again, when a second damage comes in the same run', () => {
    const { run, path, shown } = aRun()
    for (let n = 0; n < 3; n++) {
      run.store.cursor = () => {
        throw corrupt()
      }
      expect(() => run.store.cursor()).toThrow(/malformed/)
    }
    expect(shown).toEqual([
      expect.objectContaining({
        title: 'Offline cache damaged',
        body: expect.stringMatching(/Quit Standby and start it again/),
      }),
    ])
    run.close()
    // The next start checks the file, as the damage was recorded.
    const next = openCache({ path, integrityCheck: 'after-unclean-exit' })
    expect(next.checked).toBe(true)
    next.close()
    expect(readdirSync(join(path, '..')).filter((name) => name.includes('corrupt'))).toEqual([])
  })

  it('is told to restart when it cannot be opened again, and closes nothing twice', () => {
    const { run, shown, rebuilds } = aRun(() => {
      throw new Database.SqliteError('unable to open database file', 'SQLITE_CANTOPEN')
    })
    run.store.cursor = () => {
      throw corrupt()
    }
    expect(() => run.store.cursor()).toThrow(/malformed/)
    // The store's calls fail in Standby's words, not the closed connection's; the next start checks the file.
    expect(() => run.store.lastSyncedAt()).toThrow(CacheLost)
    expect(rebuilds).toEqual([])
    expect(shown).toEqual([expect.objectContaining({ title: 'Offline cache damaged' })])
    expect(run.close()).toBeNull()
  })

  it('answers every later call in words that say what happened and what to do, once it cannot be opened again', async () => {
    const { run } = aRun(() => {
      throw new Database.SqliteError('unable to open database file', 'SQLITE_CANTOPEN')
    })
    run.store.cursor = () => {
      throw corrupt()
    }
    expect(() => run.store.cursor()).toThrow(/malformed/)
    const quiet = { warn: () => {}, error: () => {} }
    const read = await answerCall(
      'sessions.upcoming',
      undefined,
      () => ({ sessions: [...run.store.upcomingSessions(0, 10)], later: false }),
      quiet,
    )
    const told =
      /could not be opened again\. Quit Standby and start it again, so the offline cache is checked and rebuilt/
    expect(read).toMatchObject({ ok: false, error: { message: expect.stringMatching(told) } })
    expect(read).not.toMatchObject({ error: { message: expect.stringMatching(/not open|Standby log/) } })
    // The sync's line about saving gives the same remedy, not "if this goes on".
    const failed = captured(() => run.store.markSynced(1))
    expect(`${errorMessage(failed)}. ${storageRemedy(failed)}.`).toMatch(
      /^Standby's offline cache was found damaged and could not be opened again.*\. Quit Standby and start it again/,
    )
    run.close()
  })

  it('keeps the key of a message whose sending was left open, so sent again it is not sent twice', () => {
    const { run, path, rebuilds } = aRun()
    const signIn = { platformUrl: 'https://platform.example', expertId: 'exp_1' }
    const kept = () => keptRetryKeys(run.store, signIn, { now: () => 1 }, linesLogger())
    const message = { requestId: 'req_1', body: 'A long answer to the client. '.repeat(100) }
    const firstLink = retryKeys(() => 'key-first', kept())
    firstLink.settled('message.send', message, 'key-first', {
      ok: false,
      error: { code: 'timeout', message: '?' },
    })
    // A schema the next open cannot migrate: the file is moved aside and rebuilt.
    const other = new Database(path)
    other.pragma('user_version = 3')
    other.close()
    run.store.cursor = () => {
      throw corrupt()
    }
    expect(() => run.store.cursor()).toThrow(/malformed/)
    expect(rebuilds).toHaveLength(1)
    // The connection made again after the rebuild holds none of the first one's keys in memory.
    expect(retryKeys(() => 'key-fresh', kept()).keyFor('message.send', message)).toBe('key-first')
    run.close()
  })

  it('tells nothing that reads it of the new file once the run closed the cache (a quit whose last write found the damage)', async () => {
    const { run, replaced } = aRun()
    run.store.cursor = () => {
      throw corrupt()
    }
    expect(() => run.store.cursor()).toThrow(/malformed/)
    run.close()
    await Promise.resolve()
    expect(replaced()).toBe(0)
  })
})
