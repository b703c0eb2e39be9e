/**
 * The system browser in Electron: `shell.openExternal`. Which URLs reach it is decided before (the
 * core opens only pages of the platform signed in to; the IPC contract only http(s) links), so
 * this stays a pass-through; a failure (no default browser) rejects for the caller to report.
 */
import { shell } from 'electron'
import type { ExternalBrowser } from '../../core/ports/external-browser'

/** Opens pages with the OS's default browser, brought to the front. */
export function createSystemBrowser(): ExternalBrowser {
  return {
    open: (url) => shell.openExternal(url, { activate: true }),
  }
}
