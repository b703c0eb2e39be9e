/**
 * Whether an invite can still be taken, by the platform's clock. The platform closes an invite at
 * its expiry and refuses a booking at a proposed time already passed, but it says so only when it
 * can be reached: until then every view decides "open" here, from the platform's time as the app
 * estimates it, so the tray, the window and the notifications agree and none offers a dead Join.
 */
import type { Invite } from '../protocol/entities'

/**
 * When the invite stops being takeable: its expiry, or for a scheduled one the last proposed time
 * if that comes first (the platform books no time already passed).
 */
export function inviteClosesAt(invite: Invite): number {
  const { kind, proposedTimes } = invite.request
  if (kind !== 'scheduled' || proposedTimes.length === 0) return invite.expiresAt
  return Math.min(invite.expiresAt, Math.max(...proposedTimes))
}

/** True when a proposed time can no longer be booked at `now`: the platform books none at or before its now. */
export function proposedTimePassed(time: number, now: number): boolean {
  return time <= now
}

/** The earliest proposed time of a scheduled invite still bookable at `now`; null for an instant one or none left. */
export function firstBookableTime(invite: Invite, now: number): number | null {
  const { kind, proposedTimes } = invite.request
  const left = kind === 'scheduled' ? proposedTimes.filter((t) => !proposedTimePassed(t, now)) : []
  return left.length === 0 ? null : Math.min(...left)
}

/** True when the platform still holds the invite open and its time has not run out at `now`. */
export function isInviteOpen(invite: Invite, now: number): boolean {
  return invite.state === 'open' && now < inviteClosesAt(invite)
}

/**
 * The invite as it stands at `now`: one the platform still calls open whose time ran out reads as
 * expired, as the platform will say once it is reached. Any other invite is returned as it is.
 */
export function inviteAt(invite: Invite, now: number): Invite {
  return invite.state === 'open' && !isInviteOpen(invite, now) ? { ...invite, state: 'expired' } : invite
}
