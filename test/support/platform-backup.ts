/**
 * Backing up and restoring a test platform's database file, as an operator does: copied while
 * the platform is stopped, and copied back over it (its write-ahead log dropped) while stopped.
 */
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { TestPlatform } from './test-platform'

let backups = 0

/** Copy a stopped platform's database file aside; returns the copy's path. */
export function backUpPlatform(platform: TestPlatform): string {
  const backup = join(platform.dir, `backup-${++backups}.db`)
  copyFileSync(platform.dbPath, backup)
  return backup
}

/** Replace a stopped platform's database file with the backup `from`. */
export function restorePlatform(platform: TestPlatform, from: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${platform.dbPath}${suffix}`, { force: true })
  copyFileSync(from, platform.dbPath)
}
