// The fake tray must hear the pointer as Electron's tray does on each OS, or a tray test proves
// nothing about the OS it names: which clicks reach the app, which open the menu instead. Its
// menus are built as Electron builds them.
import { beforeEach, describe, expect, it } from 'vitest'
import { fake, FakeMenu, FakeTray, resetFakeElectron } from './'

beforeEach(resetFakeElectron)

/** A tray on `platform` with a one-item menu, and the events the app would hear from it. */
function trayOn(platform: NodeJS.Platform, withMenu = true) {
  fake.platform = platform
  const tray = new FakeTray('/res/tray-online.png')
  if (withMenu) tray.setContextMenu(new FakeMenu([{ id: 'open', label: 'Open' }]))
  const heard: string[] = []
  for (const name of ['click', 'right-click', 'double-click']) tray.on(name, () => heard.push(name))
  return { tray, heard }
}

describe('the fake tray’s pointer', () => {
  it('on Windows pops the menu up on a right click without a word, and tells one without a menu', () => {
    const { tray, heard } = trayOn('win32')
    tray.rightClickIcon()
    expect([heard, tray.menuShownByClick]).toEqual([[], true])
    const bare = trayOn('win32', false)
    bare.tray.rightClickIcon()
    expect(bare.heard).toEqual(['right-click'])
  })

  it('tells a double-click as a click and then a double-click on macOS and Windows, as two clicks on Linux', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { tray, heard } = trayOn(platform)
      tray.doubleClickIcon()
      expect(heard).toEqual(['click', 'double-click'])
    }
    const linux = trayOn('linux')
    linux.tray.doubleClickIcon()
    expect(linux.heard).toEqual(['click', 'click'])
    // GNOME's AppIndicator extension: the menu on the first press, the activation on the double-click.
    fake.trayReportsClicks = false
    const gnome = trayOn('linux')
    gnome.tray.doubleClickIcon()
    expect([gnome.heard, gnome.tray.menuShownByClick]).toEqual([['click'], true])
  })

  it('on macOS opens the menu on a click and tells the click too; on Linux a right click reaches no app', () => {
    const mac = trayOn('darwin')
    mac.tray.clickIcon()
    expect([mac.heard, mac.tray.menuShownByClick]).toEqual([['click'], true])
    const linux = trayOn('linux')
    linux.tray.rightClickIcon()
    expect([linux.heard, linux.tray.menuShownByClick]).toEqual([[], true])
  })

  it('shows a title on macOS alone and a balloon on Windows alone, and refuses both once destroyed', () => {
    const { tray } = trayOn('darwin')
    tray.setTitle('3')
    expect(tray.getTitle()).toBe('3')
    expect(() => tray.setTitle('3', { fontType: 'serif' })).toThrow(TypeError)
    tray.displayBalloon({ title: 'Standby', content: 'Still running' })
    expect(tray.balloons).toEqual([])
    fake.platform = 'win32'
    expect(tray.getTitle()).toBe('')
    tray.displayBalloon({ title: 'Standby', content: 'Still running' })
    expect(tray.balloons).toEqual([{ title: 'Standby', content: 'Still running' }])
    expect(() => tray.displayBalloon({ title: 'Standby' })).toThrow("'title' and 'content' must be defined")
    tray.destroy()
    expect(() => tray.setTitle('4')).toThrow('Tray is destroyed')
    expect(() => tray.displayBalloon({ title: 'a', content: 'b' })).toThrow('Tray is destroyed')
  })

  it('builds menus as Electron does: separators folded and none at either end, bad items refused', () => {
    const menu = FakeMenu.buildFromTemplate([
      { type: 'separator' },
      { id: 'a', label: 'A' },
      { type: 'separator' },
      { type: 'separator' },
      { id: 'b', label: 'B' },
      { type: 'separator' },
    ])
    expect(menu.template.map((item) => item.id ?? item.type)).toEqual(['a', 'separator', 'b'])
    expect(() => FakeMenu.buildFromTemplate([{ id: 'nameless' }])).toThrow(
      'must have at least one of label, role or type',
    )
  })
})

describe('the fake tray’s menu', () => {
  it('takes a Menu or null, as Electron does, and refuses a template or anything else', () => {
    const { tray } = trayOn('darwin')
    tray.setContextMenu(null)
    expect(tray.menu).toBeUndefined()
    const template = [{ id: 'open', label: 'Open' }]
    expect(() => tray.setContextMenu(template as unknown as FakeMenu)).toThrow(
      new TypeError('Must pass Menu or null'),
    )
    tray.destroy()
    expect(() => tray.setContextMenu(null)).toThrow('Tray is destroyed')
  })
})
