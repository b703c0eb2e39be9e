/**
 * The system browser in Electron: `shell.openExternal`. Which URLs reach it is decided before (the
 * core opens only pages of the platform signed in to; the IPC contract only http(s) links), and
 * this, the one caller of `shell.openExternal`, checks the scheme once more: the OS hands any
 * other (file:, smb:, a custom app's) to a program that may run what it names. A failure (no
 * default browser, a refused scheme) rejects for the caller to report.
 */
import { shell } from 'electron'
import type { ExternalBrowser } from '../../core/ports/external-browser'

/** The schemes the OS may be asked to open: web pages and a mail to write. */
const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set(['https:', 'http:', 'mailto:'])

/** Opens pages with the OS's default browser, brought to the front. */
export function createSystemBrowser(): ExternalBrowser {
  return {
    open: async (url) => {
      const scheme = URL.parse(url)?.protocol
      if (scheme === undefined || !EXTERNAL_SCHEMES.has(scheme)) {
        throw new Error(
          `Refused to open ${scheme ?? 'an address that is not a URL'}: only web and mail links open`,
        )
      }
      await shell.openExternal(url, { activate: true })
    },
  }
}
