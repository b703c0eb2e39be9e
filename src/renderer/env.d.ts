/** The globals the preload gives the renderer. */
import { type StandbyApi } from '../shared/ipc/standby-api'

declare global {
  interface Window {
    /** The app's domain API, exposed by src/preload/index.ts; the renderer's only way to the main process. */
    readonly standby: StandbyApi
  }
}

export {}
