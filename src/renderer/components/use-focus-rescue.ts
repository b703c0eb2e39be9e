/**
 * Keeps keyboard focus somewhere meaningful when the control that had it goes away (a booked
 * invite's card closes, a joined invite leaves the list): focus would otherwise drop to <body>,
 * and a keyboard or screen-reader user would start again from the top of the window.
 */
import { useEffect, type RefObject } from 'react'

/**
 * When the focused element leaves the page and focus is left on nothing, focus the first heading
 * of `container` (or the container, if it has none), made focusable for that, instead.
 */
export function useFocusRescue(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    // The whole page is watched: the container itself may come and go (signed out, loading),
    // and signing in replaces a form outside it with it.
    let focused: Element | null = null
    const onFocusIn = (event: FocusEvent): void => {
      focused = event.target as Element
    }
    const observer = new MutationObserver(() => {
      if (focused === null || focused.isConnected) return
      focused = null
      const root = container.current
      const active = document.activeElement
      if (root === null || (active !== null && active !== document.body)) return
      // Without a heading (an empty popover), the container itself, which says what it holds.
      const target = root.querySelector<HTMLElement>('h1, h2') ?? root
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
