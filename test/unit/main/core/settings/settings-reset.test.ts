import { describe, expect, it } from 'vitest'
import { settingsResetMessage } from '../../../../../src/main/core/settings/settings-reset'

describe('the sentence about settings back at their defaults', () => {
  it('names one setting as the Settings page does, and says it can be set again', () => {
    expect(settingsResetMessage(['platformUrl'])).toBe(
      'A setting was saved with a value Standby cannot use, so it went back to its default: ' +
        'the platform address. You can set it again in Settings.',
    )
  })

  it('names several in one list', () => {
    expect(settingsResetMessage(['remindersEnabled', 'soundEnabled', 'updateChannel'])).toMatch(
      /^Some settings were saved .* they went back to their defaults: “Reminder notifications”, “Sound” and the update channel\. You can set them again in Settings\.$/,
    )
  })

  it('says every setting when the file could not be read at all', () => {
    expect(settingsResetMessage('all')).toMatch(
      /every setting went back to its default; you can set them again in Settings/,
    )
  })

  it('says nothing when nothing the expert sees went back', () => {
    expect(settingsResetMessage([])).toBeNull()
    expect(settingsResetMessage(['closedToTrayNoticeShown'])).toBeNull()
  })
})
