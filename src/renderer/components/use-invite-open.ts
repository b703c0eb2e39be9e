/**
 * Whether an invite can still be taken by the platform's clock as the host estimates it
 * (rules/invite-open.ts), and whether its thread still takes messages (rules/thread-open.ts). The
 * host's push takes an invite off the open list when its time runs out; a card on screen between
 * a tick of the clock and that push must offer neither Join nor a message box meanwhile.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { Invite } from '../../shared/protocol/entities'
import { isInviteOpen } from '../../shared/rules/invite-open'
import { threadClosedBecause } from '../../shared/rules/thread-open'
import { useServices } from '../store/context'

/** True while `invite` is open; re-renders its caller only when that changes, not every tick. */
export function useInviteOpen(invite: Invite): boolean {
  return useAtPlatformTime(useCallback((now: number) => isInviteOpen(invite, now), [invite]))
}

/** Why `invite`'s thread takes no new message, null while it does; re-renders only when that changes. */
export function useInviteThreadClosed(invite: Invite): string | null {
  return useAtPlatformTime(
    useCallback((now: number) => threadClosedBecause({ kind: 'invite', invite, now }), [invite]),
  )
}

/** `read` at the platform's time, following the host's clock; `read` must be stable and return a value. */
function useAtPlatformTime<T extends boolean | string | null>(read: (now: number) => T): T {
  const { clock } = useServices()
  const atNow = useCallback(() => read(clock.getSnapshot()), [read, clock])
  const atFirstRender = useCallback(() => read(clock.getServerSnapshot()), [read, clock])
  return useSyncExternalStore(clock.subscribe, atNow, atFirstRender)
}
