/**
 * The right-click menu of the app's windows, from contextMenuPlan: the spell checker's fixes, then
 * the editing commands, each carried out by Electron's own menu roles.
 */
import { Menu, type BrowserWindow, type ContextMenuParams, type MenuItemConstructorOptions } from 'electron'
import { assertNever } from '../../shared/assert-never'
import { contextMenuPlan, type ContextMenuEntry } from '../core/context-menu-plan'
import { menuText } from './menu-text'

/** Windows with the menu showing over them. */
const showingOver = new WeakSet<BrowserWindow>()
/** Who hears that the menu over a window went away, by window. */
const closedListeners = new WeakMap<BrowserWindow, () => void>()

/**
 * Whether the menu is showing over `window`. Some systems (Linux desktops) take the window's
 * focus while a menu is up: a blur then is the menu's, not the expert clicking elsewhere.
 */
export function contextMenuShowingOver(window: BrowserWindow): boolean {
  return showingOver.has(window)
}

/** Calls `listener` each time the menu over `window` goes away, an item chosen or not. */
export function whenContextMenuCloses(window: BrowserWindow, listener: () => void): void {
  closedListeners.set(window, listener)
}

/** Offers the menu on every right-click in `window`'s page. */
export function offerContextMenu(window: BrowserWindow, platform: NodeJS.Platform = process.platform): void {
  const contents = window.webContents
  contents.on('context-menu', (_event, params: ContextMenuParams) => {
    // The window may have closed while the click travelled from its page.
    if (window.isDestroyed()) return
    const plan = contextMenuPlan(params)
    if (plan.length === 0) return
    const items = plan.map((entry) => menuItem(entry, window, platform))
    showingOver.add(window)
    Menu.buildFromTemplate(items).popup({
      window,
      callback: () => {
        showingOver.delete(window)
        closedListeners.get(window)?.()
      },
    })
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
