/**
 * A focus request (a notification, the tray, a standby:// link) for an item the page's list does
 * not hold. The host's cache may be a push ahead of the page, so the page reads its lists again
 * first; only an item still missing after that read is gone, and the expert is told once.
 */
import { useEffect, useRef, useState } from 'react'
import { useNotifications, useServices } from '../store/context'
import type { FocusTarget } from '../../shared/ipc/contract'

/**
 * Tell `notice` (or what it says for the request) when the request of kind `kind` names an item
 * `holds` does not find, after a fresh read.
 */
export function useGoneFocus<K extends FocusTarget['kind']>(
  kind: K,
  holds: (target: Extract<FocusTarget, { kind: K }>) => boolean,
  loaded: boolean,
  notice: string | ((target: Extract<FocusTarget, { kind: K }>) => string),
): void {
  const { notifications, notices, app } = useServices()
  const { focus } = useNotifications()
  const reading = useRef<number | null>(null)
  const [readFor, setReadFor] = useState<number | null>(null)
  useEffect(() => {
    if (!loaded || focus === null || focus.target.kind !== kind) return
    if (holds(focus.target as Extract<FocusTarget, { kind: K }>)) return
    if (readFor !== focus.seq) {
      if (reading.current === focus.seq) return
      reading.current = focus.seq
      const { seq } = focus
      void app.refreshLists().finally(() => setReadFor(seq))
      return
    }
    notices.push(
      typeof notice === 'string' ? notice : notice(focus.target as Extract<FocusTarget, { kind: K }>),
      'warning',
    )
    notifications.focused(focus.seq)
  }, [focus, kind, holds, loaded, notice, readFor, notices, notifications, app])
}
