// The fake's login items must differ by OS as Electron's do, or a login-item test proves nothing
// about the OS it names: none on Linux, Run values on Windows, SMAppService on macOS.
import { beforeEach, describe, expect, it } from 'vitest'
import { fake, resetFakeElectron } from './'

beforeEach(resetFakeElectron)

describe('the fake login items', () => {
  it('do nothing on Linux, where Electron has none, and answer its defaults', () => {
    fake.platform = 'linux'
    fake.app.openedAtLogin = true
    fake.app.setLoginItemSettings({ openAtLogin: true })
    expect(fake.app.getLoginItemSettings()).toStrictEqual({
      openAtLogin: false,
      executableWillLaunchAtLogin: false,
      wasOpenedAtLogin: false,
    })
    fake.platform = 'win32'
    fake.app.setLoginItemSettings({ openAtLogin: true })
    expect(fake.app.getLoginItemSettings()).toMatchObject({ openAtLogin: true, wasOpenedAtLogin: false })
  })

  it('answer only the keys each OS has: launch items on Windows, a status on macOS 13 and later', () => {
    fake.platform = 'win32'
    expect(Object.keys(fake.app.getLoginItemSettings()).sort()).toEqual([
      'executableWillLaunchAtLogin',
      'launchItems',
      'openAtLogin',
      'wasOpenedAtLogin',
    ])
    fake.platform = 'darwin'
    expect(Object.keys(fake.app.getLoginItemSettings()).sort()).toEqual([
      'executableWillLaunchAtLogin',
      'openAtLogin',
      'status',
      'wasOpenedAtLogin',
    ])
  })

  it("play a login item the user added on macOS, which removing the app's own removes too", () => {
    fake.platform = 'darwin'
    fake.app.macUserLoginItem = true
    expect(fake.app.getLoginItemSettings().openAtLogin).toBe(true)
    fake.app.setLoginItemSettings({ openAtLogin: false })
    expect(fake.app.getLoginItemSettings().openAtLogin).toBe(false)
  })

  it('play an entry the user turned off in Windows’ startup apps, which writing it again turns back on', () => {
    fake.platform = 'win32'
    fake.app.setLoginItemSettings({ openAtLogin: true })
    fake.app.windowsStartupTurnedOff = true
    expect(fake.app.getLoginItemSettings()).toMatchObject({
      openAtLogin: true,
      executableWillLaunchAtLogin: false,
    })
    fake.app.setLoginItemSettings({ openAtLogin: true })
    expect(fake.app.getLoginItemSettings().executableWillLaunchAtLogin).toBe(true)
  })

  it('report a Windows entry only for the path and arguments it was set with, as Electron does', () => {
    fake.platform = 'win32'
    const entry = { path: 'C:\\S\\Standby.exe', args: ['--hidden'] }
    fake.app.setLoginItemSettings({ openAtLogin: true, ...entry })
    expect(fake.app.getLoginItemSettings(entry)).toMatchObject({
      openAtLogin: true,
      executableWillLaunchAtLogin: true,
    })
    // The executable alone (any arguments, any case) still launches; the command differs.
    expect(fake.app.getLoginItemSettings({ path: 'c:\\s\\standby.exe' })).toMatchObject({
      openAtLogin: false,
      executableWillLaunchAtLogin: true,
    })
    expect(fake.app.getLoginItemSettings()).toMatchObject({
      openAtLogin: false,
      executableWillLaunchAtLogin: false,
    })
  })

  it('list every Windows Run entry of the executable, keeping one written with enabled: false off', () => {
    fake.platform = 'win32'
    const path = 'C:\\S\\Standby.exe'
    fake.app.windowsRun.set('electron.app.Standby', { path, args: [], enabled: false })
    expect(fake.app.getLoginItemSettings({ path, args: ['--hidden'] })).toMatchObject({
      openAtLogin: false,
      executableWillLaunchAtLogin: false,
      launchItems: [{ name: 'electron.app.Standby', path, args: [], scope: 'user', enabled: false }],
    })
    fake.app.setLoginItemSettings({ openAtLogin: true, path, args: ['--hidden'], enabled: false })
    expect(fake.app.getLoginItemSettings({ path, args: ['--hidden'] })).toMatchObject({
      openAtLogin: true,
      executableWillLaunchAtLogin: false,
    })
  })

  it('read a Windows StartupApproved value as browser_win.cc does: only 00 and 02 on, 06 off though Windows runs it', () => {
    fake.platform = 'win32'
    const path = 'C:\\S\\Standby.exe'
    const approved = (first: number): ReadonlyArray<number> => [first, ...new Array<number>(11).fill(0)]
    const enabled = (first: number): boolean | undefined => {
      fake.app.windowsRun.set('electron.app.Standby', {
        path,
        args: [],
        enabled: true,
        approved: approved(first),
      })
      return fake.app.getLoginItemSettings({ path }).launchItems[0]?.enabled
    }
    expect([0, 2, 3, 6, 7].map(enabled)).toEqual([true, true, false, false, false])
    // Windows runs an even one.
    fake.app.windowsRun.get('electron.app.Standby')!.approved = approved(6)
    expect(fake.app.windowsStartupTurnedOff).toBe(false)
    expect(fake.app.startupApprovedValue('electron.app.Standby')).toEqual(Uint8Array.from(approved(6)))
  })

  it('show "Login Item Added" on macOS at each registration of an item not enabled, a first one too', () => {
    fake.platform = 'darwin'
    fake.app.setLoginItemSettings({ openAtLogin: true })
    fake.app.setLoginItemSettings({ openAtLogin: true })
    expect(fake.app.macLoginItemNotices).toBe(1)
    fake.app.macLoginItemStatus = 'requires-approval'
    fake.app.setLoginItemSettings({ openAtLogin: true })
    expect(fake.app.macLoginItemNotices).toBe(2)
  })

  it('play a macOS 13 login item that opens the app at login only once enabled', () => {
    fake.platform = 'darwin'
    fake.app.setLoginItemSettings({ openAtLogin: true })
    for (const status of ['requires-approval', 'not-found'] as const) {
      fake.app.macLoginItemStatus = status
      expect(fake.app.getLoginItemSettings()).toMatchObject({ openAtLogin: false, status })
    }
    fake.app.macLoginItemStatus = 'enabled'
    expect(fake.app.getLoginItemSettings()).toMatchObject({ openAtLogin: true, status: 'enabled' })
  })

  it('read a Windows Run value’s arguments back as Windows parses its command line, quotes taken off', () => {
    fake.platform = 'win32'
    const args = ['"--user-data-dir=C:\\My Work\\\\"', '"say \\"hi\\""', '--hidden']
    const path = '"C:\\Program Files\\Standby\\Standby.exe"'
    fake.app.setLoginItemSettings({ openAtLogin: true, path, args })
    const [item] = fake.app.getLoginItemSettings({ path, args }).launchItems
    expect(item!.path).toBe('C:\\Program Files\\Standby\\Standby.exe')
    expect(item!.args).toEqual(['--user-data-dir=C:\\My Work\\', 'say "hi"', '--hidden'])
    expect(fake.app.getLoginItemSettings({ path, args }).openAtLogin).toBe(true)
  })

  it('read a Run value whose path has a space unquoted as Windows does: the program ends at the space', () => {
    fake.platform = 'win32'
    const path = 'C:\\Program Files\\Standby\\Standby.exe'
    fake.app.setLoginItemSettings({ openAtLogin: true, path, args: ['--hidden'] })
    expect(fake.app.getLoginItemSettings({ path: `"${path}"` }).launchItems).toEqual([])
    const [item] = fake.app.getLoginItemSettings({ path }).launchItems
    expect(item).toMatchObject({ path: 'C:\\Program', args: ['Files\\Standby\\Standby.exe', '--hidden'] })
  })
})
