// The bound on the block maps an AppImage carries patches electron-updater's reader of them, a file
// that is not part of its API: where that file cannot be loaded the update still works, downloaded
// whole, and the bound one updater sets never applies to another's downloads.
import { AppImageUpdater, NsisUpdater } from 'electron-updater'
import { FileWithEmbeddedBlockMapDifferentialDownloader } from 'electron-updater/out/differentialDownloader/FileWithEmbeddedBlockMapDifferentialDownloader'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  boundBlockMaps,
  MAX_BLOCK_MAP_BYTES,
} from '../../../../../src/main/electron/adapters/update-block-map-bound'
import { resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

beforeEach(() => {
  resetFakeElectron()
})

const MOVED = 'electron-updater/out/moved/FileWithEmbeddedBlockMapDifferentialDownloader'

describe('an electron-updater whose reader of embedded block maps has moved', () => {
  it('downloads an AppImage update whole rather than read a map without a bound, and says so', () => {
    const updater = new AppImageUpdater()
    const log = recordingLog()
    boundBlockMaps(updater, log, MAX_BLOCK_MAP_BYTES, MOVED)
    expect(updater.disableDifferentialDownload).toBe(true)
    expect(log.text()).toContain(
      'Updater: the reader of embedded block maps could not be loaded (Cannot find module',
    )
    expect(log.text()).toContain('updates that would read one are downloaded whole.')
  })

  it('keeps the differential download of a Windows installer, whose map is beside it, and refuses web installers', () => {
    const updater = new NsisUpdater()
    boundBlockMaps(updater, recordingLog(), MAX_BLOCK_MAP_BYTES, MOVED)
    expect(updater.disableDifferentialDownload).toBe(false)
    expect(updater.disableWebInstaller).toBe(true)
  })
})

describe('the bound of embedded block maps', () => {
  /** Asks `updater`'s reader for the `bytes` at the end of a file on a port nothing listens on. */
  function readEnd(updater: AppImageUpdater, bytes: number): Promise<unknown> {
    const client = (updater as unknown as { httpExecutor: unknown }).httpExecutor
    const reader = new FileWithEmbeddedBlockMapDifferentialDownloader(
      { size: bytes * 2, sha512: '' },
      client as never,
      { newUrl: new URL('http://127.0.0.1:1/next.AppImage') } as never,
    ) as unknown as { readRemoteBytes(start: number, end: number): Promise<unknown> }
    return reader.readRemoteBytes(0, bytes - 1)
  }

  it('is each updater’s own: one set for another updater later does not lift it', async () => {
    const strict = new AppImageUpdater()
    const usual = new AppImageUpdater()
    boundBlockMaps(strict, recordingLog(), 1024)
    boundBlockMaps(usual, recordingLog())
    await expect(readEnd(strict, 4096)).rejects.toThrow(/block map is larger than/)
    // Asked for, so refused only by the closed port.
    await expect(readEnd(usual, 4096)).rejects.not.toThrow(/block map is larger than/)
  })
})
