// Whether another connection still has the WAL index open, read from the lock list as Linux prints
// it: the device there is the file system's, which on btrfs subvolumes and overlay mounts is not
// the one the file's own stat gives, and the same inode number can be another device's file.
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { walIndexHeld } from '../../../../src/main/db/wal-held'
import { useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

/** A /proc holding `locks` and a process 4242 whose descriptors are of `files`. */
function fakeProc(dir: string, locks: string, files: readonly string[]): string {
  const proc = join(dir, 'proc')
  mkdirSync(join(proc, '4242', 'fd'), { recursive: true })
  writeFileSync(join(proc, 'locks'), locks)
  files.forEach((file, n) => symlinkSync(file, join(proc, '4242', 'fd', String(n + 3))))
  return proc
}

function shmIn(dir: string): { readonly shm: string; readonly ino: number } {
  const shm = join(dir, 'cache.db-shm')
  writeFileSync(shm, Buffer.alloc(32768))
  return { shm, ino: statSync(shm).ino }
}

it('a lock listed under the file system’s device (a btrfs subvolume) is the index’s when its holder has it open', () => {
  const dir = tempDir()
  const { shm, ino } = shmIn(dir)
  const proc = fakeProc(dir, `1: POSIX  ADVISORY  READ 4242 00:2f:${ino} 128 128\n`, [shm])
  expect(walIndexHeld(shm, proc)).toBe(true)
})

it('a lock on the same inode number of another device, whose holder has not the index open, is not it', () => {
  const dir = tempDir()
  const { shm, ino } = shmIn(dir)
  const other = join(dir, 'other')
  writeFileSync(other, '')
  const proc = fakeProc(dir, `1: POSIX  ADVISORY  READ 4242 00:2f:${ino} 128 128\n`, [other])
  expect(walIndexHeld(shm, proc)).toBe(false)
})

it('odd lines, an OFD lock’s pid and a missing list are no lock on the index', () => {
  const dir = tempDir()
  const { shm, ino } = shmIn(dir)
  const odd = `garbage\n\n1: OFDLCK ADVISORY READ -1 00:2f:${ino} 0 EOF\n2: POSIX ADVISORY READ 4242 zz:${ino}\n`
  expect(walIndexHeld(shm, fakeProc(dir, odd, []))).toBe(false)
  expect(walIndexHeld(shm, join(dir, 'no-proc'))).toBe(false)
})
