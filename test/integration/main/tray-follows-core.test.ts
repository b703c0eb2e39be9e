// The composition root against the fake Electron and a real platform: the tray's icon, menu and
// badge follow what the core hears, and the menu's invite opens the popover.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { hashPassword } from '../../../server/src/auth'
import { fake, resetFakeElectron, type FakeTray } from '../../support/fake-electron'
import { useTestPlatform } from '../../support/test-platform'

vi.mock('electron', async () => (await import('../../support/fake-electron')).electronModule)

const platform = useTestPlatform()
let userData: string | undefined

beforeAll(async () => {
  platform().server.marketplace.createExpert({
    id: 'exp_tray',
    name: 'Tray Expert',
    email: 'tray@example.test',
    passwordHash: await hashPassword('pw'),
    timeZone: 'Europe/Paris',
  })
})

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(async () => {
  fake.app.quit()
  fake.app.emit('will-quit')
  if (userData !== undefined) rmSync(userData, { recursive: true, force: true })
  userData = undefined
})

/** Whether the tray shows the image of `state`, in whichever family the test's OS uses. */
const showing = (tray: FakeTray, state: string): boolean =>
  typeof tray.image !== 'string' && new RegExp(`tray-${state}(Template)?\\.(png|ico)$`).test(tray.image.path)

describe('the tray of a running Standby', () => {
  it('goes from signed out to online on sign-in, follows its availability toggle, then shows an invite with its count, and opens it', async () => {
    resetFakeElectron()
    userData = mkdtempSync(join(tmpdir(), 'standby-userdata-'))
    fake.paths.userData = userData
    fake.paths.appData = join(userData, 'app-data')
    fake.paths.logs = join(userData, 'logs')
    vi.resetModules()
    await (
      await import('../../../src/main/index')
    ).started
    const tray = fake.trays[0]!
    expect(showing(tray, 'signed-out')).toBe(true)

    const page = { sender: fake.windows[0]!.webContents, frameUrl: 'standby-app://app/' }
    await expect(
      fake.ipcMain.invoke('auth.signIn', page, {
        platformUrl: platform().server.url,
        email: 'tray@example.test',
        password: 'pw',
      }),
    ).resolves.toMatchObject({ ok: true, value: { ok: true } })
    await tray.until((t) => showing(t, 'online'))
    expect(tray.menu?.item('availability').checked).toBe(true)
    expect(fake.app.badgeCount).toBe(0)

    // The toggle shows what the platform has: still online until its word arrives, then away.
    tray.clickMenuItem('availability')
    expect(tray.menu?.item('availability').checked).toBe(true)
    await tray.until((t) => showing(t, 'away'))
    expect(tray.menu?.item('availability').checked).toBe(false)
    tray.clickMenuItem('availability')
    await tray.until((t) => showing(t, 'online'))
    expect(tray.menu?.item('availability').checked).toBe(true)

    platform().inviteDirectly('exp_tray', 'Query plan')
    await tray.until((t) => showing(t, 'invite'))
    expect(fake.app.badgeCount).toBe(1)
    const invite = tray.menu!.template.find((item) => item.id?.startsWith('invite:'))
    expect(invite?.label).toBe('Instant: Query plan')

    const popover = fake.windows[1]!
    expect(popover.visible).toBe(false)
    popover.readyToShow()
    tray.clickMenuItem(invite!.id!)
    expect(popover).toMatchObject({ visible: true, focused: true })
  })
})
