/**
 * Hostile release information, each case said in words and nothing installed: electron-updater's own
 * AppImage updater against a loopback release server that serves what a hostile feed would.
 */
import { readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import { release, releaseFeed, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => resetFakeElectron())

/** The installed copy is untouched by a quit after `attempt` failed. */
function nothingInstalled(appImage: string): void {
  const before = readFileSync(appImage)
  fake.app.emit('quit', {}, 0)
  expect(readFileSync(appImage)).toEqual(before)
}

describe('a hostile feed', () => {
  it('nested without end (YAML lists in lists) is refused as damaged, not read until the stack overflows', async () => {
    const depth = 100_000
    const feed = `version: 1.3.0\nfiles: ${'['.repeat(depth)}${']'.repeat(depth)}\n`
    const server = await serve({ 'latest-linux.yml': feed })
    const { updater, appImage } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(
      /^The update server has no valid release information/,
    )
    nothingInstalled(appImage)
  })

  it('that names the running version offers nothing', async () => {
    const server = await serve(release('1.2.3').files)
    const { updater } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'none', latest: '1.2.3' })
  })

  it.each(['1.3', 'latest', '1.3.0.0', ''])('whose version %j is no semver is refused', async (version) => {
    const next = release('1.3.0')
    const feed = releaseFeed(version, next.file, next.artifact)
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(
      /^The update server's release information is damaged or incomplete/,
    )
  })

  it('that names a file on another server than its own is refused at the check', async () => {
    const next = release('1.3.0')
    const elsewhere = await serve(next.files)
    const feed = releaseFeed(
      '1.3.0',
      `${elsewhere.url.replace('127.0.0.1', 'localhost')}/${next.file}`,
      next.artifact,
    )
    const server = await serve({ 'latest-linux.yml': feed })
    const { updater } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(
      /^The update server's release information names a file on another server \("localhost:\d+"\) than its own/,
    )
  })

  it.each(['..%2F..%2Fautostart%2FStandby.AppImage', '..%5C..%5CStandby.AppImage', 'Standby/%2E%2E'])(
    'that names a file %j whose name leaves the download folder is refused at the check',
    async (url) => {
      const next = release('1.3.0')
      const feed = releaseFeed('1.3.0', url, next.artifact)
      const server = await serve({ ...next.files, 'latest-linux.yml': feed })
      const { updater, appImage } = installedApp(server.url)
      await expect(updater.check('stable')).rejects.toThrow(
        /^The update server's release information names a file whose name is not a plain file name/,
      )
      nothingInstalled(appImage)
    },
  )

  it('that asks for administrator rights to install is refused at the check: Standby installs per user', async () => {
    const next = release('1.3.0')
    // Where electron-builder writes it for an installer per machine, which Windows starts through elevate.exe.
    const feed = releaseFeed('1.3.0', next.file, next.artifact).replace(
      `    size: ${next.artifact.length}`,
      `    size: ${next.artifact.length}\n    isAdminRightsRequired: true`,
    )
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater, appImage } = installedApp(server.url)
    await expect(updater.check('stable')).rejects.toThrow(
      "The update server's release information asks for administrator rights to install it, which Standby, installed for each person on their own, never needs, so nothing was downloaded: whoever publishes Standby has to publish this release again",
    )
    nothingInstalled(appImage)
  })

  it('that names a file its server does not have says so, and nothing is installed', async () => {
    const next = release('1.3.0')
    const server = await serve({ 'latest-linux.yml': next.files['latest-linux.yml'] })
    const { updater, appImage } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await expect(updater.download(() => {})).rejects.toThrow(
      /^The update server has no file its release information names \(HTTP 404\): whoever publishes Standby has to publish this release again \(Cannot download ".*Standby-1\.3\.0\.AppImage", status 404: Not Found\)$/,
    )
    nothingInstalled(appImage)
  })

  it('whose release notes carry markup is offered as its version alone: the notes reach nothing Standby shows', async () => {
    const next = release('1.3.0')
    const feed = `${releaseFeed('1.3.0', next.file, next.artifact)}\nreleaseNotes: '<img src=x onerror=alert(1)><script>alert(1)</script>'\n`
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
  })

  it('whose download is larger than the size it declared is stopped, and nothing installed', async () => {
    const next = release('1.3.0', { bytes: 64 * 1024 })
    const declared = next.artifact.length / 2
    const feed = releaseFeed('1.3.0', next.file, next.artifact).replace(
      `size: ${next.artifact.length}`,
      `size: ${declared}`,
    )
    const server = await serve({ ...next.files, 'latest-linux.yml': feed })
    const { updater, appImage } = installedApp(server.url)
    await updater.check('stable')
    await expect(updater.download(() => {})).rejects.toThrow(
      new RegExp(
        `^The update server sent more than the ${declared} bytes its release information gives the update`,
      ),
    )
    nothingInstalled(appImage)
  })
})
