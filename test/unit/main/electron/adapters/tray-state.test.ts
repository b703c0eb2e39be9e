import { beforeEach, describe, expect, it, vi } from 'vitest'
import { trayStateOnStatusLine } from '../../../../../src/main/electron/adapters/tray-state'
import { createStatusLine } from '../../../../../src/main/node/status-line'
import { createTray } from '../../../../../src/main/electron/tray'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

describe('the tray state in Electron', () => {
  it('puts the status line in the tray menu and tooltip, through the status-line store', () => {
    const statusLine = createStatusLine('Not connected')
    const tray = createTray({
      iconPath: '/res/tray.png',
      status: statusLine.get(),
      onOpen: vi.fn(),
      onQuit: vi.fn(),
      log: recordingLog(),
    })
    statusLine.subscribe(tray.setStatus)
    const heard = vi.fn()
    statusLine.subscribe(heard)

    const state = trayStateOnStatusLine(statusLine)
    const status = {
      connection: { status: 'online', since: 1 },
      openInvites: 2,
      statusLine: 'Online · 2 open invites',
    } as const
    state.set(status)
    state.set({ ...status, connection: { status: 'online', since: 2 } })

    expect(fake.trays[0]?.menu?.item('status').label).toBe('Online · 2 open invites')
    expect(fake.trays[0]?.toolTip).toBe('Standby — Online · 2 open invites')
    expect(heard).toHaveBeenCalledOnce()
  })
})
