import { describe, expect, it } from 'vitest'
import {
  failureSentence,
  installFailed,
  requiredButNothingNewer,
} from '../../../../../src/main/core/update/update-words'
import { NOTIFICATION_BODY_MAX } from '../../../../../src/shared/os-limits'
import { MOST_UPDATE_ERROR_CHARS } from '../../../../../src/shared/update/update-state'

const DOWNLOADS = 'https://downloads.standby.test/'

describe('the sentences that tell an update failure', () => {
  // electron-updater quotes the feed in its messages: a version the server wrote is repeated as is.
  const quoting = (version: string) =>
    `This file could not be downloaded, or the latest version (from update server) does not have a valid semver version: "${version}"`

  it('cut a long reason between whole characters, so no half of an emoji reaches the window', () => {
    const reason = quoting('😀'.repeat(200))
    for (const sentence of [
      failureSentence('check for updates', reason, '14:00', DOWNLOADS),
      installFailed(reason, DOWNLOADS),
    ]) {
      expect(sentence.isWellFormed()).toBe(true)
      expect(sentence).toContain('…')
      expect(sentence).toContain(DOWNLOADS)
    }
  })

  it('say Standby’s own reason whole, with who has to fix it, where the window shows it', () => {
    const refused =
      "The update server's release information names a file whose name is not a plain file name (a folder, a broken escape or a control character in it), so nothing was downloaded: whoever publishes Standby has to publish this release again"
    expect(failureSentence('check for updates', refused, '14:00', DOWNLOADS)).toBe(
      `The update could not be checked: ${refused}; Standby keeps running the current version and tries again at 14:00, or download the latest version from ${DOWNLOADS}.`,
    )
  })

  it('fit where they are shown, cutting the outside reason and never where to download the update', () => {
    const reason = quoting('9'.repeat(1_000))
    const failed = failureSentence('download the update', reason, '14:00', DOWNLOADS)
    expect(failed.length).toBeLessThanOrEqual(MOST_UPDATE_ERROR_CHARS)
    expect(failed).toMatch(/9…; Standby keeps running the current version and tries again at 14:00/)
    // Also the notification's body, once the windows closed for the restart: the OS shows no more.
    const notInstalled = installFailed(reason, DOWNLOADS)
    expect(notInstalled.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX)
    expect(notInstalled.endsWith(`or download the latest version from ${DOWNLOADS}.`)).toBe(true)
  })

  it('keep a long download address whole in the notification, giving the outside reason less room', () => {
    // A folder in a storage bucket, as app-update.yml may name it: the notification shows 300 characters.
    const bucket = 'https://standby-updates.s3.eu-central-1.amazonaws.com/releases/stable/'
    const reason =
      'spawn C:\\Users\\expert\\AppData\\Local\\standby-updater\\pending\\Standby-Setup-1.2.3.exe EACCES: the installer could not be started'
    const notInstalled = installFailed(reason, bucket)
    expect(notInstalled.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX)
    expect(notInstalled).toMatch(/^Could not restart to install the update: spawn C:\\Users.*…\. It installs/)
    expect(notInstalled.endsWith(`or download the latest version from ${bucket}.`)).toBe(true)
  })

  it('show no control character or invisible text the feed put in its version', () => {
    const sentence = failureSentence(
      'check for updates',
      quoting('9.9.9\u001b[2J\u202eevil\u0007'),
      '14:00',
      DOWNLOADS,
    )
    expect(sentence).toMatch(
      /^The update could not be checked: .*"9\.9\.9\[2Jevil"; Standby keeps running the current version and tries again at 14:00/,
    )
  })

  it('name a download address too long to leave the reason room by its host, within the bound', () => {
    const long = `https://downloads.standby.test/releases/${'a1b2c3d4'.repeat(50)}/`
    const failed = failureSentence('download the update', 'net::ERR_CONNECTION_RESET', '14:00', long)
    expect(failed).toBe(
      'The update could not be downloaded: net::ERR_CONNECTION_RESET; Standby keeps running the current version and tries again at 14:00, or download the latest version from downloads.standby.test/….',
    )
    const notInstalled = installFailed('spawn EACCES', long)
    expect(notInstalled.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX)
    expect(notInstalled.endsWith('or download the latest version from downloads.standby.test/….')).toBe(true)
  })

  it('name a download address too long for the status by its host where the platform needs a newer Standby', () => {
    const long = `https://downloads.standby.test/releases/${'a1b2c3d4'.repeat(50)}/`
    expect(requiredButNothingNewer('2.0.0', long)).toBe(
      'The platform needs Standby 2.0.0 or newer, and the update server offers nothing newer yet. Download it from downloads.standby.test/….',
    )
    const short = 'https://downloads.standby.test/standby/'
    expect(requiredButNothingNewer('2.0.0', short)).toContain(`Download it from ${short}.`)
  })
})
