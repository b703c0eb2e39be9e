// A cache file or folder this account may not write, made real with the immutable flag (which
// holds for root too): Standby starts from a copy in memory, keeps what it had already shown, says
// where and what to do, and leaves the file as it is.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { canLockFiles, useFileLocks } from '../../../support/immutable-files'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, aRequest, inviteCreated } from '../../../support/fixtures'
import { cacheThatShowedOne, leftByUncleanExit, linesLogger, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

const { lock } = useFileLocks()

const open = (path: string) => openCache({ path, integrityCheck: 'after-unclean-exit' })
const another = anInvite({ id: 'inv_new', request: aRequest({ id: 'req_new' }) })

describe.skipIf(!canLockFiles())(
  'a cache this account may not write (skipped where `chattr +i` does not hold: not Linux, not root, or a file system without the flag)',
  () => {
    for (const what of ['its file', 'its folder'] as const) {
      it(`(${what}) starts from a copy in memory that keeps what was shown, and says where and what to do`, () => {
        const path = join(tempDir(), 'profile', 'cache.db')
        mkdirSync(dirname(path))
        cacheThatShowedOne(path)
        const bytes = readFileSync(path)
        lock(what === 'its file' ? path : dirname(path))
        const opened = open(path)
        expect(opened.inMemory).toMatch(
          new RegExp(`^Standby cannot write to its offline cache at ${path} \\((EPERM|SQLITE_CANTOPEN): `),
        )
        expect(opened.inMemory).toContain(
          `It runs from a copy in memory this time: what it already knew is kept, but nothing that changes now is saved, so invites and reminders shown from now on may be shown again when it next starts. Make ${path} and its folder ${dirname(path)} writable by your account, then quit and start Standby again; the file was left as it is.`,
        )
        const store = new SqliteCacheStore(opened.db, linesLogger())
        expect(store.shownInvites(['inv_shown'])).toEqual(['inv_shown'])
        // Saves go to memory for the run, none refused.
        store.applyEvents([inviteCreated(store.cursor() + 1, another)])
        store.markNotified([another.id], 1)
        expect(store.shownInvites([another.id])).toEqual([another.id])
        expect(opened.close()).toBeNull()
        expect(readFileSync(path).equals(bytes)).toBe(true)
        expect(existsSync(`${path}-wal`)).toBe(false)
      })
    }

    it('(its folder) keeps what an unclean exit left shown in the WAL', () => {
      const path = join(tempDir(), 'profile', 'cache.db')
      mkdirSync(dirname(path))
      writeFileSync(`${path}-wal`, leftByUncleanExit(tempDir(), path))
      lock(dirname(path))
      const opened = open(path)
      expect(opened.inMemory).toMatch(/^Standby cannot write to its offline cache/)
      const store = new SqliteCacheStore(opened.db, linesLogger())
      expect(store.shownInvites(['inv_shown'])).toEqual(['inv_shown'])
      expect(store.cursor()).toBe(51)
      expect(opened.close()).toBeNull()
    })

    it('with no file and a folder it may not write, starts from an empty cache in memory and says so', () => {
      const path = join(tempDir(), 'profile', 'cache.db')
      mkdirSync(dirname(path))
      lock(dirname(path))
      const opened = open(path)
      expect(opened.inMemory).toContain(`Standby cannot make its offline cache at ${path} (SQLITE_CANTOPEN: `)
      expect(opened.inMemory).toContain(
        'saves none of it, so invites and reminders shown now may be shown again when it next starts',
      )
      new SqliteCacheStore(opened.db, linesLogger()).applyEvents([inviteCreated(1, another)])
      expect(opened.close()).toBeNull()
      expect(existsSync(path)).toBe(false)
    })
  },
)
