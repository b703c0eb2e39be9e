/**
 * Windows: a downloaded installer must carry, in its own resources, the version the feed offers,
 * newer than the running one: a feed that names the sha512 of an older installer the publisher
 * once signed (under a newer version number) gets nothing installed. electron-updater's own
 * NsisUpdater against a loopback release server; PowerShell is played (test/support/windows-release.ts).
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fake } from '../../../../support/fake-electron'
import {
  installerOf,
  powerShell,
  recordStarts,
  signedByPublisher,
  useWindowsReleases,
} from '../../../../support/windows-release'

const { installedWindowsCopy } = useWindowsReleases()

describe("a Windows installer's own version", () => {
  it('that the feed offers downloads', async () => {
    powerShell({ report: signedByPublisher })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).resolves.toBeUndefined()
  })

  it.each([
    [
      'an older signed installer',
      installerOf('1.0.0'),
      /carries Standby 1\.0\.0, not newer than this version 1\.2\.3/,
    ],
    [
      "the running version's own installer",
      installerOf('1.2.3'),
      /carries Standby 1\.2\.3, not newer than this version 1\.2\.3/,
    ],
    [
      'a newer one the feed does not offer',
      installerOf('1.3.1'),
      /carries Standby 1\.3\.1, not the version 1\.3\.0 the update server offered/,
    ],
    [
      'an installer that carries no version',
      Buffer.from('MZ signed by the publisher'),
      /carries no version of Standby \(""\)/,
    ],
  ])(
    'is refused when the feed offers 1.3.0 and names %s, and nothing is installed at a quit',
    async (_case, installer, why) => {
      powerShell({ report: signedByPublisher })
      const { updater, installer: pending } = await installedWindowsCopy(undefined, installer)
      const starts = recordStarts()
      const refusal = updater.download(() => {})
      await expect(refusal).rejects.toThrow(
        /^The downloaded installer carries .*, so it was refused and nothing was installed: whoever publishes Standby has to publish this release again/,
      )
      await expect(refusal).rejects.toThrow(why)
      fake.app.emit('quit', {}, 0)
      expect(starts).toEqual([])
      expect(existsSync(pending)).toBe(false)
    },
  )
})
