/**
 * Where our renderer comes from. IPC sender checks and navigation guards both ask "is this URL
 * our own app?", and they must agree, so the answer lives here once.
 */
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './app-protocol'

/** Where the renderer is loaded from, and the test for "is this URL our own app". */
export interface AppOrigin {
  /** The main window's address: the electron-vite dev server in development, standby-app://app/ otherwise. */
  readonly entryUrl: string
  /** True only for pages of our own renderer: not the web, not files on disk. */
  isAppUrl(url: string): boolean
}

/** The dev server's origin when one is given, else the app's own scheme (app-protocol.ts). */
export function createAppOrigin(options: { devServerUrl?: string | undefined }): AppOrigin {
  const { devServerUrl } = options
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin
    return {
      entryUrl: devServerUrl,
      isAppUrl: (url) => {
        const parsed = parse(url)
        return parsed?.origin === origin && withoutCredentials(parsed)
      },
    }
  }
  return {
    entryUrl: APP_ENTRY_URL,
    // A custom scheme's URL has no origin in Node ("null"), so compare scheme and host.
    isAppUrl: (url) => {
      const parsed = parse(url)
      return parsed?.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && withoutCredentials(parsed)
    },
  }
}

/** A user or a password (either alone) makes a URL another address than the one the app loads. */
function withoutCredentials(url: URL): boolean {
  return url.username === '' && url.password === ''
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
