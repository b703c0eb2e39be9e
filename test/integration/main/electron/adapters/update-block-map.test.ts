/**
 * A differential download's block map, bounded before electron-updater parses it: electron-updater's
 * own Windows updater (NSIS) against a loopback release server, `electron` replaced by the typed
 * fake. A map past the bound, as sent or unpacked, is refused with a sentence in the log, and the
 * update is downloaded whole, as after any failed differential download.
 */
import { randomBytes } from 'node:crypto'
import zlib from 'node:zlib'
import { NsisUpdater } from 'electron-updater'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronUpdater } from '../../../../../src/main/electron/adapters/electron-updater'
import { MAX_BLOCK_MAP_BYTES } from '../../../../../src/main/electron/adapters/update-block-map-bound'
import { singleInstanceLock } from '../../../../../src/main/electron/single-instance'
import {
  askedWithoutEnd,
  releaseFeed,
  unpackedSizes,
  useAppImageReleases,
} from '../../../../support/appimage-release'
import { resetFakeElectron } from '../../../../support/fake-electron'
import { fakeNet } from '../../../../support/fake-electron/net'
import { recordingLog } from '../../../../support/recording-log'

const { serve, packagedCopy } = useAppImageReleases()
const MiB = 1024 * 1024

beforeEach(() => resetFakeElectron())
afterEach(() => vi.restoreAllMocks())

/** A Windows release of 1.3.0 whose installer's block map is `blockMap`, as electron-builder publishes one. */
function windowsRelease(blockMap: Buffer) {
  const installer = Buffer.concat([Buffer.from('MZ Standby 1.3.0 installer\n'), randomBytes(64 * 1024)])
  const file = 'Standby-Setup-1.3.0.exe'
  const feed = releaseFeed('1.3.0', file, installer)
  return {
    installer,
    // Served under every platform's name: the tests run on Linux, where the updater asks for its own.
    files: {
      'latest.yml': feed,
      'latest-linux.yml': feed,
      [file]: installer,
      [`${file}.blockmap`]: blockMap,
    },
  }
}

/** An installed Windows copy of 1.2.3 reading `feedUrl`. */
function installedWindowsApp(feedUrl: string) {
  packagedCopy(feedUrl)
  const log = recordingLog()
  const raw = new NsisUpdater()
  const updater = createElectronUpdater({ updater: raw, log, instanceLock: singleInstanceLock })
  return { updater, log, raw }
}

describe('the block map of a differential download', () => {
  it('refuses one that unpacks past the bound (a gzip bomb) before it is parsed, and downloads the update whole', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(MAX_BLOCK_MAP_BYTES * 4))
    const release = windowsRelease(bomb)
    const server = await serve(release.files)
    const { updater, log, raw } = installedWindowsApp(server.url)
    const unpacked = unpackedSizes('gunzipSync')
    const downloaded: string[] = []
    raw.on('update-downloaded', (info: { downloadedFile: string }) => downloaded.push(info.downloadedFile))

    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    expect(log.text()).toMatch(
      /Cannot download differentially, fallback to full download: Error: The update's block map at ".*Standby-Setup-1\.3\.0\.exe\.blockmap" is larger than 16 MiB, far larger than one for an update of Standby, so it was not read: the update is downloaded whole instead/,
    )
    expect(unpacked.every((size) => size <= MAX_BLOCK_MAP_BYTES)).toBe(true)
    expect(downloaded).toHaveLength(1)
  })

  it('stops the transfer of one sent past the bound, and downloads the update whole', async () => {
    const release = windowsRelease(randomBytes(MAX_BLOCK_MAP_BYTES + MiB))
    const server = await serve(release.files)
    const { updater, log } = installedWindowsApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    expect(log.text()).toMatch(
      /fallback to full download: Error: The update's block map is larger than 16 MiB, far larger than one for an update of Standby/,
    )
    // Its request is aborted: Electron would keep the connection open, paused, for as long as Standby runs.
    expect(fakeNet.requestsHeldOpen()).toBe(0)
  })

  it('gives up on one whose address redirects to itself, and downloads the update whole', async () => {
    const map = 'Standby-Setup-1.3.0.exe.blockmap'
    const release = windowsRelease(zlib.gzipSync(JSON.stringify({ version: '2', files: [] })))
    const server = await serve(release.files, { redirects: { [map]: `/standby/${map}` } })
    const asked: string[] = []
    server.server.on('asked', (name: string) => asked.push(name))
    const { updater, log, raw } = installedWindowsApp(server.url)
    const downloaded: string[] = []
    raw.on('update-downloaded', (info: { downloadedFile: string }) => downloaded.push(info.downloadedFile))

    const endless = askedWithoutEnd(server.server)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    expect(await Promise.race([updater.download(() => {}).then(() => 'downloaded'), endless])).toBe(
      'downloaded',
    )
    expect(log.text()).toMatch(/fallback to full download: Error: Too many redirects \(> 10\)/)
    // The first ask and the redirects electron-updater's limit lets through, then no more.
    expect(asked.filter((name) => name === map)).toHaveLength(12)
    expect(downloaded).toHaveLength(1)
  })

  it('reads one within the bound as electron-updater does', async () => {
    const map = zlib.gzipSync(JSON.stringify({ version: '2', files: [] }))
    const server = await serve(windowsRelease(map).files)
    const { updater, log } = installedWindowsApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    expect(log.text()).not.toContain("The update's block map")
  })
})
