import { describe, expect, it } from 'vitest'
import {
  createRecordedLoginItem,
  SHELL_LOGIN_ITEM_PROBLEM,
} from '../../../../../src/main/node/adapters/recorded-login-item'
import { recordingLog } from '../../../../support/recording-log'

describe('the Node login item', () => {
  it('records the wish and says once that the shell cannot act on it', () => {
    const log = recordingLog()
    const loginItem = createRecordedLoginItem(log)
    expect(loginItem.wanted).toBeNull()
    // Settings says beside the switch that nothing will start at login, and what would.
    expect(loginItem.set(true)).toEqual({ applied: false, problem: SHELL_LOGIN_ITEM_PROBLEM })
    loginItem.set(true)
    expect(loginItem.wanted).toBe(true)
    expect(loginItem.set(false)).toEqual({ applied: true })
    expect(loginItem.wanted).toBe(false)
    expect(log.lines).toEqual([
      'info Launch at login is on; the browser shell does not register a login item',
    ])
  })
})
