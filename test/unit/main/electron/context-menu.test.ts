/**
 * The right-click menu in the app's windows, against the typed fake of Electron: shown over the
 * window that was clicked, a fix replaces the word in the page, Add to Dictionary reaches the
 * session, and a window closed meanwhile is left alone.
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { offerContextMenu } from '../../../../src/main/electron/context-menu'
import { fake, FakeBrowserWindow, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const FLAGS = {
  canUndo: false,
  canRedo: false,
  canCut: false,
  canCopy: true,
  canPaste: true,
  canSelectAll: true,
  canDelete: false,
  canEditRichly: false,
}

function rightClick(window: FakeBrowserWindow, params: Partial<ContextMenuParams>): void {
  window.contents.rightClick({ editFlags: FLAGS, ...params })
}

const items = (): MenuItemConstructorOptions[] => [...fake.poppedMenus.at(-1)!.menu.template]
const click = (item: MenuItemConstructorOptions | undefined): void =>
  (item?.click as (() => void) | undefined)?.()

beforeEach(() => {
  resetFakeElectron()
})

describe('the right-click menu', () => {
  it('offers a fix that replaces the word in the page, and Add to Dictionary, over the window clicked', () => {
    const window = new FakeBrowserWindow()
    offerContextMenu(window as never, 'win32')
    rightClick(window, { misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'Q&A'] })
    expect(fake.poppedMenus.at(-1)!.window).toBe(window)
    const menu = items()
    expect(menu.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'receive',
      'Q&&A',
      'Add to Dictionary',
      'separator',
      'undo',
      'redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ])
    expect(menu.find((item) => item.role === 'cut')?.enabled).toBe(false)
    click(menu[0])
    expect(window.contents.replaceMisspelling).toHaveBeenCalledWith('receive')
    click(menu[2])
    expect(fake.session.dictionaryWords).toEqual(['recieve'])
  })

  it('shows nothing for a click with nothing to do, and acts on nothing once the window closed', () => {
    const window = new FakeBrowserWindow()
    offerContextMenu(window as never, 'darwin')
    rightClick(window, { isEditable: false })
    expect(fake.poppedMenus).toEqual([])

    rightClick(window, { misspelledWord: 'teh', dictionarySuggestions: ['the'] })
    const fix = items()[0]
    window.close()
    expect(() => click(fix)).not.toThrow()
    expect(window.contents.replaceMisspelling).not.toHaveBeenCalled()
  })
})
