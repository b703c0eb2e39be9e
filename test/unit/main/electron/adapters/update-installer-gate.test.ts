/**
 * The installer (Windows) or AppImage (Linux) an install starts is the very file whose sha512 the
 * feed named: read again as it starts, through every way electron-updater starts it, and compared
 * with the feed, not with an earlier read. electron-updater's own updaters against a loopback
 * release server; PowerShell and the OS's start of a program are played.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { DownloadSpoiled } from '../../../../../src/main/core/ports/updater'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake } from '../../../../support/fake-electron'
import {
  installerOf,
  powerShell,
  recordStarts,
  signedByPublisher,
  useWindowsReleases,
} from '../../../../support/windows-release'

const { installedWindowsCopy } = useWindowsReleases()
const { serve, installedApp } = useAppImageReleases()

/** An update of 1.3.0 downloaded by the Windows copy, its signature checked. */
async function windowsUpdateReady() {
  powerShell({ report: signedByPublisher })
  const copy = await installedWindowsCopy()
  await copy.updater.download(() => {})
  return copy
}

/** The download electron-updater installs (its property is protected). */
const pendingInstaller = (raw: object): string => (raw as { installerPath: string }).installerPath

/** Resolves with the next 'error' electron-updater reports. */
const nextError = (raw: { once: (event: 'error', listener: (error: Error) => void) => unknown }) =>
  new Promise<Error>((resolve) => raw.once('error', resolve))

describe('a Windows install', () => {
  it('started again through elevate.exe does not start an installer replaced after the first start failed', async () => {
    const { updater, raw, installer } = await windowsUpdateReady()
    // Windows refuses the first start (an antivirus holds the file); electron-updater then asks
    // elevate.exe to start it, a moment later, by which time another signed installer is there.
    const starts = recordStarts({ code: 'EACCES' })
    const refused = nextError(raw)
    updater.installNow(() => {})
    writeFileSync(installer, installerOf('1.0.0'))
    expect((await refused).message).toMatch(
      /^The downloaded installer \(.*Standby-Setup-1\.3\.0\.exe\) was changed or removed after Windows checked who signed it, so nothing was installed/,
    )
    expect(starts.map((start) => start.program)).toEqual([installer])
  })

  it('whose installer was gone as Windows started it reports so, and has no shell open what is at its path later', async () => {
    const { updater, raw } = await windowsUpdateReady()
    recordStarts({ code: 'ENOENT' })
    const refused = nextError(raw)
    updater.installNow(() => {})
    expect((await refused).message).toMatch(
      /^The downloaded installer \(.*Standby-Setup-1\.3\.0\.exe\) was gone when Windows was to start it, so nothing was installed/,
    )
    expect(fake.shell.openPath).not.toHaveBeenCalled()
  })

  it("does not start an earlier update's installer, checked in this run too, put in the place of the one the feed names now", async () => {
    const { updater, raw, installer, publish } = await windowsUpdateReady()
    const older = readFileSync(installer)
    publish('1.4.0')
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.4.0' })
    await updater.download(() => {})
    const starts = recordStarts()
    writeFileSync(pendingInstaller(raw), older)
    expect(() => updater.installNow(() => {})).toThrow(
      /^The downloaded installer \(.*Standby-Setup-1\.4\.0\.exe\) no longer matches the sha512 the update server published for 1\.4\.0, so nothing was installed and this version stays/,
    )
    expect(starts).toEqual([])
  })
})

describe('a Linux (AppImage) install', () => {
  it('does not install a download replaced after it was checked, and leaves the installed AppImage', async () => {
    const server = await serve(release('1.3.0').files)
    const { updater, raw, appImage } = installedApp(server.url)
    await updater.check('stable')
    await updater.download(() => {})
    const installer = pendingInstaller(raw)
    writeFileSync(installer, release('1.0.0').artifact)
    const spawnLog = vi.spyOn(raw as unknown as { spawnLog: () => Promise<boolean> }, 'spawnLog')
    expect(() => updater.installNow(() => {})).toThrow(
      /^The downloaded installer \(.*Standby-1\.3\.0\.AppImage\) no longer matches the sha512 the update server published for 1\.3\.0, so nothing was installed and this version stays/,
    )
    expect(readFileSync(appImage, 'utf8')).toContain('Standby 1.2.3')
    expect(existsSync(installer)).toBe(true)
    expect(spawnLog).not.toHaveBeenCalled()
  })

  it('downloads again, in the same run, a download changed after it was checked, rather than finding it ready', async () => {
    const server = await serve(release('1.3.0').files)
    const { updater, raw } = installedApp(server.url)
    await updater.check('stable')
    await updater.download(() => {})
    const installer = pendingInstaller(raw)
    const checked = readFileSync(installer)
    // Cut short by the disk, or written over: electron-updater held it as downloaded from memory.
    writeFileSync(installer, release('1.0.0').artifact)
    // Told as a download to fetch again, so the policy no longer offers it as ready.
    expect(() => updater.installNow(() => {})).toThrow(DownloadSpoiled)
    expect(() => updater.installNow(() => {})).toThrow(/no longer matches the sha512/)
    await updater.check('stable')
    await updater.download(() => {})
    // What an install would start is the feed's file again.
    expect(readFileSync(pendingInstaller(raw)).equals(checked)).toBe(true)
  })
})
