// The composition root, booted against the fake Electron: the pieces are tested on their own
// elsewhere; this checks they are wired to each other the way a user would notice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openCache } from '../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../src/main/db/sqlite-cache-store'
import { consoleLogger } from '../../../src/main/node/log'
import { fake as fakeState, FakeWebContents, resetFakeElectron } from '../../support/fake-electron'
import { aSession, aSnapshot, anInvite } from '../../support/fixtures'

vi.mock('electron', async () => (await import('../../support/fake-electron')).electronModule)

/** Starts the app from scratch, as launching the executable would. */
let userData: string | undefined

async function launch(before?: (fake: typeof fakeState) => void): Promise<typeof fakeState> {
  resetFakeElectron()
  userData = mkdtempSync(join(tmpdir(), 'standby-userdata-'))
  fakeState.paths.userData = userData
  before?.(fakeState)
  vi.resetModules()
  const { started } = await import('../../../src/main/index')
  await started
  expect(fakeState.app.exit).not.toHaveBeenCalled()
  return fakeState
}

afterEach(() => {
  if (userData !== undefined) rmSync(userData, { recursive: true, force: true })
  userData = undefined
})

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

describe('launching Standby', () => {
  it('as a second copy: quits without opening a window or a tray icon', async () => {
    const fake = await launch((f) => {
      f.app.lockAvailable = false
    })
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.windows).toHaveLength(0)
    expect(fake.trays).toHaveLength(0)
  })

  it('as the first copy: a locked-down window and popover, a tray icon, and session security', async () => {
    const fake = await launch()
    expect(fake.windows).toHaveLength(2)
    for (const window of fake.windows) {
      expect(window.options.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
      })
    }
    expect(fake.trays).toHaveLength(1)
    expect(fake.trays[0]?.menu?.item('status').label).toMatch(/Signed out/)
    const { responseHeaders } = fake.session.receiveResponse('http://localhost/', {})
    expect(responseHeaders).toHaveProperty('Content-Security-Policy')
  })

  it('loads its pages from its own scheme, declared before the app is ready and served with the policy', async () => {
    const fake = await launch()
    const [declared] = fake.protocol.registerSchemesAsPrivileged.mock.calls[0]!
    expect(declared).toEqual([
      {
        scheme: 'standby-app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ])
    expect(fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      fake.app.whenReady.mock.invocationCallOrder[0]!,
    )
    expect(fake.windows[0]!.loaded).toEqual({ url: 'standby-app://app/' })
    const page = await fake.protocol.request('standby-app://app/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await page.text()).toContain('<div id="root">')
    expect((await fake.protocol.request('standby-app://app/../../main/index.ts')).status).toBe(404)
  })

  it('focuses the existing window when a second copy is started', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.close()
    expect(window.visible).toBe(false)
    fake.app.secondInstance()
    expect(window).toMatchObject({ visible: true, focused: true, destroyed: false })
  })

  it('hides the window on close, and Open in the tray brings it back', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.readyToShow()
    window.close()
    expect(window).toMatchObject({ visible: false, destroyed: false })
    expect(fake.app.quit).not.toHaveBeenCalled()
    fake.trays[0]!.clickMenuItem('open')
    expect(window).toMatchObject({ visible: true, focused: true })
  })

  it('opens the popover next to the tray icon on a click, and puts it away when it loses focus', async () => {
    const fake = await launch()
    const popover = fake.windows[1]!
    expect(popover.loaded).toEqual({ url: 'standby-app://app/?view=popover' })
    expect(popover.visible).toBe(false)
    fake.trays[0]!.clickIcon()
    expect(popover).toMatchObject({ visible: true, focused: true })
    // Centred under the icon (x 1000..1024), just below the menu bar.
    expect(popover.position).toEqual([832, 28])
    popover.blur()
    expect(popover.visible).toBe(false)
  })

  it('brings the full window forward from the popover’s Open Standby', async () => {
    const fake = await launch()
    const [window, popover] = [fake.windows[0]!, fake.windows[1]!]
    window.close()
    fake.trays[0]!.clickIcon()
    const page = 'standby-app://app/?view=popover'
    await fake.ipcMain.invoke('app.showWindow', { sender: popover.webContents, frameUrl: page })
    expect(window).toMatchObject({ visible: true, focused: true })
    expect(popover.visible).toBe(false)
  })

  it('shows a new popover on a tray click after the popover was closed (Alt+F4, Cmd+W)', async () => {
    const fake = await launch()
    const closed = fake.windows[1]!
    closed.close()
    expect(closed.destroyed).toBe(true)
    fake.trays[0]!.clickIcon()
    const popover = fake.windows.at(-1)!
    expect(popover).not.toBe(closed)
    expect(popover.loaded).toEqual({ url: 'standby-app://app/?view=popover' })
    expect(popover).toMatchObject({ visible: true, focused: true, destroyed: false })
    expect(popover.position).toEqual([832, 28])
  })

  it('still brings the window forward from Open, a second launch and the Dock once the popover was closed', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    fake.windows[1]!.close()
    const ways: ReadonlyArray<() => void> = [
      () => fake.trays[0]!.clickMenuItem('open'),
      () => fake.app.secondInstance(),
      () => fake.app.emit('activate'),
    ]
    for (const open of ways) {
      window.close()
      expect(window.visible).toBe(false)
      open()
      expect(window).toMatchObject({ visible: true, focused: true, destroyed: false })
    }
  })

  it('answers the new popover’s page, and no longer the closed one’s', async () => {
    const fake = await launch()
    const closed = fake.windows[1]!
    closed.close()
    fake.trays[0]!.clickIcon()
    const popover = fake.windows.at(-1)!
    const page = 'standby-app://app/?view=popover'
    await expect(
      fake.ipcMain.invoke('connection.getState', { sender: popover.webContents, frameUrl: page }),
    ).resolves.toMatchObject({ ok: true })
    await expect(
      fake.ipcMain.invoke('connection.getState', { sender: closed.contents, frameUrl: page }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
  })

  it('opens a new window when the OS closed the last one at session end', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.emit('session-end')
    window.close()
    expect(window.destroyed).toBe(true)
    fake.trays[0]!.clickMenuItem('open')
    const reopened = fake.windows.at(-1)!
    expect(reopened).not.toBe(window)
    expect(reopened.loaded).toEqual({ url: 'standby-app://app/' })
    expect(reopened).toMatchObject({ visible: true, focused: true })
  })

  it('stays in the tray when the popover is closed after the OS closed the window', async () => {
    const fake = await launch()
    const [window, popover] = [fake.windows[0]!, fake.windows[1]!]
    window.emit('session-end')
    window.close()
    popover.close()
    expect(fake.app.quit).not.toHaveBeenCalled()
    fake.trays[0]!.clickIcon()
    expect(fake.windows.at(-1)).toMatchObject({ visible: true, destroyed: false })
  })

  it('answers the popover page too', async () => {
    const fake = await launch()
    const page = 'standby-app://app/?view=popover'
    await expect(
      fake.ipcMain.invoke('connection.getState', { sender: fake.windows[1]!.webContents, frameUrl: page }),
    ).resolves.toMatchObject({ ok: true, value: { status: 'signed_out' } })
  })

  it('quits from the tray, really closing the window', async () => {
    const fake = await launch()
    fake.trays[0]!.clickMenuItem('quit')
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.windows[0]!.destroyed).toBe(true)
  })

  it('answers app.getInfo from its own window and refuses another one', async () => {
    const fake = await launch()
    const { webContents } = fake.windows[0]!
    // In tests the renderer directory is src/renderer, next to src/main/index.ts.
    const page = 'standby-app://app/'
    await expect(
      fake.ipcMain.invoke('app.getInfo', { sender: webContents, frameUrl: page }),
    ).resolves.toMatchObject({
      ok: true,
      value: { version: '1.2.3' },
    })
    const stranger = new FakeWebContents()
    await expect(
      fake.ipcMain.invoke('app.getInfo', { sender: stranger, frameUrl: page }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    })
  })
})

describe('deep links', () => {
  const showItem = (window: { contents: FakeWebContents }) => window.contents.sentOf('app.showItem')
  /** What the window's page takes when it starts: the ask it may have missed while loading. */
  const take = async (window: { contents: FakeWebContents }) =>
    fakeState.ipcMain.invoke('app.takeShowItem', { sender: window.contents, frameUrl: 'standby-app://app/' })
  /** The cache of an expert signed in before, with one open invite and one booked session. */
  const signedIn = (fake: typeof fakeState): void => {
    const opened = openCache({ path: join(fake.paths.userData!, 'cache.db') })
    new SqliteCacheStore(opened.db, consoleLogger).applySnapshot(
      aSnapshot({ openInvites: [anInvite({ id: 'inv_open' })], sessions: [aSession({ id: 'ses_1' })] }),
    )
    opened.close()
  }

  it('makes Standby the handler of standby:// links', async () => {
    const fake = await launch()
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('standby')
  })

  it('brings the window forward on the invite a second launch names, and says it is no longer open', async () => {
    const fake = await launch(signedIn)
    const window = fake.windows[0]!
    window.close()
    fake.app.secondInstance([
      'C:\\Standby\\Standby.exe',
      '--allow-file-access-from-files',
      'standby://invite/inv_gone',
    ])
    expect(window).toMatchObject({ visible: true, focused: true })
    const item = { kind: 'invite', id: 'inv_gone', open: false, request: 1 }
    expect(showItem(window)).toEqual([item])
    expect(showItem(fake.windows[1]!)).toEqual([])
    // A page still loading missed the push: it takes the ask when it starts, once.
    await expect(take(window)).resolves.toEqual({ ok: true, value: item })
    await expect(take(window)).resolves.toEqual({ ok: true, value: null })
  })

  it('shows an open invite as open, numbering each ask', async () => {
    const fake = await launch(signedIn)
    const window = fake.windows[0]!
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open'])
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open'])
    expect(showItem(window)).toEqual([
      { kind: 'invite', id: 'inv_open', open: true, request: 1 },
      { kind: 'invite', id: 'inv_open', open: true, request: 2 },
    ])
  })

  it('does nothing but log a line for a link it refuses', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.close()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/../session/x'])
    fake.app.openUrl('javascript:alert(1)')
    expect(window.visible).toBe(false)
    expect(showItem(window)).toEqual([])
    const warnings = vi.mocked(console.warn).mock.calls.map(([line]) => String(line))
    expect(warnings.filter((line) => line.includes('Ignored a link'))).toHaveLength(2)
  })

  it('opens the link macOS sends before the app is ready, once the window exists', async () => {
    resetFakeElectron()
    userData = mkdtempSync(join(tmpdir(), 'standby-userdata-'))
    fakeState.paths.userData = userData
    signedIn(fakeState)
    const ready = fakeState.app.holdReady()
    vi.resetModules()
    const { started } = await import('../../../src/main/index')
    expect(fakeState.app.openUrl('standby://invite/inv_early')).toBe(true)
    expect(fakeState.windows).toHaveLength(0)
    ready()
    await started
    const window = fakeState.windows[0]!
    expect(window).toMatchObject({ visible: true, focused: true })
    await expect(take(window)).resolves.toMatchObject({
      value: { kind: 'invite', id: 'inv_early', open: false },
    })
  })

  it('signed out, shows the sign-in form and tells the page nothing', async () => {
    const fake = await launch()
    const window = fake.windows[0]!
    window.close()
    fake.app.secondInstance(['/opt/Standby/standby', 'standby://invite/inv_open'])
    expect(window).toMatchObject({ visible: true, focused: true })
    expect(showItem(window)).toEqual([])
    await expect(take(window)).resolves.toEqual({ ok: true, value: null })
  })

  it('opens the link it was started with (Windows and Linux)', async () => {
    const argv = process.argv
    process.argv = ['/opt/Standby/standby', 'standby://session/ses_cold']
    try {
      const fake = await launch(signedIn)
      await expect(take(fake.windows[0]!)).resolves.toMatchObject({
        value: { kind: 'session', id: 'ses_cold', open: false },
      })
    } finally {
      process.argv = argv
    }
  })
})
