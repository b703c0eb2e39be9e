/**
 * The OS side of deep links: making Standby the handler of standby:// links, and hearing the
 * links macOS hands over with open-url. What a link says is read by src/shared/deep-link.ts;
 * Windows and Linux pass links in the command line (single-instance.ts, deep-link-argv.ts).
 */
import { resolve } from 'node:path'
import type { App, Event } from 'electron'
import { DEEP_LINK_SCHEME } from '../../shared/deep-link'
import type { Logger } from '../../shared/logger'
import { runningAppImage } from '../node/app-image'

/** What registering needs to know about this process (Node's `process`). */
export interface ProcessFacts {
  /** True when run as `electron path/to/app` (development) rather than as the packaged app. */
  readonly defaultApp?: boolean | undefined
  readonly execPath: string
  readonly argv: ReadonlyArray<string>
  /** This process's environment: an AppImage's is told by APPIMAGE and APPDIR (node/app-image.ts). */
  readonly env?: Readonly<Record<string, string | undefined>>
}

/**
 * What the OS puts before the link when a click starts Standby: nothing for the packaged app, the
 * app's folder for Electron in development. Not this run's own arguments (`--hidden`, ...).
 */
export function linkHandlerArgs(process: ProcessFacts): string[] {
  const appFolder = process.defaultApp ? process.argv[1] : undefined
  return appFolder === undefined ? [] : [resolve(appFolder)]
}

/**
 * Asks the OS to send standby:// links to this app. In development the executable is Electron
 * itself, which needs the app's folder as its argument, or a click would start Electron's default
 * app instead. A refusal is logged: the app works, only links do not reach it. On Linux Electron
 * makes the installed `standby.desktop` (package.json's desktopName) the scheme's handler through
 * GIO, and refuses where none is installed: always from an AppImage, which the desktop knows (once
 * integrated) under another file's name, so reinstalling would not help there.
 */
export function registerDeepLinkScheme(
  app: Pick<App, 'setAsDefaultProtocolClient'>,
  process: ProcessFacts,
  log: Logger,
): void {
  const args = linkHandlerArgs(process)
  const registered =
    args.length === 0
      ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
      : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, args)
  if (registered) return
  if (process.env !== undefined && runningAppImage(process.env, process.execPath) !== undefined) {
    log.warn(
      `The system did not make Standby the handler of ${DEEP_LINK_SCHEME}:// links: it runs from an AppImage, ` +
        'which has no standby.desktop file installed. Links to invites in a browser or mail open Standby only once ' +
        'the AppImage is integrated into the desktop (AppImageLauncher, or its .desktop file installed), or with the ' +
        'deb package instead; invites still show in the app.',
    )
    return
  }
  log.warn(
    `The system did not make Standby the handler of ${DEEP_LINK_SCHEME}:// links, so links to invites ` +
      'in a browser or mail will not open it. Reinstalling Standby registers it again; invites still show in the app.',
  )
}

/**
 * Calls `receive` with every link macOS hands over. Listen before 'ready': the link that launched
 * the app arrives then, and a link not taken (preventDefault) is one macOS thinks nobody handled.
 */
export function onOpenUrl(
  app: { on(event: 'open-url', listener: (event: Event, url: string) => void): unknown },
  receive: (url: string) => void,
): void {
  app.on('open-url', (event, url) => {
    event.preventDefault()
    receive(url)
  })
}
