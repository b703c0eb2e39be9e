import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import {
  SettingsSchema,
  type SettingsStore,
  type SettingsValues,
} from '../../../../../src/main/core/ports/settings'
import { closedToTrayNotice } from '../../../../../src/main/core/tray/closed-to-tray-notice'
import { recordingLog } from '../../../../support/recording-log'

function memorySettings(failWrites = false): SettingsStore {
  let values: SettingsValues = SettingsSchema.parse({})
  return {
    get: () => values,
    update(patch) {
      if (failWrites) throw new Error('disk full')
      values = { ...values, ...patch }
      return values
    },
    flush: () => undefined,
    onChange: () => () => undefined,
    onSaved: () => () => undefined,
    onUndone: () => () => undefined,
  }
}

describe('the notice on closing the window', () => {
  it('says once, ever, where Standby went, in the words of the platform', () => {
    const shown: AppNotification[] = []
    const settings = memorySettings()
    const deps = { settings, notifier: { show: (n: AppNotification) => shown.push(n) }, log: recordingLog() }
    const closed = closedToTrayNotice({ ...deps, platform: 'darwin' })
    closed()
    closed()
    closedToTrayNotice({ ...deps, platform: 'darwin' })()
    expect(shown).toEqual([
      {
        kind: 'notice',
        title: 'Standby is still running',
        body: 'It stays in the menu bar to keep you reachable for invites. Open or quit it from there.',
      },
    ])
    expect(settings.get().closedToTrayNoticeShown).toBe(true)
  })

  it('is shown even when it cannot be remembered, once this run, and the log says why', () => {
    const shown: AppNotification[] = []
    const log = recordingLog()
    const closed = closedToTrayNotice({
      settings: memorySettings(true),
      notifier: { show: (n) => shown.push(n) },
      platform: 'win32',
      log,
    })
    closed()
    closed()
    expect(shown).toEqual([
      expect.objectContaining({ body: expect.stringContaining('notification area of the taskbar') }),
    ])
    expect(log.text()).toContain('disk full')
  })
})
