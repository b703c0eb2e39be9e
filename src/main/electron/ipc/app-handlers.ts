/** Registers every contract call's handler (built once in core/app-api.ts) with Electron's IPC. */
import type { AppApi } from '../../core/app-api'
import {
  invokeChannels,
  type AppInfo,
  type AppPlatform,
  type InvokeChannel,
} from '../../../shared/ipc/contract'
import { PROTOCOL_VERSION } from '../../../shared/protocol/handshake'
import { type Handle } from './ipc-main'

/** Register a handler for each call of the contract. */
export function registerAppApi(handle: Handle, api: AppApi): void {
  for (const channel of invokeChannels) register(handle, api, channel)
}

function register<C extends InvokeChannel>(handle: Handle, api: AppApi, channel: C): void {
  handle(channel, (request) => api[channel](request))
}

/** What the app reports about itself. */
export function appInfo(deps: {
  readonly version: string
  readonly platform: NodeJS.Platform
  readonly defaultPlatformUrl?: string | null
}): AppInfo {
  return {
    version: deps.version,
    platform: toAppPlatform(deps.platform),
    protocolVersion: PROTOCOL_VERSION,
    defaultPlatformUrl: deps.defaultPlatformUrl ?? null,
  }
}

/** Node's platform name, folded to the ones the app is built for. */
export function toAppPlatform(platform: NodeJS.Platform): AppPlatform {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other'
}
