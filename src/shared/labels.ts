/**
 * The words every surface uses for an invite's kind and reason, so a notification and the card it
 * opens say the same thing.
 */
import { assertNever } from './assert-never'
import type { InviteReason, SessionKind } from './protocol/entities'

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
