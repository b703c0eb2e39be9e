/**
 * electron-updater's note of the last download across a restart, on the real AppImage updater: a
 * download verified against a feed written in hex is found again (it was fetched again after every
 * restart), and a note changed on disk (administrator rights, a folder in its name) is not taken
 * at its word: the update downloads again, is verified, and installs as the feed says.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { AppImageUpdater } from 'electron-updater'
import { beforeEach, describe, expect, it } from 'vitest'
import { createElectronUpdater } from '../../../../../src/main/electron/adapters/electron-updater'
import { singleInstanceLock } from '../../../../../src/main/electron/single-instance'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
})

const noteOf = (dir: string): string => join(dir, 'cache', 'standby-updater', 'pending', 'update-info.json')

/** The release with its feed's sha512s written in hex, as some publishing scripts write them. */
function hexRelease(version: string) {
  const next = release(version)
  const base64 = createHash('sha512').update(next.artifact).digest('base64')
  const hex = createHash('sha512').update(next.artifact).digest('hex')
  const feed = String(next.files['latest-linux.yml']).replaceAll(base64, hex)
  return { ...next, files: { ...next.files, 'latest-linux.yml': feed } }
}

/** The same installed copy started again: a new updater over the same folders. */
function restarted() {
  const log = recordingLog()
  const updater = createElectronUpdater({
    updater: new AppImageUpdater(),
    log,
    instanceLock: singleInstanceLock,
  })
  return { updater, log }
}

describe("electron-updater's note of the last download, after a restart", () => {
  it('finds an update verified against a hex sha512 again, without downloading it again', async () => {
    const next = hexRelease('1.3.0')
    const server = await serve(next.files)
    const asked: string[] = []
    server.server.on('asked', (name: string) => asked.push(name))
    const { updater } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    expect(asked.filter((name) => name === next.file)).toHaveLength(1)

    const again = restarted()
    expect(await again.updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await again.updater.download(() => {})
    expect(asked.filter((name) => name === next.file)).toHaveLength(1)
  })

  it('finds an update again whose note an older copy wrote with the feed’s hex sha512', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const asked: string[] = []
    server.server.on('asked', (name: string) => asked.push(name))
    const { updater, dir } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    const note = JSON.parse(readFileSync(noteOf(dir), 'utf8')) as Record<string, unknown>
    const hex = createHash('sha512').update(next.artifact).digest('hex')
    writeFileSync(noteOf(dir), JSON.stringify({ ...note, sha512: hex }))

    const again = restarted()
    expect(await again.updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await again.updater.download(() => {})
    expect(asked.filter((name) => name === next.file)).toHaveLength(1)
  })

  it.each([
    ['asks for administrator rights', { isAdminRightsRequired: true }],
    ['names a file outside its folder', { fileName: '../Standby-1.3.0.AppImage' }],
  ])('downloads again, verified, past a note that %s', async (_, change) => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const asked: string[] = []
    server.server.on('asked', (name: string) => asked.push(name))
    const { updater, appImage, dir } = installedApp(server.url)
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    const note = JSON.parse(readFileSync(noteOf(dir), 'utf8')) as Record<string, unknown>
    writeFileSync(noteOf(dir), JSON.stringify({ ...note, ...change }))

    const again = restarted()
    expect(await again.updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await again.updater.download(() => {})
    expect(asked.filter((name) => name === next.file)).toHaveLength(2)
    expect(JSON.parse(readFileSync(noteOf(dir), 'utf8'))).toMatchObject({ isAdminRightsRequired: false })
    expect(again.log.text()).toMatch(
      /note of the last download .*; removed it, so the update downloads again/,
    )
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })
})
