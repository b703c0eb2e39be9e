/** What the expert is told when the system's notifications fail or are missing. */

/** What to tell the expert when notifications fail; the Settings line and the banner say it. */
export const NOTIFICATIONS_FAILING =
  'Notifications could not be shown. Allow Standby in the system’s notification settings, then send a test notification from Settings.'
/** What to tell the expert when the system has no notifications at all. */
export const NOTIFICATIONS_UNSUPPORTED =
  'This system does not show notifications. Keep the Standby window or the tray popover in view to see invites.'
/** What to tell the expert when Windows has stopped putting Standby's toasts up (none came for a long while). */
export const TOASTS_STALLED =
  'Windows has stopped showing Standby’s notifications. Quit and start Standby again; until then each new invite opens beside its tray icon.'
