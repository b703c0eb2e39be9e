// The fake's windows, their web contents and IPC must fail where Electron's do (a destroyed
// window or web contents throws), or the tests that use them prove nothing.
import { beforeEach, describe, expect, it } from 'vitest'
import { endWindowsSession, fake, FakeBrowserWindow, FakeWebContents, resetFakeElectron, toldSoon } from './'

beforeEach(resetFakeElectron)
describe('the fake BrowserWindow', () => {
  it('is destroyed by close() unless a close listener prevents it', () => {
    const kept = new FakeBrowserWindow()
    kept.on('close', (event: Electron.Event) => event.preventDefault())
    kept.close()
    expect(kept.isDestroyed()).toBe(false)
    const closed = new FakeBrowserWindow()
    let told = false
    closed.on('closed', () => (told = true))
    closed.close()
    expect(closed.isDestroyed()).toBe(true)
    expect(told).toBe(true)
  })

  it('with pendingCloses, stays alive after close() until finishClose(), as Electron’s closes do', () => {
    fake.pendingCloses = true
    const window = new FakeBrowserWindow()
    const heard: string[] = []
    for (const event of ['close', 'closed'] as const) window.on(event, () => heard.push(event))
    window.close()
    window.close()
    expect([window.isDestroyed(), window.closing, heard]).toEqual([false, true, ['close']])
    window.finishClose()
    expect([window.isDestroyed(), heard]).toEqual([true, ['close', 'closed']])
  })

  it('once destroyed, throws "Object has been destroyed" on every call but isDestroyed and destroy', () => {
    const window = new FakeBrowserWindow()
    const contents = window.webContents
    window.destroy()
    for (const use of [
      () => window.show(),
      () => window.hide(),
      () => window.isVisible(),
      () => window.close(),
      () => window.setPosition(1, 1),
      () => window.webContents,
      () => contents.send('app.statusChanged', {}),
    ]) {
      expect(use).toThrow(new TypeError('Object has been destroyed'))
    }
    expect(window.isDestroyed()).toBe(true)
    expect(contents.isDestroyed()).toBe(true)
    expect(() => window.destroy()).not.toThrow()
  })

  it('hears a Windows session end, with its reasons, on Windows only, and is not closed by it', () => {
    const window = new FakeBrowserWindow()
    const heard: string[] = []
    window.on('session-end', (event: { reasons: string[] }) => heard.push(...event.reasons))
    for (const event of ['close', 'closed']) window.on(event, () => heard.push(event))
    expect(() => endWindowsSession()).toThrow(/on Windows only/)
    fake.platform = 'win32'
    endWindowsSession(['shutdown'])
    expect([heard, window.isDestroyed()]).toEqual([['shutdown'], false])
  })
})

describe('the fake BrowserWindow’s position', () => {
  it('takes whole numbers only, as Electron converts them to int', () => {
    const window = new FakeBrowserWindow()
    expect(() => window.setPosition(10.5, 0)).toThrow(/index 0, conversion failure from 10.5/)
    expect(() => window.setPosition(0, Number.NaN)).toThrow(/index 1/)
    window.setPosition(-20, 30)
    expect(window.position).toEqual([-20, 30])
  })
})

describe('the fake BrowserWindow’s focus', () => {
  it("tells 'focus' and 'blur' after the call that moved the focus, as Electron posts them, and none for a window closed meanwhile", async () => {
    const window = new FakeBrowserWindow()
    const told: string[] = []
    window.on('focus', () => told.push('focus'))
    window.on('blur', () => told.push('blur'))
    fake.app.on('browser-window-focus', (_event, of) =>
      told.push(of === window ? 'app: focus' : 'app: other'),
    )
    window.focus()
    expect([told, window.isFocused()]).toEqual([[], true])
    window.blur()
    await toldSoon()
    expect(told).toEqual(['app: focus', 'focus', 'blur'])
    window.focus()
    window.close()
    await toldSoon()
    expect(told).toEqual(['app: focus', 'focus', 'blur'])
  })

  it("tells no 'blur' to a window that did not have the focus, as a click elsewhere changes nothing for it in Electron", async () => {
    const window = new FakeBrowserWindow()
    const told: string[] = []
    window.on('blur', () => told.push('blur'))
    fake.app.on('browser-window-blur', () => told.push('app: blur'))
    window.showInactive()
    window.blur()
    await toldSoon()
    expect(told).toEqual([])
    window.focus()
    window.blur()
    window.blur()
    await toldSoon()
    expect(told).toEqual(['app: blur', 'blur'])
  })

  it("moves the focus: the window that had it loses it, with its 'blur' told, as the platform has one active window", async () => {
    const [first, second] = [new FakeBrowserWindow(), new FakeBrowserWindow()]
    const told: string[] = []
    first.on('blur', () => told.push('first: blur'))
    first.focus()
    second.focus()
    await toldSoon()
    expect([told, first.isFocused(), FakeBrowserWindow.getFocusedWindow()]).toEqual([
      ['first: blur'],
      false,
      second,
    ])
  })

  it("tells 'blur' to the focused window that is hidden or minimized, as the platform takes its focus", async () => {
    const [hidden, minimized] = [new FakeBrowserWindow(), new FakeBrowserWindow()]
    const told: string[] = []
    hidden.on('blur', () => told.push('hidden: blur'))
    minimized.on('blur', () => told.push('minimized: blur'))
    hidden.focus()
    hidden.hide()
    minimized.focus()
    minimized.minimize()
    await toldSoon()
    expect([told, FakeBrowserWindow.getFocusedWindow()]).toEqual([['hidden: blur', 'minimized: blur'], null])
  })

  it('names the focused window, and none once it lost the focus or was destroyed', () => {
    const window = new FakeBrowserWindow()
    expect(FakeBrowserWindow.getFocusedWindow()).toBeNull()
    window.focus()
    expect(FakeBrowserWindow.getFocusedWindow()).toBe(window)
    window.destroy()
    expect(FakeBrowserWindow.getFocusedWindow()).toBeNull()
  })
})

describe('the fake WebContents', () => {
  it('asks will-frame-navigate first, and will-navigate only for a main-frame navigation it let through', () => {
    const contents = new FakeBrowserWindow().webContents
    const asked: string[] = []
    contents.on('will-frame-navigate', (event: Electron.Event<{ url: string }>) => {
      asked.push('frame')
      if (event.url.includes('blocked')) event.preventDefault()
    })
    contents.on('will-navigate', () => asked.push('main'))
    expect(contents.navigate('https://example.com/blocked')).toBe(true)
    expect(contents.navigate('https://example.com/fine')).toBe(false)
    expect(contents.navigateFrame('https://example.com/sub', { isMainFrame: false })).toBe(false)
    expect(asked).toEqual(['frame', 'frame', 'main', 'frame'])
  })
})

describe('the fake WebContents’ renderer', () => {
  it('can be lost, leaving the contents alive and sends dropped, until a reload starts a new one', () => {
    const contents = new FakeBrowserWindow().webContents
    const gone: unknown[] = []
    contents.on('render-process-gone', (_event, details) => gone.push(details))
    contents.renderProcessGone('oom')
    expect([contents.isDestroyed(), contents.isCrashed(), gone]).toEqual([
      false,
      true,
      [{ reason: 'oom', exitCode: 1 }],
    ])
    expect(() => contents.send('cache.changed', {})).not.toThrow()
    contents.reload()
    expect(contents.isCrashed()).toBe(false)
  })

  it('can hang and answer again, or be ended while it hangs, which loses it as a kill does, once it is gone', async () => {
    const contents = new FakeBrowserWindow().webContents
    const heard: string[] = []
    for (const event of ['unresponsive', 'responsive'] as const) contents.on(event, () => heard.push(event))
    contents.on('render-process-gone', (_event, details: { reason: string }) => heard.push(details.reason))
    contents.hang()
    contents.answerAgain()
    contents.hang()
    contents.forcefullyCrashRenderer()
    expect(heard).toEqual(['unresponsive', 'responsive', 'unresponsive'])
    await Promise.resolve()
    expect(heard).toEqual(['unresponsive', 'responsive', 'unresponsive', 'killed'])
    expect(contents.isCrashed()).toBe(true)
  })
})

describe('the fake IPC', () => {
  it('fails a call or a push carrying what structured clone cannot copy, as Electron does', async () => {
    const contents = new FakeWebContents()
    expect(() => contents.send('cache.changed', { later: () => 1 })).toThrow()
    fake.ipcMain.handle('app.getInfo', () => ({ answer: () => 1 }))
    await expect(fake.ipcMain.invoke('app.getInfo', { sender: contents, frameUrl: null })).rejects.toThrow()
  })

  it('tells the app of every web contents as it is created', () => {
    const created: unknown[] = []
    fake.app.on('web-contents-created', (_event, contents) => created.push(contents))
    const window = new FakeBrowserWindow()
    expect(created).toEqual([window.webContents])
  })
})
