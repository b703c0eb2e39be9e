/**
 * A press on a reminder's notification opens the window on that session: its card comes into view
 * and takes the focus (its Start button when it has one), and a root tells the expert when the
 * session is no longer upcoming or live.
 */
import { useCallback, useEffect, type RefObject } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { useNotifications, useServices } from '../store/context'
import { useGoneFocus } from './use-gone-focus'

/** Bring `session`'s card into view and focus it when a notification asked for this session. */
export function useSessionFocus(card: RefObject<HTMLElement | null>, session: Session): void {
  const { notifications } = useServices()
  const { focus } = useNotifications()
  useEffect(() => {
    if (focus?.target.kind !== 'session' || focus.target.sessionId !== session.id) return
    const element = card.current
    if (element === null) return
    // A card without an enabled button (a live one ending) takes the focus itself, and so does one
    // a standby:// link asked for: any web page can open one, and a key meant elsewhere must not Start.
    const target =
      focus.target.link === true
        ? element
        : (element.querySelector<HTMLElement>('button:not(:disabled)') ?? element)
    if (target === element) element.setAttribute('tabindex', '-1')
    element.scrollIntoView?.({ block: 'nearest' })
    target.focus()
    notifications.focused(focus.seq)
  }, [focus, session, card, notifications])
}

/** Say so when a notification asked for a session that is neither upcoming nor live any more. */
export function useGoneSessionFocus(sessions: ReadonlyArray<Session>, loaded: boolean): void {
  const holds = useCallback(
    ({ sessionId }: { readonly sessionId: string }) => sessions.some((session) => session.id === sessionId),
    [sessions],
  )
  useGoneFocus(
    'session',
    holds,
    loaded,
    'That session is no longer upcoming; History says what became of it.',
  )
}
