/**
 * Whether a window's page has loaded, for a push that must not be lost: a page subscribes to
 * pushes while its scripts run, so one sent to a window still loading would reach nobody.
 */
import type { WebContents } from 'electron'

const loadedPages = new WeakSet<WebContents>()

/** Remembers when the window's page has loaded; call right after creating the window. */
export function watchPageLoad<W extends { readonly webContents: WebContents }>(window: W): W {
  const contents = window.webContents
  contents.on('did-finish-load', () => loadedPages.add(contents))
  return window
}

/** Runs `run` now if the page has loaded, else once it has. */
export function whenPageLoaded(contents: WebContents, run: () => void): void {
  if (loadedPages.has(contents)) run()
  else contents.once('did-finish-load', () => run())
}
