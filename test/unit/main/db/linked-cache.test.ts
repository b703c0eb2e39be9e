// A cache file kept elsewhere behind a link at the cache's path. SQLite resolves the link and keeps
// the -wal, -shm and -journal beside the file it points to; every check before the open must look
// there too, or what is wrong beside that file fails the open as a fault of the machine (a folder),
// passes unseen (a pipe), or goes unchecked (a WAL left by a run that never closed the cache).
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import { anInvite, FIXTURE_NOW, inviteCreated } from '../../../support/fixtures'
import { linesLogger, putOtherDatabasesWal, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const now = () => Date.UTC(2026, 10, 27, 12, 0, 0)
const open = (path: string) => openCache({ path, now, integrityCheck: 'after-unclean-exit' })

/** A cleanly closed cache at `elsewhere` that showed an invite, and a link to it at `path`. */
function linkedCache(dir: string): { path: string; elsewhere: string } {
  const elsewhere = join(dir, 'disk', 'cache.db')
  const opened = open(elsewhere)
  const store = new SqliteCacheStore(opened.db, linesLogger())
  const invite = anInvite()
  store.applyEvents([inviteCreated(1, invite)])
  store.markNotified([invite.id], FIXTURE_NOW)
  opened.close()
  const path = join(dir, 'profile', 'cache.db')
  mkdirSync(join(dir, 'profile'))
  symlinkSync(elsewhere, path)
  return { path, elsewhere }
}

describe.runIf(process.platform !== 'win32')('a link at the cache path to a cache kept elsewhere', () => {
  it('moves the link aside, never its target, when a folder is beside the target where its WAL goes', () => {
    const dir = tempDir()
    const { path, elsewhere } = linkedCache(dir)
    mkdirSync(`${elsewhere}-wal`)
    const opened = open(path)
    expect(opened.rebuilt?.reason).toBe(`${elsewhere}-wal is a folder`)
    expect(readlinkSync(opened.rebuilt?.damagedCopy ?? '')).toBe(elsewhere)
    expect(lstatSync(path).isFile()).toBe(true)
    expect(readdirSync(join(dir, 'disk')).sort()).toEqual(['cache.db', 'cache.db-wal'])
    opened.close()
  })

  it('moves the link aside at once when a named pipe is beside the target where its WAL goes', () => {
    const dir = tempDir()
    const { path, elsewhere } = linkedCache(dir)
    execFileSync('mkfifo', [`${elsewhere}-wal`])
    const opened = open(path)
    expect(opened.rebuilt?.reason).toBe(`${elsewhere}-wal is not a regular file`)
    expect(lstatSync(`${elsewhere}-wal`).isFIFO()).toBe(true)
    opened.close()
  })

  it('checks the file, and narrows its WAL once open, when a run that never closed it left the WAL beside the target', () => {
    const dir = tempDir()
    const { path, elsewhere } = linkedCache(dir)
    const running = open(path)
    running.db.exec('UPDATE sync_state SET cursor = 9')
    // Killed: nothing closed, the WAL stays beside the target; the marker beside the link is lost.
    execFileSync('cp', [`${elsewhere}-wal`, `${elsewhere}-wal.kept`])
    running.close()
    execFileSync('mv', [`${elsewhere}-wal.kept`, `${elsewhere}-wal`])
    // As an older version left it: readable by others.
    chmodSync(`${elsewhere}-wal`, 0o644)
    const opened = open(path)
    expect(opened).toMatchObject({ checked: true, rebuilt: null })
    expect(statSync(`${elsewhere}-wal`).mode & 0o777).toBe(0o600)
    expect(opened.db.prepare('SELECT cursor FROM sync_state').pluck().get()).toBe(9)
    opened.close()
  })
  it('carries the marks over from the target alone when a WAL of another database is beside it', () => {
    const dir = tempDir()
    const { path, elsewhere } = linkedCache(dir)
    putOtherDatabasesWal(dir, `${elsewhere}-wal`)
    const file = readFileSync(elsewhere)
    const opened = open(path)
    expect(opened.rebuilt?.reason).toMatch(/another program's file/)
    expect(opened.rebuilt?.salvaged).toEqual({ rows: 1, unreadable: [] })
    expect(readFileSync(elsewhere).equals(file)).toBe(true)
    opened.close()
  })
})
