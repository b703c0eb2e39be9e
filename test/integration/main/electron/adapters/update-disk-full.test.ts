/**
 * A disk with no room left while an update downloads: the download is written to /dev/full, where
 * the kernel answers each write as a full disk does (ENOSPC), so electron-updater meets the error
 * Node gives it then. The expert reads which disk is full and what to do, and nothing installs.
 */
import fs, { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
})

/** Every download electron-updater writes under `folder` goes to a full disk instead. */
function fullDiskUnder(folder: string): void {
  const open = fs.createWriteStream
  vi.spyOn(fs, 'createWriteStream').mockImplementation((path, options) =>
    open(String(path).startsWith(folder) ? '/dev/full' : path, options),
  )
}

describe('an update downloading onto a full disk', () => {
  it('says the disk holding the download folder is full and to free space, and installs nothing', async () => {
    const next = release('1.3.0', { bytes: 256 * 1024 })
    const server = await serve(next.files)
    const { updater, appImage, dir } = installedApp(server.url)
    const folder = join(dir, 'cache', 'standby-updater')
    fullDiskUnder(folder)
    const before = readFileSync(appImage)

    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    const failed = updater.download(() => {})
    await expect(failed).rejects.toThrow(
      `The disk that holds ${folder}, where updates download, is full: free some space on it (ENOSPC: no space left on device, write)`,
    )
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(before)

    // Space freed: the next download completes and is verified.
    vi.mocked(fs.createWriteStream).mockRestore()
    await updater.download(() => {})
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })
})
