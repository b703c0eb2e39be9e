import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'
import { createAppWindow } from '../../../../src/main/electron/app-window'
import { secureEveryWebContents } from '../../../../src/main/electron/web-contents-security'
import { fake, FakeWebContents, resetFakeElectron } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

let log: ReturnType<typeof recordingLog>

beforeEach(() => {
  resetFakeElectron()
  log = recordingLog()
  secureEveryWebContents(fake.app, {
    isAppUrl: createAppOrigin({}).isAppUrl,
    openExternal: fake.shell.openExternal,
    log,
  })
})

describe('every web contents', () => {
  it('is guarded when created later by something else than our windows: no navigating away, no new window', () => {
    const later = new FakeWebContents()
    expect(later.navigate('https://evil.example/phish')).toBe(true)
    expect(later.navigateFrame('https://evil.example/frame', { isMainFrame: false })).toBe(true)
    expect(later.redirect('file:///etc/passwd')).toBe(true)
    expect(later.navigate('standby-app://app/#/sessions')).toBe(false)
    expect(later.openWindow('https://example.com/help')).toEqual({ action: 'deny' })
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.com/help')
  })

  it('logs each refusal with a short, escaped excerpt of the address the page chose, however long', () => {
    const contents = new FakeWebContents()
    const address = `https://evil.example/\n[error] forged\u202e${'a'.repeat(1_000_000)}`
    contents.navigate(address)
    contents.navigateFrame(address, { isMainFrame: false })
    contents.redirect(address)
    contents.openWindow(`javascript:${address}`)
    contents.attachWebview(address)
    expect(log.lines).toHaveLength(5)
    for (const line of log.lines) {
      expect(line.length).toBeLessThan(300)
      expect(line).not.toMatch(/[\n\u202e]/)
    }
  })

  it('may attach no webview, whatever it shows', () => {
    const contents = new FakeWebContents()
    expect(contents.attachWebview('https://evil.example/')).toBe(true)
    expect(contents.attachWebview('standby-app://app/')).toBe(true)
    expect(log.lines.join('\n')).toMatch(/Blocked a webview for "https:\/\/evil\.example\/"/)
  })

  it('gets no Bluetooth device, which Electron would otherwise pick for it', async () => {
    const contents = new FakeWebContents()
    expect(await contents.chooseBluetoothDevice()).toBeUndefined()
    expect(log.text()).toMatch(/Refused a page access to a Bluetooth device/)
  })

  it('cannot keep its window open with a beforeunload handler: the close, and a quit, go ahead', () => {
    createAppWindow(
      { preloadPath: '/p.cjs', origin: createAppOrigin({}), openExternal: fake.shell.openExternal, log },
      {},
    )
    const window = fake.windows.at(-1)!
    window.contents.refusesUnload = true
    fake.app.quit()
    expect(window.isDestroyed()).toBe(true)
    expect(fake.app.quitDone).toBe(true)
    expect(log.text()).toMatch(/kept its window from closing/)
  })

  it('is guarded once in a window of ours, which also turns the webview tag off', () => {
    createAppWindow(
      { preloadPath: '/p.cjs', origin: createAppOrigin({}), openExternal: fake.shell.openExternal, log },
      {},
    )
    expect(fake.windows.at(-1)?.options.webPreferences).toMatchObject({ webviewTag: false })
    expect(fake.windows.at(-1)?.contents.navigate('https://evil.example/')).toBe(true)
    // One line per refusal: the window's own guard did not add a second set of listeners.
    expect(log.lines.filter((line) => line.includes('evil.example'))).toHaveLength(1)
  })
})
