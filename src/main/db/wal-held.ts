/**
 * Whether some connection still has the cache's WAL index open: every connection on a WAL holds a
 * read lock on its `-shm` for as long as it has it mapped, whichever process it is in. Linux lists
 * every such lock in /proc/locks; a second copy of Standby on one cache (a restart to update) runs
 * only there. Elsewhere, and when the list cannot be read, none is taken to be open.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Whether a lock is held on the file at `shm` by any process (this one included); `proc` is where /proc is. */
export function walIndexHeld(shm: string, proc = '/proc'): boolean {
  let dev: number
  let ino: number
  let locks: string
  try {
    ;({ dev, ino } = statSync(shm))
    locks = readFileSync(join(proc, 'locks'), 'latin1')
  } catch {
    return false
  }
  // Linux's encoding of a device number into its major and minor parts, as the list prints them.
  const major = Math.floor(dev / 256) % 4096
  const minor = (dev % 256) + Math.floor(dev / 1_048_576) * 256
  const file = `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${ino}`
  // The list prints the device of the file system, which on btrfs (a subvolume) and overlay mounts
  // is not the one the file's own stat gives: a lock on the inode under another device is the
  // file's when its holder has the file open.
  const holders = new Set<string>()
  // A line: "<n>: POSIX ADVISORY READ <pid> <major>:<minor>:<inode> <start> <end>".
  for (const line of locks.split('\n')) {
    const words = line.trim().split(/\s+/)
    if (words.includes(file)) return true
    const at = words.findIndex((word) => /^[0-9a-f]+:[0-9a-f]+:\d+$/.test(word))
    const pid = words[at - 1]
    if (at > 0 && words[at]?.endsWith(`:${ino}`) === true && pid !== undefined && /^\d+$/.test(pid))
      holders.add(pid)
  }
  return [...holders].some((pid) => hasOpen(join(proc, pid, 'fd'), dev, ino))
}

/** Whether a descriptor in the folder `fds` (a process's /proc/<pid>/fd) is of the file `dev`, `ino`. */
function hasOpen(fds: string, dev: number, ino: number): boolean {
  let names: string[]
  try {
    names = readdirSync(fds)
  } catch {
    return false
  }
  return names.some((name) => {
    try {
      const entry = statSync(join(fds, name))
      return entry.dev === dev && entry.ino === ino
    } catch {
      return false
    }
  })
}
