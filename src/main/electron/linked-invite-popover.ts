/**
 * A popover a standby:// link brought up shows without the focus (any web page can open a link),
 * so it hears no blur and would stay on top of the expert's apps until they clicked into it. It is
 * put away once the invite it was brought up for is no longer open: nothing is left to act on.
 * That is when the cache says so, or when the invite's own time runs out by the platform's clock,
 * whichever comes first: an invite runs out with no word from the platform or the cache.
 */
import type { Listeners, Unsubscribe } from '../../shared/listeners'
import { inviteAt, inviteClosesAt } from '../../shared/rules/invite-open'
import type { ClosedInvite } from '../core/deep-links/closed-invite'
import type { CacheStore } from '../core/ports/cache-store'
import type { FocusRequest } from '../core/notification-actions'
import type { Clock, TimerHandle } from '../../shared/clock'
import type { Popover } from './popover-window'
import type { WindowSlot } from '../node/window-slot'

/** What the watch reads of the runtime: the cache and its changes, the platform's time, the focus requests. */
export interface LinkedInvitePopoverRuntime {
  readonly core: {
    readonly cache: Pick<CacheStore, 'invite'>
    readonly cacheChanged: Pick<Listeners<unknown>, 'add'>
    /** `deadlines`: the platform's time as estimated here, what an invite's time is counted in. */
    readonly platformClock: { readonly deadlines: Clock }
  }
  readonly notificationActions: { readonly focusRequests: Pick<Listeners<FocusRequest>, 'add'> }
}

/**
 * Whether the cache holds `inviteId` as open now, by the platform's time; one that has gone from
 * the cache's rows (a snapshot keeps only open invites) is not.
 */
export function inviteStillOpen(core: LinkedInvitePopoverRuntime['core'], inviteId: string): boolean {
  return inviteClosedAs(core, inviteId) === null
}

/**
 * How `inviteId` closed, by the platform's time (one still called open whose time ran out has
 * expired), 'gone' once it left the cache's rows; null while it is open.
 */
export function inviteClosedAs(
  core: LinkedInvitePopoverRuntime['core'],
  inviteId: string,
): ClosedInvite | null {
  const invite = core.cache.invite(inviteId)
  if (invite === null) return 'gone'
  const { state } = inviteAt(invite, core.platformClock.deadlines.now())
  return state === 'open' ? null : state
}

/** Puts away the popover a link showed once its invite closes (none is built for it); returns the unsubscribe. */
export function followLinkedInvitePopover(
  runtime: LinkedInvitePopoverRuntime,
  popover: Pick<WindowSlot<Pick<Popover, 'hideIfUntouched' | 'isDestroyed'>>, 'current'>,
): Unsubscribe {
  const { cache, cacheChanged, platformClock } = runtime.core
  // The invite the last request brought the popover up for, if a link asked while it was open.
  let linked: string | null = null
  let alarm: TimerHandle | undefined
  const open = (inviteId: string): boolean => inviteStillOpen(runtime.core, inviteId)
  /** Stops following: the popover is put away, or a later request is not a link's. */
  const forget = (): void => {
    linked = null
    alarm?.cancel()
    alarm = undefined
  }
  /** Wakes when the linked invite's time runs out, by the platform's clock, in case nothing else says so. */
  const wakeAtClose = (inviteId: string): void => {
    alarm?.cancel()
    const invite = cache.invite(inviteId)
    alarm =
      invite === null
        ? undefined
        : platformClock.deadlines.setTimeout(check, inviteClosesAt(invite) - platformClock.deadlines.now())
  }
  /** Puts the popover away if the linked invite closed; otherwise wakes again at its (new) closing time. */
  function check(): void {
    if (linked === null) return
    // Run by a timer too, where a throw would be the app's uncaught error: a cache that cannot be
    // read leaves the popover as it is, as the page shows what it can.
    try {
      if (open(linked)) return wakeAtClose(linked)
    } catch {
      return
    }
    forget()
    popover.current()?.hideIfUntouched()
  }
  const stopFollowing = runtime.notificationActions.focusRequests.add((request) => {
    const fromLink = request.kind === 'invite' && request.link === true && request.thread !== true
    forget()
    if (!fromLink || !open(request.inviteId)) return
    linked = request.inviteId
    wakeAtClose(linked)
  })
  const stopWatching = cacheChanged.add(check)
  return () => {
    forget()
    stopFollowing()
    stopWatching()
  }
}
