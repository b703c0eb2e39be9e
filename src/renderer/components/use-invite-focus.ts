/**
 * A press on an invite's notification opens the window on that invite with its main button
 * focused (Join now, or a scheduled invite's first Book): the card focuses it, and a root tells
 * the expert when the invite is no longer open to act on.
 */
import { useCallback, useEffect, type RefObject } from 'react'
import type { Invite } from '../../shared/protocol/entities'
import { useNotifications, useServices } from '../store/context'
import { useGoneFocus } from './use-gone-focus'

/** The card's main button: Join now, or the first proposed time's Book. */
function primarySelector(invite: Invite): string {
  return invite.request.kind === 'instant' ? '.actions button' : '.proposed-list button'
}

/** Focus `invite`'s main button when a notification asked for this invite. */
export function useInviteFocus(card: RefObject<HTMLElement | null>, invite: Invite): void {
  const { notifications } = useServices()
  const { focus } = useNotifications()
  useEffect(() => {
    if (focus?.target.kind !== 'invite' || focus.target.inviteId !== invite.id) return
    const primary = card.current?.querySelector<HTMLElement>(primarySelector(invite))
    primary?.scrollIntoView?.({ block: 'nearest' })
    primary?.focus()
    notifications.focused(focus.seq)
  }, [focus, invite, card, notifications])
}

/**
 * Say so when a notification asked for an invite that is no longer open (taken, expired…); not
 * before the page has read the invites, nor before it read them again (see use-gone-focus.ts).
 */
export function useClosedInviteFocus(open: ReadonlyArray<Invite>, loaded: boolean): void {
  const holds = useCallback(
    ({ inviteId }: { readonly inviteId: string }) => open.some((invite) => invite.id === inviteId),
    [open],
  )
  useGoneFocus('invite', holds, loaded, 'That invite is no longer open; Missed says what became of it.')
}
