/**
 * Whether an invite can still be taken by the platform's clock as the host estimates it
 * (rules/invite-open.ts), which is also when its thread stops taking messages (rules/thread-open.ts).
 * The host's push takes an invite off the open list when its time runs out; a card on screen
 * between a tick of the clock and that push must offer neither Join nor a message box meanwhile.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { Invite } from '../../shared/protocol/entities'
import { isInviteOpen } from '../../shared/rules/invite-open'
import { useServices } from '../store/context'

/** True while `invite` is open; re-renders its caller only when that changes, not every tick. */
export function useInviteOpen(invite: Invite): boolean {
  return useAtPlatformTime(useCallback((now: number) => isInviteOpen(invite, now), [invite]))
}

/** `read` at the platform's time, following the host's clock; `read` must be stable and return a value. */
function useAtPlatformTime<T extends boolean>(read: (now: number) => T): T {
  const { clock } = useServices()
  const atNow = useCallback(() => read(clock.getSnapshot()), [read, clock])
  const atFirstRender = useCallback(() => read(clock.getServerSnapshot()), [read, clock])
  return useSyncExternalStore(clock.subscribe, atNow, atFirstRender)
}
