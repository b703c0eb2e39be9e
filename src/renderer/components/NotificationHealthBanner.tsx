/**
 * One line while notifications do not reach the expert (the system has none, refuses Standby's,
 * or silences them), saying what to do: invites then show only here and in the tray.
 */
import { useNotifications } from '../store/context'

/** Props of NotificationHealthBanner. */
export interface NotificationHealthBannerProps {
  /** The compact form for the tray popover. */
  readonly compact?: boolean
}

/** What the line starts with for each way notifications can fail. */
export const HEALTH_HEADLINE = {
  unsupported: 'No notifications on this system.',
  failing: 'Notifications are not reaching you.',
  silenced: 'Notifications are silenced.',
} as const

/** The banner, or nothing while notifications work. */
export function NotificationHealthBanner({ compact = false }: NotificationHealthBannerProps) {
  const { health } = useNotifications()
  if (health.status === 'ok') return null
  return (
    <p className={`notification-health${compact ? ' notification-health-compact' : ''}`} role="status">
      <strong>{HEALTH_HEADLINE[health.status]}</strong> {health.advice}
    </p>
  )
}
