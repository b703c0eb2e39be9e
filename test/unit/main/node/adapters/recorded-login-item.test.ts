import { describe, expect, it } from 'vitest'
import { createRecordedLoginItem } from '../../../../../src/main/node/adapters/recorded-login-item'
import { recordingLog } from '../../../../support/recording-log'

describe('the Node login item', () => {
  it('records the wish and says once that the shell cannot act on it', () => {
    const log = recordingLog()
    const loginItem = createRecordedLoginItem(log)
    expect(loginItem.wanted).toBeNull()
    loginItem.set(true)
    loginItem.set(true)
    expect(loginItem.wanted).toBe(true)
    loginItem.set(false)
    expect(loginItem.wanted).toBe(false)
    expect(log.lines).toEqual([
      'info Launch at login is on; the browser shell does not register a login item',
    ])
  })
})
