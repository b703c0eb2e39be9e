/**
 * Where a `standby://` link opens once the runtime has started: the cache and the connection say
 * whether what it names can be shown now, must wait for a sign-in or a catch-up, or is gone.
 */
import { systemClock } from '../../shared/clock'
import { cacheHolds } from '../core/cache-holds'
import {
  deepLinkTargets,
  type DeepLinkOpener,
  type DeepLinkTargetDeps,
} from '../core/deep-links/deep-link-targets'
import { followLinkedInvitePopover, inviteClosedAs } from './linked-invite-popover'
import type { Runtime } from '../node/runtime/start-runtime'
import type { AppWindows } from './app-windows'

/** What the links need besides the runtime. */
export type RuntimeDeepLinkOptions = Pick<DeepLinkTargetDeps, 'power' | 'notifier' | 'log'> & {
  readonly isQuitting: () => boolean
  /** The sign-in form a link brings up while signed out comes without taking the keyboard. */
  readonly windows: Pick<AppWindows, 'showWindowForLink'>
  /** The popover a link shows, put away when the invite it showed closes (see linked-invite-popover). */
  readonly popover?: Parameters<typeof followLinkedInvitePopover>[1]
}

/** The targets of deep links over the started runtime. */
export function runtimeDeepLinks(runtime: Runtime, options: RuntimeDeepLinkOptions): DeepLinkOpener {
  const { core, cache, notificationActions } = runtime
  if (options.popover !== undefined) followLinkedInvitePopover(runtime, options.popover)
  return deepLinkTargets({
    live: () => !options.isQuitting(),
    // The cache keeps a signed-out expert's rows (a refused token, no saved sign-in): a link waits
    // for the sign-in, as the pages show only the sign-in form meanwhile.
    signedIn: () => core.connection.status !== 'signed_out' && cache.expert() !== null,
    signedOut: () => core.connection.status === 'signed_out',
    holds: (link) =>
      cacheHolds(cache, link.kind === 'invite' ? { inviteId: link.id } : { sessionId: link.id }),
    closedInvite: (link) => (link.kind === 'invite' ? inviteClosedAs(runtime.core, link.id) : null),
    // Connected and caught up, or so as far as anyone knows while a probe is out.
    caughtUp: () => ['online', 'checking'].includes(core.connection.status),
    unreachable: () => ['offline', 'reconnecting'].includes(core.connection.status),
    clock: systemClock,
    power: options.power,
    focus: (request) => notificationActions.focusRequests.emit(request),
    notice: (notice) => notificationActions.notices.emit(notice),
    notifier: options.notifier,
    showWindow: options.windows.showWindowForLink,
    log: options.log,
  })
}
