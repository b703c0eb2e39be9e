/**
 * Windows: an installer is installed only once its signature was checked on that very file in this
 * run. electron-updater keeps a download in its pending folder, reuses it in a later run (or a later
 * download of the same version) and installs whatever is at its path: each of those is checked here.
 */
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { describe, expect, it } from 'vitest'
import { fake } from '../../../../support/fake-electron'
import {
  installerOf,
  powerShell,
  recordStarts,
  signedBy,
  signedByPublisher,
  useWindowsReleases,
} from '../../../../support/windows-release'

const { installedWindowsCopy } = useWindowsReleases()

/** A time an installer's file may say it was last written, in seconds. */
const CHECKED_AT = 1_700_000_000

/**
 * An installer downloaded by a run of the copy, its times then set (any will do: whoever can write
 * the file can set them), and `later`, the next run, which checks it again as it stands.
 */
async function keptWithTimesSet() {
  powerShell({ report: signedByPublisher })
  const { updater, installer, nextRun } = await installedWindowsCopy()
  await updater.download(() => {})
  utimesSync(installer, CHECKED_AT, CHECKED_AT)
  return { installer, later: nextRun }
}

/** How many times `server` was asked for the installer from now on. */
function installerAsks(server: Server): () => number {
  let asks = 0
  server.on('asked', (name: string) => name.endsWith('.exe') && asks++)
  return () => asks
}

/** How many times an install started the installer. */
function recordInstalls(): () => number {
  const starts = recordStarts()
  return () => starts.length
}

describe('an installer kept from an earlier download', () => {
  it('is checked again in the next run, and one PowerShell now refuses is removed and not installed', async () => {
    powerShell({ report: signedByPublisher })
    const { updater, installer, nextRun } = await installedWindowsCopy()
    await updater.download(() => {})
    expect(existsSync(installer)).toBe(true)
    // Passed by an earlier check (an earlier version's, laxer), it is now found signed by another.
    const { asked } = powerShell({ report: signedBy('CN=Someone Else, O=Someone Else, C=GB') })
    const later = await nextRun()
    await expect(later.updater.download(() => {})).rejects.toThrow(
      /^The downloaded installer is not signed by Standby's publisher, so it was refused and nothing was installed/,
    )
    expect(asked[0]).toBe(installer)
    expect(existsSync(installer)).toBe(false)
  })

  it('that passes its check again is used in the next run without downloading it again', async () => {
    powerShell({ report: signedByPublisher })
    const { updater, installer, nextRun, server } = await installedWindowsCopy()
    await updater.download(() => {})
    const asks = installerAsks(server)
    const { asked } = powerShell({ report: signedByPublisher })
    const later = await nextRun()
    await later.updater.download(() => {})
    expect(asked).toEqual([installer])
    expect(asks()).toBe(0)
  })

  it('that was replaced since its check is downloaded again when asked for again in the same run', async () => {
    powerShell({ report: signedByPublisher })
    const { updater, installer } = await installedWindowsCopy()
    await updater.download(() => {})
    // Another validly signed installer of Standby (an older one, say) put in its place.
    writeFileSync(installer, installerOf('1.0.0'))
    await updater.download(() => {})
    expect(readFileSync(installer)).toEqual(installerOf('1.3.0'))
  })
})

describe('an install', () => {
  it('at a restart installs the installer that passed its check', async () => {
    powerShell({ report: signedByPublisher })
    const { updater } = await installedWindowsCopy()
    const installs = recordInstalls()
    await updater.download(() => {})
    updater.installNow(() => {})
    expect(installs()).toBe(1)
  })

  it.each([
    ['replaced since its check', (installer: string) => writeFileSync(installer, installerOf('1.0.0'))],
    [
      'rewritten in place since its check',
      (installer: string) => writeFileSync(installer, 'XX', { flag: 'r+' }),
    ],
  ])('at a restart does not install an installer %s, and says so', async (_case, change) => {
    powerShell({ report: signedByPublisher })
    const { updater, installer } = await installedWindowsCopy()
    const installs = recordInstalls()
    await updater.download(() => {})
    change(installer)
    expect(() => updater.installNow(() => {})).toThrow(
      /^The downloaded installer \(.*Standby-Setup-1\.3\.0\.exe\) was changed or removed after Windows checked who signed it, so nothing was installed and this version stays until the update is downloaded again/,
    )
    expect(installs()).toBe(0)
  })

  it.each([
    ['since its check', false],
    ['while PowerShell checked it', true],
  ])(
    'does not install an installer rewritten %s with bytes of the same length, its times put back',
    async (_case, duringCheck) => {
      const { installer, later } = await keptWithTimesSet()
      /** Another installer of the same length written over it, its times set back as they were. */
      const rewrite = (path: string): void => {
        writeFileSync(path, installerOf('6.6.6'), { flag: 'r+' })
        utimesSync(path, CHECKED_AT, CHECKED_AT)
      }
      // PowerShell reads the publisher's installer, and the other is put in its place meanwhile.
      if (duringCheck) powerShell({ report: (path) => (rewrite(path), signedByPublisher(path)) })
      const run = await later()
      const installs = recordInstalls()
      await run.updater.download(() => {}).catch(() => undefined)
      if (!duringCheck) rewrite(installer)
      expect(() => run.updater.installNow(() => {})).toThrow()
      expect(installs()).toBe(0)
    },
  )

  it('nor one changed since its check at a quit, which installs a ready update', async () => {
    powerShell({ report: signedByPublisher })
    const { updater, installer } = await installedWindowsCopy()
    const installs = recordInstalls()
    await updater.download(() => {})
    writeFileSync(installer, installerOf('1.0.0'))
    fake.app.emit('quit', {}, 0)
    expect(installs()).toBe(0)
  })
})
