/**
 * Linux: "Restart to update" with electron-updater's own AppImage updater, against a loopback
 * release server. It starts the new version as it installs it, before this copy has quit; the new
 * version asks for the single-instance lock (the typed fake plays Electron's ProcessSingleton),
 * which Electron lets go of only once this copy's quit is over. One Standby must run afterwards.
 */
import { once } from 'node:events'
import { chmodSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DownloadSpoiled } from '../../../../../src/main/core/ports/updater'
import { claimSingleInstance } from '../../../../../src/main/electron/single-instance'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, FakeBrowserWindow, resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
  fake.platform = 'linux'
})

/** What became of each copy started while the restart ran, in the order they started. */
type Copies = Array<'runs' | 'quits'>

/**
 * Standby 1.2.3 running as the one copy (the lock claimed first, as index.ts does, its window
 * open, living on in the tray without one), 1.3.0 downloaded; `whenStarted` plays the updater
 * starting the new AppImage (electron-updater spawns it detached; here the fake plays its start).
 */
async function runningWithUpdate(whenStarted: () => void, name = 'Standby-1.2.3.AppImage') {
  const next = release('1.3.0')
  const server = await serve(next.files)
  const installed = installedApp(server.url, name)
  expect(claimSingleInstance()).toBe(true)
  fake.app.on('window-all-closed', () => undefined)
  new FakeBrowserWindow()
  await installed.updater.check('stable')
  await installed.updater.download(() => undefined)
  const spawned: string[] = []
  const raw = installed.raw as unknown as { spawnLog: (cmd: string) => Promise<boolean> }
  vi.spyOn(raw, 'spawnLog').mockImplementation(async (cmd) => {
    spawned.push(cmd)
    whenStarted()
    return true
  })
  return { ...installed, spawned, next }
}

describe('Restart to update on Linux (AppImage)', () => {
  it.each([
    ['as soon as it is started', 'started'],
    ['while this copy closes its windows', 'before-quit'],
    ['while this copy shuts down', 'will-quit'],
  ] as const)('leaves the new version running when it asks for the lock %s', async (_when, moment) => {
    const copies: Copies = []
    const newVersionStarts = (): void => void copies.push(fake.app.anotherCopyStarts())
    const { updater, spawned } = await runningWithUpdate(() => {
      if (moment === 'started') newVersionStarts()
      else fake.app.once(moment, newVersionStarts)
    })
    const quit = once(fake.app, 'quit')
    updater.installNow(vi.fn())
    await quit
    expect(spawned).toEqual([expect.stringMatching(/Standby-1\.3\.0\.AppImage$/)])
    // This copy is gone and the new version runs: one Standby, not none.
    expect(fake.app.quitDone).toBe(true)
    expect(copies).toEqual(['runs'])
  })

  it('lets one copy run when the expert starts one too while the restart goes on', async () => {
    const copies: Copies = []
    const start = (): void => void copies.push(fake.app.anotherCopyStarts())
    const { updater } = await runningWithUpdate(() => {
      // The expert's click on the launcher comes first; the new version then asks.
      start()
      start()
    })
    const quit = once(fake.app, 'quit')
    updater.installNow(vi.fn())
    await quit
    expect(fake.app.quitDone).toBe(true)
    expect(copies).toEqual(['runs', 'quits'])
  })

  it('pressed twice before this copy quits, starts the new version once and keeps it installed', async () => {
    // A file name without a version: electron-updater puts the new version in its place.
    const { updater, spawned, appImage, next } = await runningWithUpdate(() => undefined, 'Standby.AppImage')
    const quit = once(fake.app, 'quit')
    updater.installNow(vi.fn())
    updater.installNow(vi.fn())
    await quit
    expect(spawned).toEqual([appImage])
    expect(readFileSync(appImage)).toEqual(next.artifact)
  })

  it('keeps the lock when the restart could not start the new version: a copy started later shows this one', async () => {
    const { updater, appImage } = await runningWithUpdate(() => undefined)
    // The installed copy is gone for a moment (moved by the expert, a sync tool): the restart fails.
    rmSync(appImage)
    expect(() => updater.installNow(vi.fn())).toThrow(/^ENOENT: no such file or directory/)
    expect(fake.app.hasSingleInstanceLock()).toBe(true)
    const launches: string[][] = []
    fake.app.on('second-instance', (_event, argv: string[]) => launches.push(argv))
    expect(fake.app.anotherCopyStarts(['/home/expert/Standby-1.2.3.AppImage'])).toBe('quits')
    expect(launches).toEqual([['/home/expert/Standby-1.2.3.AppImage']])
  })
})

describe('a new AppImage the system will not start', () => {
  it('leaves this copy running and says where the new version is, the lock kept and APPIMAGE naming it', async () => {
    const next = release('1.3.0')
    const server = await serve(next.files)
    const { updater, raw, dir } = installedApp(server.url, 'Standby-1.2.3.AppImage')
    expect(claimSingleInstance()).toBe(true)
    await updater.check('stable')
    await updater.download(() => undefined)
    // Not executable (a file manager's copy): the system refuses to start it.
    chmodSync((raw as unknown as { installerPath: string }).installerPath, 0o644)
    const installed = join(dir, 'Standby-1.3.0.AppImage')
    const failedLater = vi.fn()
    const said = `The new version of Standby is in ${installed}, but the file is not allowed to run as a program, so it could not be started. This version keeps running. To finish the update, quit Standby, allow the file to run (in its Properties, or chmod +x), then start it.`
    expect(() => updater.installNow(failedLater)).toThrow(said)
    // Pressed again, it says the same, not that the download is gone.
    expect(() => updater.installNow(failedLater)).toThrow(said)
    // Past the turn in which electron-updater would have quit: nothing quits, no error is left unheard.
    await new Promise((resolve) => setImmediate(resolve))
    expect(fake.app.quitDone).toBe(false)
    expect(fake.app.hasSingleInstanceLock()).toBe(true)
    expect(readFileSync(installed)).toEqual(next.artifact)
    // A relaunch after an error, or the next install, finds the file on disk, not the removed one.
    expect(process.env['APPIMAGE']).toBe(installed)
    expect(failedLater).not.toHaveBeenCalled()
    // The quit the expert then makes installs nothing over it.
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
    expect(readFileSync(installed)).toEqual(next.artifact)
  })
})

describe('an update whose download was removed after it completed (~/.cache emptied)', () => {
  /** Removes the downloaded AppImage electron-updater would move into place. */
  const removeDownload = (raw: unknown): void => rmSync((raw as { installerPath: string }).installerPath)

  it('Restart to update says so and leaves the installed AppImage, this copy still the one a launch finds', async () => {
    const { updater, appImage, raw, spawned } = await runningWithUpdate(() => undefined)
    removeDownload(raw)
    // Refused as a changed download: the policy fetches it again rather than offering it as ready.
    expect(() => updater.installNow(vi.fn())).toThrow(DownloadSpoiled)
    expect(() => updater.installNow(vi.fn())).toThrow(/^The downloaded update is no longer on this computer/)
    expect(readFileSync(appImage, 'utf8')).toContain('# Standby 1.2.3')
    expect(spawned).toEqual([])
    expect(fake.app.anotherCopyStarts()).toBe('quits')
  })

  it('a quit installs nothing and leaves the installed AppImage for the next login', async () => {
    const { appImage, raw, log } = await runningWithUpdate(() => undefined)
    removeDownload(raw)
    fake.app.quit()
    expect(fake.app.quitDone).toBe(true)
    expect(readFileSync(appImage, 'utf8')).toContain('# Standby 1.2.3')
    expect(log.text()).toContain('The downloaded update is no longer on this computer')
  })
})
