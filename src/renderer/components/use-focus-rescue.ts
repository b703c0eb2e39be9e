/**
 * Keeps keyboard focus somewhere meaningful when the control that had it goes away (a booked
 * invite's card closes, a joined invite leaves the list): focus would otherwise drop to <body>,
 * and a keyboard or screen-reader user would start again from the top of the window. Where the
 * thing the control acted on is still shown (an expired invite's row in Missed), focus goes there.
 */
import { useEffect, type RefObject } from 'react'

/**
 * Marks an element as the place of one thing (`invite:<id>`): when the control the focus was on
 * inside it goes, the focus goes to the element marked the same that is on the page then (the
 * card itself, or the row the thing moved to), so the expert keeps their place.
 */
const FOCUS_HOME = 'data-focus-home'

/**
 * When the focused element leaves the page and focus is left on nothing, focus the place of the
 * thing it belonged to (FOCUS_HOME) if that is still shown, or else the first heading of
 * `container` (or the container, if it has none), made focusable for that, instead.
 */
export function useFocusRescue(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    // The whole page is watched: the container itself may come and go (signed out, loading),
    // and signing in replaces a form outside it with it.
    let focused: Element | null = null
    // Read as the focus arrives: once gone, the control may have left its place behind.
    let home: string | null = null
    const onFocusIn = (event: FocusEvent): void => {
      focused = event.target as Element
      home = focused.closest(`[${FOCUS_HOME}]`)?.getAttribute(FOCUS_HOME) ?? null
    }
    const observer = new MutationObserver(() => {
      if (focused === null || focused.isConnected) return
      focused = null
      const root = container.current
      const active = document.activeElement
      if (root === null || (active !== null && active !== document.body)) return
      const place =
        home === null ? null : root.querySelector<HTMLElement>(`[${FOCUS_HOME}="${CSS.escape(home)}"]`)
      // Without a heading (an empty popover), the container itself, which says what it holds.
      const target = place ?? root.querySelector<HTMLElement>('h1, h2') ?? root
      target.tabIndex = -1
      target.focus()
    })
    document.addEventListener('focusin', onFocusIn)
    observer.observe(document.body, { childList: true, subtree: true })
    return () => {
      document.removeEventListener('focusin', onFocusIn)
      observer.disconnect()
    }
  }, [container])
}
