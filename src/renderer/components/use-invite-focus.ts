/**
 * A press on an invite's notification opens the window on that invite with its main button
 * focused (Join now, or a scheduled invite's first Book): the card focuses it, and a root tells
 * the expert when the invite is no longer open to act on. A standby:// link focuses the card itself.
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
    const element = card.current
    // A link's ask (any web page can open one) focuses the card, which names the invite: a key
    // meant for another app must not Join.
    const target =
      focus.target.link === true ? element : element?.querySelector<HTMLElement>(primarySelector(invite))
    if (target === element) element?.setAttribute('tabindex', '-1')
    target?.scrollIntoView?.({ block: 'nearest' })
    target?.focus()
    notifications.focused(focus.seq)
  }, [focus, invite, card, notifications])
}

/**
 * Say so when a notification or a link asked for an invite that is no longer open (taken,
 * expired…); not before the page has read the invites, nor before it read them again (see
 * use-gone-focus.ts). One whose time ran out is named as such, since nothing can take it now.
 */
export function useClosedInviteFocus(
  { open, missed }: { readonly open: ReadonlyArray<Invite>; readonly missed: ReadonlyArray<Invite> },
  loaded: boolean,
): void {
  const holds = useCallback(
    ({ inviteId }: { readonly inviteId: string }) => open.some((invite) => invite.id === inviteId),
    [open],
  )
  const notice = useCallback(
    ({ inviteId }: { readonly inviteId: string }) =>
      missed.some((invite) => invite.id === inviteId && invite.state === 'expired')
        ? 'That invite expired, so it can no longer be joined or booked; Missed keeps a record of it.'
        : 'That invite is no longer open; Missed says what became of it.',
    [missed],
  )
  useGoneFocus('invite', holds, loaded, notice)
}
