/**
 * Whether an invite can still be taken by the platform's clock as the host estimates it
 * (rules/invite-open.ts). The host's push takes an invite off the open list when its time runs
 * out; a card on screen between a tick of the clock and that push must not offer Join meanwhile.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { Invite } from '../../shared/protocol/entities'
import { isInviteOpen } from '../../shared/rules/invite-open'
import { useServices } from '../store/context'

/** True while `invite` is open; re-renders its caller only when that changes, not every tick. */
export function useInviteOpen(invite: Invite): boolean {
  const { clock } = useServices()
  const open = useCallback(() => isInviteOpen(invite, clock.getSnapshot()), [invite, clock])
  const openAtFirstRender = useCallback(
    () => isInviteOpen(invite, clock.getServerSnapshot()),
    [invite, clock],
  )
  return useSyncExternalStore(clock.subscribe, open, openAtFirstRender)
}
