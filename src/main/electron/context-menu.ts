/**
 * The right-click menu of the app's windows, from contextMenuPlan: the spell checker's fixes, then
 * the editing commands, each carried out by Electron's own menu roles.
 */
import { Menu, type BrowserWindow, type ContextMenuParams, type MenuItemConstructorOptions } from 'electron'
import { assertNever } from '../../shared/assert-never'
import { contextMenuPlan, type ContextMenuEntry } from '../core/context-menu-plan'
import { menuText } from './menu-text'

/** Offers the menu on every right-click in `window`'s page. */
export function offerContextMenu(window: BrowserWindow, platform: NodeJS.Platform = process.platform): void {
  const contents = window.webContents
  contents.on('context-menu', (_event, params: ContextMenuParams) => {
    // The window may have closed while the click travelled from its page.
    if (window.isDestroyed()) return
    const plan = contextMenuPlan(params)
    if (plan.length === 0) return
    const items = plan.map((entry) => menuItem(entry, window, platform))
    Menu.buildFromTemplate(items).popup({ window })
  })
}

function menuItem(
  entry: ContextMenuEntry,
  window: BrowserWindow,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions {
  switch (entry.kind) {
    case 'fix':
      return {
        label: menuText(entry.word, platform),
        click: () => {
          if (!window.isDestroyed()) window.webContents.replaceMisspelling(entry.word)
        },
      }
    case 'no-fixes':
      return { label: 'No spelling suggestions', enabled: false }
    case 'learn':
      return {
        label: 'Add to Dictionary',
        click: () => {
          if (!window.isDestroyed()) window.webContents.session.addWordToSpellCheckerDictionary(entry.word)
        },
      }
    case 'edit':
      return { role: entry.role, enabled: entry.enabled }
    case 'separator':
      return { type: 'separator' }
    default:
      return assertNever(entry)
  }
}
