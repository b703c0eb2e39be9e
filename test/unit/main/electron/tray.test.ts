import { beforeEach, describe, expect, it, vi } from 'vitest'
import { type Logger } from '../../../../src/main/node/log'
import { createTray } from '../../../../src/main/electron/tray'
import { fake, resetFakeElectron, type FakeTray } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
const onOpen = vi.fn()
const onQuit = vi.fn()

function makeTray(): { tray: FakeTray; setStatus: (text: string) => void; destroy: () => void } {
  const standbyTray = createTray({ iconPath: '/res/tray.png', status: 'Not connected', onOpen, onQuit, log })
  const tray = fake.trays.at(-1)
  if (!tray) throw new Error('no tray was created')
  return { tray, setStatus: standbyTray.setStatus, destroy: standbyTray.destroy }
}

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('the tray', () => {
  it('shows the icon from the given path', () => {
    const { tray } = makeTray()
    expect(tray.image).toMatchObject({ path: '/res/tray.png' })
    expect(log.warn).not.toHaveBeenCalled()
  })

  it('says so in the log when the icon file is missing', () => {
    fake.imagesExist = false
    makeTray()
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('/res/tray.png'))
  })

  it('has a menu of the status line, Open and Quit, in that order', () => {
    const { tray } = makeTray()
    const items = tray.menu?.template.filter((item) => item.type !== 'separator')
    expect(items?.map(({ id, label, enabled }) => ({ id, label, enabled }))).toEqual([
      { id: 'status', label: 'Not connected', enabled: false },
      { id: 'open', label: 'Open Standby', enabled: undefined },
      { id: 'quit', label: 'Quit Standby', enabled: undefined },
    ])
    expect(tray.toolTip).toBe('Standby — Not connected')
  })

  it('opens the window from Open, and from a click on the icon', () => {
    const { tray } = makeTray()
    tray.clickMenuItem('open')
    tray.emit('click')
    expect(onOpen).toHaveBeenCalledTimes(2)
    expect(onQuit).not.toHaveBeenCalled()
  })

  it('offers "Restart to update" before Quit while an update may restart the app, keeping the status', () => {
    const standbyTray = createTray({ iconPath: '/res/tray.png', status: 'Online', onOpen, onQuit, log })
    const tray = fake.trays.at(-1)!
    const restart = vi.fn()
    standbyTray.setUpdateAction(restart)
    standbyTray.setStatus('Online · 1 open invite')
    const ids = () => tray.menu?.template.filter((item) => item.type !== 'separator').map((item) => item.id)
    expect(ids()).toEqual(['status', 'open', 'restart-to-update', 'quit'])
    expect(tray.menu?.template.find((item) => item.id === 'status')?.label).toBe('Online · 1 open invite')
    tray.clickMenuItem('restart-to-update')
    expect(restart).toHaveBeenCalledOnce()
    standbyTray.setUpdateAction(null)
    expect(ids()).toEqual(['status', 'open', 'quit'])
  })

  it('quits from Quit', () => {
    makeTray().tray.clickMenuItem('quit')
    expect(onQuit).toHaveBeenCalledOnce()
    expect(onOpen).not.toHaveBeenCalled()
  })

  it('shows a new status line in the menu and the tooltip', () => {
    const { tray, setStatus } = makeTray()
    setStatus('Online — 2 invites waiting')
    expect(tray.menu?.item('status').label).toBe('Online — 2 invites waiting')
    expect(tray.toolTip).toBe('Standby — Online — 2 invites waiting')
    tray.clickMenuItem('open')
    expect(onOpen).toHaveBeenCalledOnce()
  })

  it('takes a status change after the icon was removed (the app quitting) without throwing', () => {
    const { tray, setStatus, destroy } = makeTray()
    destroy()
    expect(() => setStatus('Offline')).not.toThrow()
    expect(tray.isDestroyed()).toBe(true)
    expect(() => destroy()).not.toThrow()
  })

  describe('the availability toggle', () => {
    const onAvailability = vi.fn()
    function trayWithToggle() {
      const standbyTray = createTray({
        iconPath: '/res/tray.png',
        status: 'Online',
        onOpen,
        onQuit,
        onAvailability,
        log,
      })
      const tray = fake.trays.at(-1)
      if (!tray) throw new Error('no tray was created')
      return { tray, standbyTray }
    }

    it('is not in the menu while signed out', () => {
      const { tray } = trayWithToggle()
      expect(tray.menu?.template.map((item) => item.id).filter(Boolean)).toEqual(['status', 'open', 'quit'])
    })

    it('shows the availability with why, checked when online, and picking it goes away', () => {
      const { tray, standbyTray } = trayWithToggle()
      standbyTray.setPresence({ availability: 'online', availabilityCause: 'chosen', idleMinutes: null })
      expect(tray.menu?.item('presence')).toMatchObject({ label: 'Online', enabled: false })
      expect(tray.menu?.item('availability')).toMatchObject({
        label: 'Available for invites',
        type: 'checkbox',
        checked: true,
      })
      tray.clickMenuItem('availability')
      expect(onAvailability).toHaveBeenCalledWith('away')
    })

    it('brings an expert the idle rule or a session set aside back online, saying why they were not', () => {
      const { tray, standbyTray } = trayWithToggle()
      standbyTray.setPresence({ availability: 'away', availabilityCause: 'idle', idleMinutes: 10 })
      expect(tray.menu?.item('presence').label).toBe('Away — idle for 10 min')
      expect(tray.menu?.item('availability').checked).toBe(false)
      tray.clickMenuItem('availability')
      expect(onAvailability).toHaveBeenLastCalledWith('online')

      standbyTray.setPresence({ availability: 'busy', availabilityCause: 'session', idleMinutes: null })
      expect(tray.menu?.item('presence').label).toBe('Busy — in a session')
      // A status change keeps the toggle as it was.
      standbyTray.setStatus('Online · 1 open invite')
      expect(tray.menu?.item('presence').label).toBe('Busy — in a session')
    })

    it('takes a change after the icon was removed without throwing', () => {
      const { standbyTray } = trayWithToggle()
      standbyTray.destroy()
      expect(() =>
        standbyTray.setPresence({ availability: 'away', availabilityCause: 'chosen', idleMinutes: null }),
      ).not.toThrow()
    })
  })
})
