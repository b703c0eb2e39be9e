/**
 * Whether some connection still has the cache's WAL index open: every connection on a WAL holds a
 * read lock on its `-shm` for as long as it has it mapped, whichever process it is in. Linux lists
 * every such lock in /proc/locks; a second copy of Standby on one cache (a restart to update) runs
 * only there. Elsewhere, and when the list cannot be read, none is taken to be open.
 */
import { readFileSync, statSync } from 'node:fs'

/** Whether a lock is held on the file at `shm` by any process (this one included). */
export function walIndexHeld(shm: string): boolean {
  let dev: number
  let ino: number
  let locks: string
  try {
    ;({ dev, ino } = statSync(shm))
    locks = readFileSync('/proc/locks', 'latin1')
  } catch {
    return false
  }
  // Linux's encoding of a device number into its major and minor parts, as the list prints them.
  const major = Math.floor(dev / 256) % 4096
  const minor = (dev % 256) + Math.floor(dev / 1_048_576) * 256
  const file = `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${ino}`
  // A line: "<n>: POSIX ADVISORY READ <pid> <major>:<minor>:<inode> <start> <end>".
  return locks.split('\n').some((line) => line.split(/\s+/).includes(file))
}
