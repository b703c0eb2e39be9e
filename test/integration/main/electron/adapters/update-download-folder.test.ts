/**
 * electron-updater's download folder damaged between two runs (a file where a folder should be, a
 * note of the last download holding no object): the next download still completes and installs,
 * what stood in the way kept aside. Each failed every download before, at every check.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
})

/** Where the updater of `installedApp` keeps its downloads (app-update.yml's updaterCacheDirName). */
const cacheOf = (dir: string): string => join(dir, 'cache', 'standby-updater')

describe("electron-updater's download folder, damaged", () => {
  it.each([
    ['its pending folder', (cache: string) => join(cache, 'pending')],
    ['the updater’s cache folder', (cache: string) => cache],
  ])('downloads and installs past a file where %s should be, the file kept beside it', async (_, blocked) => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const { updater, appImage, dir, log } = installedApp(server.url)
    const file = blocked(cacheOf(dir))
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, 'kept')

    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    fake.app.emit('quit', {}, 0)

    expect(readFileSync(appImage)).toEqual(next.artifact)
    const aside = readdirSync(dirname(file)).filter((name) =>
      name.startsWith(`${file.split('/').at(-1)}.corrupt-`),
    )
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dirname(file), aside[0] ?? ''), 'utf8')).toBe('kept')
    expect(log.text()).toMatch(/was no folder, where downloads go; kept it as/)
  })

  // electron-updater empties its pending folder before a new version's download, and after one
  // that failed or was cancelled: through a link there, it emptied the folder the link leads to.
  it.runIf(process.platform !== 'win32')(
    'moves aside a link where its pending folder should be, and leaves the folder it leads to as it was',
    async () => {
      const next = release('1.3.0')
      const server = await serve(next.files)
      const { updater, appImage, dir, log } = installedApp(server.url)
      const elsewhere = join(dir, 'documents')
      mkdirSync(elsewhere)
      writeFileSync(join(elsewhere, 'notes.txt'), 'the expert’s own')
      // A note of an older download there: its checksum differs, so the folder is emptied first.
      writeFileSync(
        join(elsewhere, 'update-info.json'),
        JSON.stringify({ fileName: 'old.AppImage', sha512: 'x' }),
      )
      const pending = join(cacheOf(dir), 'pending')
      mkdirSync(cacheOf(dir), { recursive: true })
      symlinkSync(elsewhere, pending)

      expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
      await updater.download(() => {})
      fake.app.emit('quit', {}, 0)

      expect(readFileSync(appImage)).toEqual(next.artifact)
      expect(readdirSync(elsewhere).sort()).toEqual(['notes.txt', 'update-info.json'])
      expect(lstatSync(pending).isDirectory()).toBe(true)
      const aside = readdirSync(cacheOf(dir)).filter((name) => name.startsWith('pending.corrupt-'))
      expect(aside.map((name) => readlinkSync(join(cacheOf(dir), name)))).toEqual([elsewhere])
      expect(log.text()).toMatch(/was a link .* where downloads go; kept the link as/)
    },
  )

  it('downloads again past a note of the last download that holds no object, instead of blaming the release', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const { updater, appImage, dir, log } = installedApp(server.url)
    const pending = join(cacheOf(dir), 'pending')
    mkdirSync(pending, { recursive: true })
    writeFileSync(join(pending, 'update-info.json'), 'null')

    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    await updater.download(() => {})
    fake.app.emit('quit', {}, 0)

    expect(readFileSync(appImage)).toEqual(next.artifact)
    expect(log.text()).toMatch(/held no object; removed it, so the update downloads again/)
  })
})
