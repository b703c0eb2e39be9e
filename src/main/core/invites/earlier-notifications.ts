/**
 * An invite's notification made again from the cache, for one an earlier run left in the
 * notification centre (macOS keeps them past a restart), whose buttons should work again, or which
 * was pressed there. Read by its id: the OS hands an earlier run's notifications back one by one,
 * and reading every open invite for each would cost the start seconds with thousands open.
 */
import { isInviteOpen } from '../../../shared/rules/invite-open'
import type { CacheStore } from '../ports/cache-store'
import type { AppNotification } from '../ports/notifier'
import { inviteNotification } from '../sync/invite-notification'

/** The notification of cached invite `inviteId` while it is open at `now`; null once it closed, or when not held. */
export function openInviteNotification(
  cache: Pick<CacheStore, 'invite'>,
  inviteId: string,
  now: number,
): AppNotification | null {
  const invite = cache.invite(inviteId)
  return invite === null || !isInviteOpen(invite, now) ? null : inviteNotification(invite, now)
}

/** The notification of an invite the cache holds in any state, one since closed too; null when not held. */
export function heldInviteNotification(
  cache: Pick<CacheStore, 'invite'>,
  inviteId: string,
  now: number,
): AppNotification | null {
  const invite = cache.invite(inviteId)
  return invite === null ? null : inviteNotification(invite, now)
}
