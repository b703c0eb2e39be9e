import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { setAppMenu } from '../../../../src/main/electron/app-menu'
import { fake, FakeMenu, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(() => resetFakeElectron())

/** Every role in a menu, its submenus' too. */
function roles(items: ReadonlyArray<MenuItemConstructorOptions>): string[] {
  return items.flatMap((item) => [
    ...(item.role === undefined ? [] : [item.role]),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])
}

describe('the application menu', () => {
  it('keeps Electron’s default menu, developer tools and all, in a development build', () => {
    setAppMenu(false, 'darwin')
    expect(fake.applicationMenu).toBe('default')
  })

  it('on macOS, packaged: the app menu with Quit, File, Edit for copy and paste, Window, and nothing that reloads or opens developer tools', () => {
    setAppMenu(true, 'darwin')
    const menu = fake.applicationMenu
    if (!(menu instanceof FakeMenu)) throw new Error('no menu of our own was set')
    expect(roles(menu.template)).toEqual(['appMenu', 'fileMenu', 'editMenu', 'windowMenu'])
  })

  it.each(['win32', 'linux'] as const)(
    'on %s, packaged: no menu at all, so no Alt-shown View menu',
    (platform) => {
      setAppMenu(true, platform)
      expect(fake.applicationMenu).toBeNull()
    },
  )
})
