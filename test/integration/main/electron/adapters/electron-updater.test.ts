/**
 * The Updater adapter end to end in Node: electron-updater's own AppImage updater, with `electron`
 * replaced by the typed fake, against a loopback HTTP server that serves latest-linux.yml and the
 * artifact as a release would. Nothing is mocked between the adapter and the bytes on the wire.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { AppImageUpdater } from 'electron-updater'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronUpdater } from '../../../../../src/main/electron/adapters/electron-updater'
import { createLoginItem } from '../../../../../src/main/electron/adapters/login-item'
import { singleInstanceLock } from '../../../../../src/main/electron/single-instance'
import { askedWithoutEnd, release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

const { tempDir, servers, serve, installedApp } = useAppImageReleases()

/** The sha512 of `bytes`, which tells two large files apart as surely as their bytes and at once. */
const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64')

beforeEach(() => {
  resetFakeElectron()
})

describe('the electron-updater adapter against a loopback release server', () => {
  it('starts at login the AppImage an update installed on quit under its new name, not the one it removed', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    // Launch at login is on: its entry starts this AppImage, as the composition root wires them.
    const moved: { to?: (path: string) => void } = {}
    const { updater, appImage, dir } = installedApp(server.url, 'Standby-1.2.3.AppImage', {
      onAppImageMoved: (path) => moved.to?.(path),
    })
    const config = tempDir()
    const loginItem = createLoginItem({
      log: recordingLog(),
      platform: 'linux',
      env: { XDG_CONFIG_HOME: config, APPIMAGE: appImage, APPDIR: '/tmp/.mount_standby' },
      home: '/nowhere',
      execPath: '/tmp/.mount_standby/standby',
    })
    moved.to = (path) => loginItem.appImageMoved(path)
    loginItem.set(true)
    const entry = join(config, 'autostart', 'standby.desktop')
    expect(readFileSync(entry, 'utf8')).toContain(`Exec="${appImage}" --hidden`)

    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => undefined)
    // The expert quits (or logs out): electron-builder's AppImage names carry the version, so the
    // update removes this file and puts the new version under its own name.
    fake.app.emit('quit', {}, 0)
    const installed = join(dir, 'Standby-1.3.0.AppImage')
    expect(existsSync(appImage)).toBe(false)
    expect(readFileSync(installed)).toEqual(next.artifact)
    // The next login starts the new file: no Standby started by this run repairs the entry first.
    expect(readFileSync(entry, 'utf8')).toContain(`Exec="${installed}" --hidden`)
  })

  it('finds a newer version, downloads it with progress, verifies it and installs it on quit', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const { updater, appImage } = installedApp(server.url)
    expect(updater.currentVersion).toBe('1.2.3')

    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    const progress: number[] = []
    await updater.download((percent) => progress.push(percent))
    expect(progress.at(-1)).toBe(100)

    // The expert quits: the verified artifact replaces the installed AppImage.
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  it('shows signs of life while a download arrives without a size, so a slow one is not taken for stalled', async () => {
    const next = release('1.3.0', { bytes: 1024 * 1024 })
    const server = await serve(next.files, { unsized: true })
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    const progress: number[] = []
    await updater.download((percent) => progress.push(percent))
    expect(progress.length).toBeGreaterThanOrEqual(8)
    fake.app.emit('quit', {}, 0)
    // Compared by digest: vitest's deep equality walks a mebibyte one byte at a time, seconds of
    // CPU that a loaded machine stretched past the test's timeout.
    expect(sha512(readFileSync(appImage))).toBe(sha512(next.artifact))
  })

  it.each([
    ['without a size', true],
    ['with its size', false],
  ])(
    'stops a download %s that runs past the most an update can be, and installs nothing',
    async (_what, unsized) => {
      const next = release('1.3.0', { bytes: 3 * 1024 * 1024 })
      const server = await serve(next.files, { unsized })
      const { updater, appImage } = installedApp(server.url, undefined, { maxDownloadBytes: 1024 * 1024 })
      const before = readFileSync(appImage)
      expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
      await expect(updater.download(() => {})).rejects.toThrow(
        /^The update server sent more than 1 MiB for the update, far more than an update of Standby is, so the download was stopped/,
      )
      fake.app.emit('quit', {}, 0)
      expect(readFileSync(appImage)).toEqual(before)
    },
  )

  it('installs on quit a version downloaded after an earlier one was dropped (the expert left the beta)', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const { updater, appImage } = installedApp(server.url)
    // What the policy does to a beta it drops: it is not to be installed on quit.
    updater.setInstallOnQuit(false)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    updater.setInstallOnQuit(true)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  it('says why a restart could not install, and still installs the update on a later quit', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const { updater, appImage, log } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    // The installed copy is gone for a moment (moved by the expert, a sync tool): the restart fails.
    const installed = readFileSync(appImage)
    rmSync(appImage)
    const failedLater = vi.fn()
    expect(() => updater.installNow(failedLater)).toThrow(/^ENOENT: no such file or directory/)
    expect(fake.app.quit).not.toHaveBeenCalled()
    writeFileSync(appImage, installed, { mode: 0o755 })
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
    expect(log.text()).not.toContain('already been triggered')
  })

  it('tells an installer failure that comes after the restart began, once, and no later error as one', async () => {
    const server = await serve(release('1.3.0').files)
    const { updater, raw } = installedApp(server.url)
    await updater.check('stable')
    await updater.download(() => {})
    const failedLater = vi.fn()
    updater.installNow(failedLater)
    expect(failedLater).not.toHaveBeenCalled()
    // As macOS's Squirrel says it once the windows have closed; the app goes on.
    raw.emit('error', new Error('No update available, can’t quit and install'))
    raw.emit('error', new Error('said twice'))
    expect(failedLater).toHaveBeenCalledTimes(1)
    expect(failedLater.mock.calls[0]?.[0]).toMatchObject({
      message: expect.stringMatching(/No update available, can’t quit and install/),
    })
    // Pressed again, then the policy checks: the check's own failure is the check's, not the restart's.
    const again = vi.fn()
    updater.installNow(again)
    await server.close()
    await updater.check('stable').catch(() => undefined)
    raw.emit('error', new Error('a check that failed'))
    expect(again).not.toHaveBeenCalled()
  })

  it('offers and downloads a release whose feed names its sha512 in lower-case hex, as electron-updater checks one', async () => {
    const next = release('1.3.0')
    const digest = createHash('sha512').update(next.artifact)
    const hex = digest.copy().digest('hex')
    const feed = next.files['latest-linux.yml'].replaceAll(digest.digest('base64'), hex)
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
  })

  it('refuses and reports an artifact whose sha512 is not the one in the feed', async () => {
    const server = await serve(release('1.3.0', { tampered: true }).files)
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await expect(updater.download(() => {})).rejects.toThrow(
      /^The downloaded update does not match the checksum the update server published, so it was refused \(sha512 checksum mismatch/,
    )
    // Nothing was armed for the quit: the installed copy stays.
    const before = readFileSync(appImage)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(before)
  })

  it('reports a server that is down', async () => {
    const server = await serve({})
    await server.close()
    const { updater } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(/^Cannot reach the update server \(.*ECONNREFUSED/)
  })

  it('stops reading release information that never ends, and says the feed is no release feed', async () => {
    // A feed address that streams without end (a misconfigured URL, a hostile server): read whole,
    // it would hold gigabytes in the main process and then throw there.
    let written = 0
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/yaml' })
      const chunk = Buffer.from(`# ${'x'.repeat(64 * 1024 - 3)}\n`)
      const more = (): void => {
        while (!res.destroyed && written < 256 * 1024 * 1024) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', more)
        }
        res.end()
      }
      more()
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { updater } = installedApp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/standby`)
    await expect(updater.check('stable')).rejects.toThrow(
      /^The update server's release information is larger than 1 MiB, so it was not read: the update address may not name a Standby release folder$/,
    )
    expect(written).toBeLessThan(64 * 1024 * 1024)
  })

  it('says a feed that is no YAML at all in one short line, however long the feed', async () => {
    const feed = `version: [${'x'.repeat(900 * 1024)}`
    const { updater, log } = installedApp((await serve({ 'latest-linux.yml': feed })).url)
    const error: unknown = await updater.check('stable').catch((caught: unknown) => caught)
    expect((error as Error).message).toMatch(/^The update server has no valid release information/)
    expect((error as Error).message.length).toBeLessThan(1000)
    expect(Math.max(...log.lines.map((line) => line.length))).toBeLessThan(4000)
  })

  // A sha512 as electron-builder writes one (base64 of 64 bytes), so each feed below has one fault only.
  const sha = Buffer.alloc(64, 7).toString('base64')
  const malformed: ReadonlyArray<readonly [string, string]> = [
    ['a document of comments only', '# nothing here\n'],
    ['a list', '- 1.3.0\n'],
    ['a web page', '<html><body>Sign in to the proxy</body></html>'],
    ['no version', `files:\n  - url: a.AppImage\n    sha512: ${sha}\n`],
    ['a version YAML reads as a number', `version: 2.0\nfiles:\n  - url: a.AppImage\n    sha512: ${sha}\n`],
    ['a version past what any number holds', `version: 1.2.99999999999999999999\npath: a\nsha512: ${sha}\n`],
    ['no files', 'version: 1.3.0\n'],
    ['files that are text', 'version: 1.3.0\nfiles: Standby.AppImage\n'],
    ['an empty file entry', 'version: 1.3.0\nfiles:\n  - null\n'],
    ['a file without its sha512', 'version: 1.3.0\nfiles:\n  - url: a.AppImage\n'],
    ['a sha512 that is a number', 'version: 1.3.0\nfiles:\n  - url: a.AppImage\n    sha512: 12\n'],
    ['a sha512 too short to be one', 'version: 1.3.0\nfiles:\n  - url: a.AppImage\n    sha512: c2hhNTEy\n'],
    [
      'a sha512 in hex, a digit short',
      `version: 1.3.0\nfiles:\n  - url: a.AppImage\n    sha512: ${'ab'.repeat(63)}a\n`,
    ],
    [
      'a sha512 in capital hex, which a digest Node writes in lower case never equals',
      `version: 1.3.0\nfiles:\n  - url: a.AppImage\n    sha512: ${'AB'.repeat(64)}\n`,
    ],
    [
      'a sha512 in base64 whose last character holds bits no 64 bytes set',
      `version: 1.3.0\nfiles:\n  - url: a.AppImage\n    sha512: ${sha.slice(0, 85)}B==\n`,
    ],
    [
      'a sha512 holding a line break',
      `version: 1.3.0\nfiles:\n  - url: a.AppImage\n    sha512: "${sha}\\n"\n`,
    ],
    [
      'a file on this computer’s disk',
      `version: 1.3.0\nfiles:\n  - url: file:///etc/a.AppImage\n    sha512: ${sha}\n`,
    ],
    [
      'a file over ftp',
      `version: 1.3.0\nfiles:\n  - url: ftp://cdn.example/a.AppImage\n    sha512: ${sha}\n`,
    ],
    [
      'an address that is none',
      `version: 1.3.0\nfiles:\n  - url: "https://[cdn/a.AppImage"\n    sha512: ${sha}\n`,
    ],
    [
      'a file name that does not decode',
      `version: 1.3.0\nfiles:\n  - url: a%E0%A4%A.AppImage\n    sha512: ${sha}\n`,
    ],
    [
      'a file name holding folders',
      `version: 1.3.0\nfiles:\n  - url: ..%2F..%2Fa.AppImage\n    sha512: ${sha}\n`,
    ],
    [
      'a file name holding a control character',
      `version: 1.3.0\nfiles:\n  - url: a%07.AppImage\n    sha512: ${sha}\n`,
    ],
    ['a folder for a file', `version: 1.3.0\nfiles:\n  - url: https://cdn.example/\n    sha512: ${sha}\n`],
    [
      'a staged rollout percentage that is no number',
      `version: 1.3.0\nstagingPercentage: half\nfiles:\n  - url: a.AppImage\n    sha512: ${sha}\n`,
    ],
    [
      'a staged rollout percentage past 100',
      `version: 1.3.0\nstagingPercentage: 1000\nfiles:\n  - url: a.AppImage\n    sha512: ${sha}\n`,
    ],
  ]
  it.each(malformed)(
    'says a feed holding %s is damaged, offers nothing and downloads nothing',
    async (_what, feed) => {
      const server = await serve({ 'latest-linux.yml': feed })
      const downloads: string[] = []
      server.server.on('asked', (name: string) => {
        if (name !== 'latest-linux.yml') downloads.push(name)
      })
      const { updater } = installedApp(server.url)
      await expect(updater.check('stable')).rejects.toThrow(
        /^The update server's release information (is damaged or incomplete \(.+\)|names (no file|a file without|a file whose (name|sha512)|a file at an address|a staged rollout).+, so nothing was downloaded): whoever publishes Standby has to publish this release again$/,
      )
      expect(downloads).toEqual([])
    },
  )

  it('says a download cut off half-way broke off, and the next one completes and is verified', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files, { cutFirst: next.file })
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await expect(updater.download(() => {})).rejects.toThrow(
      /^The connection to the update server broke off during the transfer \(.+\)$/,
    )
    await updater.download(() => {})
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  it('asks the feed again after a check it never answered, on the channel now chosen', async () => {
    const server = await serve(
      { ...release('1.3.0').files, 'beta-linux.yml': release('1.4.0-beta.1').files['latest-linux.yml'] },
      { silentFirst: 'latest-linux.yml' },
    )
    const { updater } = installedApp(server.url)
    const firstAsked = once(server.server, 'asked')
    // The policy gives up on this check after its timeout; electron-updater never settles it.
    void updater.check('stable').catch(() => {})
    expect(await firstAsked).toEqual(['latest-linux.yml'])
    expect(await updater.check('beta')).toEqual({ kind: 'available', version: '1.4.0-beta.1' })
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
  })

  it('downloads again after a download that stalled, instead of waiting on the stalled one', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files, { silentFirst: next.file })
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    const asked = once(server.server, 'asked')
    // The policy gives up on this one (no progress for too long) and asks for the download again.
    const stalled = updater.download(() => {})
    stalled.catch(() => undefined)
    await asked
    await updater.download(() => {})
    await expect(stalled).rejects.toThrow()
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  it('follows a redirect over https or on this computer, and verifies what it found there', async () => {
    const next = release('1.3.0')
    const server = await serve(
      { ...next.files, 'mirror/latest-linux.yml': next.files['latest-linux.yml'] },
      { redirects: { 'latest-linux.yml': '/standby/mirror/latest-linux.yml' } },
    )
    const asked: string[] = []
    server.server.on('asked', (name: string) => asked.push(name))
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    expect(asked).toEqual(['latest-linux.yml', 'mirror/latest-linux.yml'])
    await updater.download(() => {})
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  const notHttps =
    /^An update address is not https \("http:\/\/updates\.evil\.test(:8080)?"\), so nothing was read from it: Standby takes updates over https only, and whoever publishes Standby has to serve them so$/

  it('reads no release information a redirect sends to plain http on another computer', async () => {
    const server = await serve(
      {},
      { redirects: { 'latest-linux.yml': 'http://updates.evil.test:8080/standby/latest-linux.yml' } },
    )
    const { updater, log } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(notHttps)
    expect(log.text()).toContain('An update address is not https')
  })

  it('downloads nothing a redirect sends to plain http, and nothing is installed on quit', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files, {
      redirects: { [next.file]: `http://updates.evil.test/standby/${next.file}` },
    })
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await expect(updater.download(() => {})).rejects.toThrow(notHttps)
    const before = readFileSync(appImage)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(before)
  })

  it('gives up on an update whose address redirects to itself, and nothing is installed on quit', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files, { redirects: { [next.file]: `/standby/${next.file}` } })
    const endless = askedWithoutEnd(server.server)
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    const downloaded = updater
      .download(() => {})
      .then(
        () => 'downloaded',
        (error: unknown) => String(error),
      )
    expect(await Promise.race([downloaded, endless])).toMatch(/^Error: Too many redirects/)
    const before = readFileSync(appImage)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(before)
  })

  it('follows a chain of redirects (relative, absolute, another host) to the update and verifies it', async () => {
    const next = release('1.3.0')
    const redirects: Record<string, string> = {
      [next.file]: 'cdn/first',
      'cdn/first': '/standby/cdn/second',
    }
    const server = await serve({ ...next.files, 'cdn/edge/final': next.artifact }, { redirects })
    // The last hop names another host (localhost, where the feed is on 127.0.0.1), as a CDN's does.
    redirects['cdn/second'] = `http://localhost:${new URL(server.url).port}/standby/cdn/edge/final`
    const asked: string[] = []
    server.server.on('asked', (name: string) => asked.push(name))
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    const progress: number[] = []
    await updater.download((percent) => progress.push(percent))
    expect(asked.slice(1)).toEqual([next.file, 'cdn/first', 'cdn/second', 'cdn/edge/final'])
    expect(progress.at(-1)).toBe(100)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  it('gives up on release information whose address redirects to itself, and asks no more', async () => {
    const server = await serve({}, { redirects: { 'latest-linux.yml': '/standby/latest-linux.yml' } })
    let asked = 0
    server.server.on('asked', () => asked++)
    const endless = askedWithoutEnd(server.server)
    const { updater } = installedApp(server.url)
    const checked = updater.check('stable').then(
      () => 'answered',
      (error: unknown) => String(error),
    )
    expect(await Promise.race([checked, endless])).toMatch(/^Error: Too many redirects/)
    expect(asked).toBe(12)
  })

  it('reads no feed, and offers no file the feed names, over plain http to another computer', async () => {
    const { updater } = installedApp('http://updates.evil.test/standby')
    await expect(updater.check('stable')).rejects.toThrow(notHttps)
    const next = release('1.3.0')
    const feed = next.files['latest-linux.yml'].replaceAll(next.file, `http://updates.evil.test/${next.file}`)
    const server = await serve({ 'latest-linux.yml': feed })
    const second = installedApp(server.url)
    // Refused at the check: an update offered there could never be downloaded.
    await expect(second.updater.check('stable')).rejects.toThrow(
      /^The update server's release information names a file at an address Standby does not download from \("http:\/\/updates\.evil\.test" is not https\), so nothing was downloaded/,
    )
    await expect(second.updater.download(() => {})).rejects.toThrow()
    const before = readFileSync(second.appImage)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(second.appImage)).toEqual(before)
  })

  it('ignores an older version, also on a channel switch (no downgrade)', async () => {
    const server = await serve({
      ...release('1.1.0').files,
      'beta-linux.yml': release('1.1.5-beta.1').files['latest-linux.yml'],
    })
    const { updater } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'none', latest: '1.1.0' })
    expect(await updater.check('beta')).toEqual({ kind: 'none', latest: '1.1.5-beta.1' })
  })

  it('honours a staged rollout: a release at 0 % reaches nobody', async () => {
    const server = await serve(release('1.3.0', { stagingPercentage: 0 }).files)
    const { updater } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'none', latest: '1.3.0' })
  })

  it('leaves a copy installed by a package manager (the deb) to it, without asking the feed', async () => {
    const server = await serve(release('1.3.0').files)
    installedApp(server.url)
    const updater = createElectronUpdater({
      updater: new AppImageUpdater(),
      log: recordingLog(),
      packageManaged: true,
      instanceLock: singleInstanceLock,
    })
    expect(await updater.check('stable')).toEqual({
      kind: 'unavailable',
      reason: 'This copy of Standby was installed by a package manager, which updates it (apt for the deb).',
    })
  })

  it('says a build that is not packaged cannot update itself', async () => {
    const server = await serve(release('1.3.0').files)
    const { updater } = installedApp(server.url)
    fake.app.isPackaged = false
    expect(await updater.check('stable')).toMatchObject({ kind: 'unavailable' })
  })
})
