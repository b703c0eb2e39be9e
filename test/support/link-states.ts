/** Waiting on a PlatformLink's states in tests, instead of sleeping. */
import type { LinkState, PlatformLink } from '../../src/main/core/connection/platform-link'
import type { ConnectionState } from '../../src/shared/connection-state'

/** The link's state once `predicate` holds: now, or at the first state that makes it hold. */
export function waitForLinkState(
  link: PlatformLink,
  predicate: (s: LinkState) => boolean,
): Promise<LinkState> {
  if (predicate(link.state)) return Promise.resolve(link.state)
  return new Promise((resolve) => {
    const off = link.states.add((s) => {
      if (predicate(s)) {
        off()
        resolve(s)
      }
    })
  })
}

/** A core's connection state between attempts, with the next one still ahead in `now`'s time. */
export const waitingAt =
  (now: () => number) =>
  (s: ConnectionState): boolean =>
    (s.status === 'reconnecting' || s.status === 'offline') &&
    s.nextAttemptAt !== null &&
    s.nextAttemptAt > now()
