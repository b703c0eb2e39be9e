/** What the tray shows for a connection, its open invites and whether notifications reach the expert. */
import { localShortTime } from '../../../shared/day-time-options'
import type { ConnectionState } from '../../../shared/connection-state'
import { statusLine } from '../connection/connection-status'
import type { NotifierHealth } from '../ports/notifier'
import type { TrayStatus } from '../ports/tray-state'

/** What the tray adds to its line while notifications do not reach the expert. */
export const NOTIFICATIONS_OFF = 'Notifications off'

/** The tray's state; times are written by `formatTime`, the OS locale's short time by default. */
export function trayStatus(
  connection: ConnectionState,
  openInvites: number,
  health: NotifierHealth,
  formatTime: (t: number) => string = localShortTime,
): TrayStatus {
  const line = statusLine(connection, openInvites, formatTime)
  return {
    connection,
    openInvites,
    notificationWarning: health.status === 'ok' ? null : health.advice,
    statusLine: health.status === 'ok' ? line : `${line} · ${NOTIFICATIONS_OFF}`,
  }
}
