/**
 * One `npm start` (or `npm run shell`) per data folder. A second one would find port 4455 taken,
 * start its embedded platform on another port over the same platform.db, and a second browser
 * shell over the same profile: two platforms writing one event log, two cores showing the same
 * invites. A lock file with the holder's process id keeps it to one; a holder that is gone (killed,
 * the machine restarted) leaves a lock that the next start takes over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The lock's name inside the data folder. */
export const DATA_DIR_LOCK = 'npm-start.lock'

/** The folder held by this process, or the process that holds it. */
export type DataDirLock = { readonly release: () => void } | { readonly heldBy: number }

/** Whether process `pid` runs (one of another user counts: it holds the folder all the same). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Take `dir` for this process, unless a running one holds it. */
export function lockDataDir(dir: string, pid: number = process.pid, runs = processRuns): DataDirLock {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, DATA_DIR_LOCK)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(pid), { flag: 'wx', mode: 0o600 })
      return { release: () => releaseIfOurs(path, pid) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(readFileSync(path, 'utf8').trim())
    if (Number.isInteger(holder) && holder > 0 && holder !== pid && runs(holder)) return { heldBy: holder }
    // Left by a start that is gone, or unreadable: taken over.
    rmSync(path, { force: true })
  }
  throw new Error(`Could not take ${path}: another start keeps taking it`)
}

/** The line a second start stops with. */
export function dataDirHeld(dir: string, holder: number): string {
  return (
    `Another Standby start (process ${holder}) runs from ${dir}: use the address it printed, or stop it ` +
    '(Ctrl+C in its terminal), or give this one its own folder (STANDBY_DATA_DIR=another/folder). ' +
    'Two at once would share one platform database and one profile.'
  )
}

function releaseIfOurs(path: string, pid: number): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(pid)) rmSync(path, { force: true })
  } catch {
    // Already gone.
  }
}
