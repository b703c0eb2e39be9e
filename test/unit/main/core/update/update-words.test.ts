import { describe, expect, it } from 'vitest'
import { failureSentence, installFailed } from '../../../../../src/main/core/update/update-words'

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

  it('show no control character or invisible text the feed put in its version', () => {
    const sentence = failureSentence(
      'check for updates',
      quoting('9.9.9\u001b[2J\u202eevil\u0007'),
      '14:00',
      DOWNLOADS,
    )
    expect(sentence).toMatch(
      /^Could not check for updates: .*"9\.9\.9\[2Jevil"\. Standby tries again at 14:00/,
    )
  })
})
