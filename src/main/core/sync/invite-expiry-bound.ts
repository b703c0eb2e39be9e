/**
 * The edge check of an invite's expiry. The protocol carries any time up to 2200, but no invite of
 * the marketplace stays open long: an instant one for minutes (the platform's longest setting is a
 * day), a scheduled one until the client's times near. One pushed with an expiry years away (a
 * platform's slip, or a hostile one) would stay open, with its Join and its place at the top of the
 * list, until then. Its expiry is brought in to the longest an invite of its kind may stay open
 * after the platform's time now (as estimated here, or as it read when the invite was sent), with
 * a log line: the invite itself may be real, so it is kept, and the platform still decides whether
 * an answer comes in time.
 */
import type { Invite, SessionKind, Snapshot } from '../../../shared/protocol'
import type { StreamEntry } from '../ports/cache-store'
import type { Logger } from '../ports/logger'

const HOUR = 60 * 60_000

/** The longest an invite of each kind stays open after the platform's time it arrived at. */
export const LONGEST_INVITE_OPEN_MS: Readonly<Record<SessionKind, number>> = {
  instant: 24 * HOUR,
  scheduled: 14 * 24 * HOUR,
}

/**
 * How far ahead of the estimate here an invite's sending time is believed: until the platform's
 * time is measured the computer's clock stands in, and it may be hours behind; an invite of the
 * longest setting, cut from the estimate, would lose its Join that much early.
 */
export const SENT_AHEAD_BELIEVED_MS = 24 * HOUR

/**
 * `invite` with its expiry no later than the longest its kind stays open after the platform's
 * time: `now` as estimated here, or the invite's sending time when that is later (within
 * SENT_AHEAD_BELIEVED_MS), as the platform's own clock then read it.
 */
export function withExpiryBounded(invite: Invite, now: number, log: Pick<Logger, 'warn'>): Invite {
  const sent = Math.max(now, Math.min(invite.sentAt, now + SENT_AHEAD_BELIEVED_MS))
  const latest = sent + LONGEST_INVITE_OPEN_MS[invite.request.kind]
  if (invite.expiresAt <= latest) return invite
  log.warn(
    `Invite ${invite.id} said it stays open until ${new Date(invite.expiresAt).toISOString()}, longer than any ${invite.request.kind} invite does; it is taken to run out at ${new Date(latest).toISOString()}`,
  )
  return { ...invite, expiresAt: latest }
}

/** The entries with every invite's expiry bounded. */
export function entriesWithExpiriesBounded(
  entries: ReadonlyArray<StreamEntry>,
  now: number,
  log: Pick<Logger, 'warn'>,
): ReadonlyArray<StreamEntry> {
  return entries.map((entry) =>
    entry.type === 'invite.created'
      ? { ...entry, payload: { invite: withExpiryBounded(entry.payload.invite, now, log) } }
      : entry,
  )
}

/** The snapshot with every open invite's expiry bounded. */
export function snapshotWithExpiriesBounded(
  snapshot: Snapshot,
  now: number,
  log: Pick<Logger, 'warn'>,
): Snapshot {
  return { ...snapshot, openInvites: snapshot.openInvites.map((i) => withExpiryBounded(i, now, log)) }
}
