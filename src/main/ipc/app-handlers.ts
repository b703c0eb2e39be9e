/** Handlers of the `app.*` and `shell.*` calls: what the app is, and opening links in the browser. */
import { type AppInfo, type AppPlatform } from '../../shared/ipc/contract'
import { PROTOCOL_VERSION } from '../../shared/protocol/handshake'
import { type Handle } from './ipc-main'

/** What these handlers need from Electron, passed in so they stay plain functions. */
export interface AppHandlerDeps {
  readonly version: string
  readonly platform: NodeJS.Platform
  /** Opens an already-validated http(s) URL in the system browser. */
  readonly openExternal: (url: string) => Promise<void>
}

/** Registers `app.getInfo` and `shell.openExternal`. */
export function registerAppHandlers(handle: Handle, deps: AppHandlerDeps): void {
  const info: AppInfo = {
    version: deps.version,
    platform: toAppPlatform(deps.platform),
    protocolVersion: PROTOCOL_VERSION,
  }
  handle('app.getInfo', () => info)
  // The contract has already refused anything but a normalized http(s) URL by the time this runs.
  handle('shell.openExternal', (url) => deps.openExternal(url))
}

/** Node's platform name, folded to the ones the app is built for. */
export function toAppPlatform(platform: NodeJS.Platform): AppPlatform {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other'
}
