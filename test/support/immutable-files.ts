/**
 * Files made immutable with `chattr +i`, which holds for root too: how the tests meet a cache
 * Standby may not write for real, where the machine allows it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

let lockable: boolean | undefined

/** Whether `chattr +i` works here (Linux, root or CAP_LINUX_IMMUTABLE, a file system that keeps it). */
export function canLockFiles(): boolean {
  lockable ??= process.platform === 'linux' && lockWorks()
  return lockable
}

function lockWorks(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'standby-lock-'))
  const probe = join(dir, 'probe')
  writeFileSync(probe, '')
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' })
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Make `paths` (files or folders) immutable. */
export function lockFiles(...paths: string[]): void {
  execFileSync('chattr', ['+i', ...paths])
}

/** Make `paths` writable again; nothing to do for none. */
export function unlockFiles(...paths: string[]): void {
  if (paths.length > 0) execFileSync('chattr', ['-i', ...paths])
}

/**
 * Locks a test takes, each undone after it (registered after the temporary folders, so undone
 * before they are removed), or sooner by `unlock`.
 */
export function useFileLocks(): { lock(...paths: string[]): void; unlock(): void } {
  const locked: string[] = []
  const unlock = () => unlockFiles(...locked.splice(0))
  afterEach(unlock)
  return {
    lock(...paths) {
      lockFiles(...paths)
      locked.push(...paths)
    },
    unlock,
  }
}
