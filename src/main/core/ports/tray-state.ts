/** What the tray shows at a glance. Electron: the tray icon's tooltip and status line; Node: data. */
import type { ConnectionState } from '../../../shared/connection-state'

/** The tray's state. */
export interface TrayStatus {
  readonly connection: ConnectionState
  readonly openInvites: number
  /** Why notifications do not reach the expert (then the line says so), or null when they do. */
  readonly notificationWarning?: string | null
  /** One line, e.g. "Online · 2 open invites". */
  readonly statusLine: string
}

/** Receives every change of the tray's state. */
export interface TrayState {
  set(status: TrayStatus): void
  /** The host's time zone changed: a tray that writes times writes them again in the new one. */
  zoneChanged?(): void
}
