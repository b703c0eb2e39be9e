/**
 * Which picture the tray shows: one pure rule from the app's state, so every platform's image
 * set (resources/tray-<state>…, drawn by scripts/make-icons.ts) follows the same precedence.
 */
import type { ConnectionStatus } from '../../../shared/connection-state'
import type { Availability } from '../../../shared/protocol'

/** Every picture the tray can show. */
export const TRAY_ICON_STATES = [
  'online',
  'away',
  'busy',
  'invite',
  'reconnecting',
  'offline',
  'signed-out',
  'silenced',
] as const
/** One picture of the tray. */
export type TrayIconState = (typeof TRAY_ICON_STATES)[number]

/** What the tray's picture depends on. */
export interface TrayIconInput {
  /** The link to the platform; `signed_out` is "nobody is signed in". */
  readonly connection: ConnectionStatus
  /** The signed-in expert's availability; null before the cache knows the expert. */
  readonly availability: Availability | null
  /** Invites waiting for an answer. */
  readonly openInvites: number
  /** True while notifications do not reach the expert (OS setting, focus mode, failures). */
  readonly notificationsSilenced: boolean
}

/**
 * The picture for the state, most urgent first: no sign-in, no link, a link coming back (what
 * the menu shows may be stale until then), an invite waiting, notifications silenced while the
 * expert takes invites, then the expert's availability.
 */
export function trayIconState(input: TrayIconInput): TrayIconState {
  const { connection, availability, openInvites, notificationsSilenced } = input
  if (connection === 'signed_out') return 'signed-out'
  if (connection === 'offline' || connection === 'incompatible') return 'offline'
  if (connection === 'connecting' || connection === 'reconnecting') return 'reconnecting'
  if (openInvites > 0) return 'invite'
  // Away or busy, no invite is coming: a focus mode turned on for a session is no cause for alarm.
  const takesInvites = availability === null || availability === 'online'
  if (notificationsSilenced && takesInvites) return 'silenced'
  if (availability === 'busy') return 'busy'
  // An expert who set themselves offline is connected but unreachable for invites, as when away.
  if (availability === 'away' || availability === 'offline') return 'away'
  return 'online'
}
