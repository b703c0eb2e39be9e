/**
 * The block map an AppImage carries at its end, bounded before electron-updater unpacks it: its
 * own AppImage updater against a loopback release server, `electron` replaced by the typed fake.
 * A map the release information sizes past the bound is not asked for, one that unpacks past it
 * is refused, and the update is downloaded whole, as after any failed differential download.
 */
import { readFileSync } from 'node:fs'
import zlib from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_BLOCK_MAP_BYTES } from '../../../../../src/main/electron/adapters/update-block-map-bound'
import {
  release,
  releaseFeed,
  unpackedSizes,
  useAppImageReleases,
} from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => resetFakeElectron())
afterEach(() => vi.restoreAllMocks())

/** A release of 1.3.0 whose AppImage ends with `map` (raw deflate) and its size, the feed saying it is `size` bytes. */
function withEmbeddedMap(map: Buffer, size = map.length) {
  const { artifact: script, file } = release('1.3.0')
  const sizeField = Buffer.alloc(4)
  sizeField.writeUInt32BE(map.length)
  const artifact = Buffer.concat([script, map, sizeField])
  const feed = releaseFeed('1.3.0', file, artifact).replace(
    `    size: ${artifact.length}`,
    `    size: ${artifact.length}\n    blockMapSize: ${size}`,
  )
  return { artifact, files: { 'latest-linux.yml': feed, [file]: artifact } }
}

describe('the block map an AppImage carries', () => {
  it('refuses one that unpacks past the bound (a deflate bomb), and downloads the update whole', async () => {
    const next = withEmbeddedMap(zlib.deflateRawSync(Buffer.alloc(MAX_BLOCK_MAP_BYTES * 4)))
    const server = await serve(next.files)
    const { updater, log, appImage } = installedApp(server.url)
    const unpacked = unpackedSizes('inflateRawSync')
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    expect(log.text()).toMatch(
      /fallback to full download: Error: The update's block map is larger than 16 MiB, far larger than one for an update of Standby, so it was not read/,
    )
    expect(unpacked.every((size) => size <= MAX_BLOCK_MAP_BYTES)).toBe(true)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  it('does not ask for one the release information sizes past the bound, and downloads the update whole', async () => {
    const next = withEmbeddedMap(zlib.deflateRawSync('{"version":"2","files":[]}'), MAX_BLOCK_MAP_BYTES * 64)
    const server = await serve(next.files)
    const ranges: string[] = []
    server.server.on('request', (req: { headers: { range?: string } }) => {
      if (req.headers.range !== undefined) ranges.push(req.headers.range)
    })
    const { updater, log, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    expect(log.text()).toMatch(
      /fallback to full download: Error: The update's block map is larger than 16 MiB/,
    )
    expect(ranges).toEqual([])
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })
})

describe('a download cancelled while the block map is asked for', () => {
  it('ends, instead of waiting for ever on a request nothing answers, and the next download installs', async () => {
    const next = withEmbeddedMap(zlib.deflateRawSync('{"version":"2","files":[]}'))
    // The first ask for the AppImage is the range request for its block map, never answered; the
    // differential download awaiting it is beyond electron-updater's cancellation.
    const { url, server } = await serve(next.files, { silentFirst: 'Standby-1.3.0.AppImage' })
    const { updater, appImage } = installedApp(url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    const asked = new Promise<void>((resolve) =>
      server.on('asked', (name: string) => {
        if (name.endsWith('.AppImage')) resolve()
      }),
    )
    const first = updater.download(() => {})
    await asked
    updater.cancelDownload()
    await expect(first).rejects.toThrow()
    await updater.download(() => {})
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })
})
