/**
 * The words every surface uses for an invite's kind and reason, so a notification and the card it
 * opens say the same thing, and for the expert's availability, so the tray and the window agree.
 */
import { assertNever } from './assert-never'
import type { Expert, InviteReason, SessionKind } from './protocol/entities'

/** An instant or scheduled request, as its badge and its notification name it. */
export function kindLabel(kind: SessionKind): string {
  switch (kind) {
    case 'instant':
      return 'Instant'
    case 'scheduled':
      return 'Scheduled'
    default:
      return assertNever(kind)
  }
}

/** Why this expert was invited, as the invite card and its notification say it. */
export function reasonLabel(reason: InviteReason): string {
  switch (reason) {
    case 'matched':
      return 'Matched to you'
    case 'direct_dashboard':
      return 'Direct request from a client’s dashboard'
    case 'direct_profile':
      return 'Direct request via your profile link'
    default:
      return assertNever(reason)
  }
}

/** The expert's availability and, when a rule set it for them, why: "Away — idle for 10 min". */
export function presenceLabel(
  expert: Pick<Expert, 'availability' | 'availabilityCause' | 'idleMinutes'>,
): string {
  const { availability, availabilityCause: cause } = expert
  switch (availability) {
    case 'online':
      return 'Online'
    case 'away':
      if (cause === 'idle')
        return expert.idleMinutes === null ? 'Away — idle' : `Away — idle for ${expert.idleMinutes} min`
      if (cause === 'screen_locked') return 'Away — screen locked'
      if (cause === 'online_until') return 'Away — online time ended'
      return 'Away'
    case 'busy':
      return cause === 'session' ? 'Busy — in a session' : 'Busy'
    case 'offline':
      return 'Offline'
    default:
      return assertNever(availability)
  }
}
