/**
 * AppImage releases for the Updater adapter's tests: a release as electron-builder publishes it, a
 * loopback server that serves it, and an installed AppImage of 1.2.3 whose updater reads that
 * server, with electron-updater's own AppImageUpdater and `electron` replaced by the typed fake.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import zlib from 'node:zlib'
import { AppImageUpdater } from 'electron-updater'
import { afterEach, vi } from 'vitest'
import {
  createElectronUpdater,
  type ElectronUpdaterOptions,
} from '../../src/main/electron/adapters/electron-updater'
import { singleInstanceLock } from '../../src/main/electron/single-instance'
import { fake } from './fake-electron'
import { recordingLog } from './recording-log'
import { useTempDirs } from './temp-dir'

/** Electron sets process.resourcesPath, where a packaged app's app-update.yml lives; plain Node has none. */
const setResourcesPath = (path: string): void => {
  ;(process as { resourcesPath: string }).resourcesPath = path
}

/**
 * Settles with 'asked without end' once `server` was asked `times` times: a test of a request loop
 * that must end races it, and fails at once, not at its timeout, when the loop does not.
 */
export function askedWithoutEnd(server: Server, times = 50): Promise<string> {
  let asked = 0
  return new Promise((resolve) => server.on('asked', () => ++asked === times && resolve('asked without end')))
}

/** A release as electron-builder publishes it: the artifact and the feed that names its sha512. */
export function release(
  version: string,
  options: { tampered?: boolean; stagingPercentage?: number; bytes?: number } = {},
) {
  const script = Buffer.from(`#!/bin/sh\n# Standby ${version}\nexit 0\n`)
  const padding = Buffer.alloc(Math.max(0, (options.bytes ?? 0) - script.length), '#')
  const artifact = Buffer.concat([script, padding])
  const file = `Standby-${version}.AppImage`
  const feed = releaseFeed(version, file, artifact, options.stagingPercentage)
  // Tampered in place: the same size as the feed says, another sha512.
  const served = options.tampered ? Buffer.concat([artifact.subarray(0, -2), Buffer.from('#\n')]) : artifact
  return { files: { 'latest-linux.yml': feed, [file]: served }, artifact, file }
}

/** The release information electron-builder publishes for `artifact`, served as `file`. */
export function releaseFeed(
  version: string,
  file: string,
  artifact: Buffer,
  stagingPercentage?: number,
): string {
  const sha512 = createHash('sha512').update(artifact).digest('base64')
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${artifact.length}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    ...(stagingPercentage === undefined ? [] : [`stagingPercentage: ${stagingPercentage}`]),
    "releaseDate: '2026-11-30T12:00:00.000Z'",
  ].join('\n')
}

/** What electron-updater unpacked with `unpack`, in bytes, each time it unpacked a block map. */
export function unpackedSizes(unpack: 'gunzipSync' | 'inflateRawSync'): number[] {
  const sizes: number[] = []
  const original = zlib[unpack]
  vi.spyOn(zlib, unpack).mockImplementation((data, options) => {
    const out = original(data, options)
    sizes.push(out.length)
    return out
  })
  return sizes
}

/**
 * Registers the cleanup after each test (servers closed, environment and resourcesPath restored,
 * temporary directories removed) and returns the helpers that need it.
 */
export function useAppImageReleases() {
  const tempDir = useTempDirs()
  const servers: Server[] = []
  const resourcesPathBefore = process.resourcesPath
  afterEach(async () => {
    vi.unstubAllEnvs()
    setResourcesPath(resourcesPathBefore)
    await Promise.all(
      servers.splice(0).map((server) => {
        server.closeAllConnections()
        return new Promise((resolve) => server.close(resolve))
      }),
    )
  })

  /**
   * Serve the files under /standby/ on a free loopback port; `silentFirst` is never answered the
   * first time it is asked for (a stalled connection), and `cutFirst` is cut off after its first
   * bytes the first time; `unsized` sends no Content-Length (chunked); a name in `redirects` is
   * answered with a 302 to its address; a request for one range of bytes gets those; `held` is
   * answered with its headers only, the response handed to the test in a 'held' event to write
   * as slowly as it likes. `server` emits 'asked' with each name.
   */
  async function serve(
    files: Record<string, string | Buffer>,
    options: {
      silentFirst?: string
      cutFirst?: string
      unsized?: boolean
      redirects?: Record<string, string>
      held?: string
    } = {},
  ): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
    const silent: ServerResponse[] = []
    let cut = false
    const server = createServer((req, res) => {
      const name = decodeURIComponent(
        new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/standby\//, ''),
      )
      server.emit('asked', name)
      if (name === options.silentFirst && silent.length === 0) return void silent.push(res)
      const location = options.redirects?.[name]
      if (location !== undefined) return void res.writeHead(302, { location }).end()
      const body = files[name]
      if (body === undefined) return void res.writeHead(404).end()
      // One range, as a differential download asks for an AppImage's embedded block map.
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '')
      if (range !== null) {
        const part = Buffer.from(body).subarray(Number(range[1]), Number(range[2]) + 1)
        return void res.writeHead(206, { 'content-length': part.length }).end(part)
      }
      res.writeHead(200, options.unsized === true ? {} : { 'content-length': Buffer.byteLength(body) })
      if (name === options.held) {
        res.flushHeaders()
        return void server.emit('held', res)
      }
      if (name !== options.cutFirst || cut) return void res.end(body)
      cut = true
      res.write(Buffer.from(body).subarray(0, 10))
      setImmediate(() => res.destroy())
    })
    server.on('close', () => silent.forEach((res) => res.destroy()))
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/standby`
    return { url, server, close: () => new Promise((resolve) => server.close(() => resolve())) }
  }

  /**
   * The folder of a packaged copy whose app-update.yml names `feedUrl`, as electron-builder writes
   * it, with the fake app packaged and the updater's cache in the folder.
   */
  function packagedCopy(feedUrl: string): string {
    const dir = tempDir()
    const resources = join(dir, 'resources')
    mkdirSync(resources)
    writeFileSync(
      join(resources, 'app-update.yml'),
      `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: standby-updater\n`,
    )
    setResourcesPath(resources)
    fake.app.isPackaged = true
    fake.paths.userData = join(dir, 'user-data')
    vi.stubEnv('XDG_CACHE_HOME', join(dir, 'cache'))
    return dir
  }

  /**
   * An installed AppImage of 1.2.3 whose app-update.yml names `feedUrl`, as a packaged build has it;
   * `name` is its file's (electron-builder's own names carry the version), `adapter` more options.
   */
  function installedApp(
    feedUrl: string,
    name = 'Standby.AppImage',
    adapter: Partial<ElectronUpdaterOptions> = {},
  ) {
    const dir = packagedCopy(feedUrl)
    const appImage = join(dir, name)
    writeFileSync(appImage, '#!/bin/sh\n# Standby 1.2.3\nexit 0\n', { mode: 0o755 })
    vi.stubEnv('APPIMAGE', appImage)
    const log = recordingLog()
    const raw = new AppImageUpdater()
    const updater = createElectronUpdater({ updater: raw, log, instanceLock: singleInstanceLock, ...adapter })
    return { updater, log, appImage, raw, dir }
  }

  return { tempDir, servers, serve, installedApp, packagedCopy }
}
