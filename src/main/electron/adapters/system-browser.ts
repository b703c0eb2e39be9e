/**
 * The system browser in Electron: `shell.openExternal`. Which URLs reach it is decided before (the
 * core opens only pages of the platform signed in to; the IPC contract only http(s) links), and
 * this, the one caller of `shell.openExternal`, checks the scheme once more: the OS hands any
 * other (file:, smb:, a custom app's) to a program that may run what it names. A failure (no
 * default browser, a refused scheme) rejects for the caller to report.
 */
import { dialog, shell } from 'electron'
import type { LinkQuestion } from '../../core/ipc/page-links'
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

/** The buttons of a link question, by their place in `buttons`. */
const OPEN = 0
const CANCEL = 1

/**
 * Asks the expert, in a native box, whether a link to another site opens; true to open. Cancel is
 * the default (Enter, Escape and closing the box all decline): a press meant for something else
 * must not open a client's link.
 */
export async function askToOpenLink(question: LinkQuestion): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Standby',
    message: question.message,
    detail: question.detail,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  })
  return response === OPEN
}
