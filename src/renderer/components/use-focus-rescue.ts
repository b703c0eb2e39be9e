/**
 * Keeps keyboard focus somewhere meaningful when the control that had it goes away (a booked
 * invite's card closes, a joined invite leaves the list): focus would otherwise drop to <body>,
 * and a keyboard or screen-reader user would start again from the top of the window.
 */
import { useEffect, type RefObject } from 'react'

/**
 * Watch `container`: when the element focused inside it leaves the page and focus is left on
 * nothing, focus the container's first heading (made focusable for that) instead.
 */
export function useFocusRescue(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    // The whole page is watched: the container itself may come and go (signed out, loading).
    // What has focus inside the container; null when focus is elsewhere.
    let focused: Element | null = null
    const onFocusIn = (event: FocusEvent): void => {
      const target = event.target as Element
      focused = container.current?.contains(target) ? target : null
    }
    const observer = new MutationObserver(() => {
      if (focused === null || focused.isConnected) return
      focused = null
      const root = container.current
      const active = document.activeElement
      if (root === null || (active !== null && active !== document.body)) return
      const heading = root.querySelector<HTMLElement>('h1, h2')
      if (heading === null) return
      heading.tabIndex = -1
      heading.focus()
    })
    document.addEventListener('focusin', onFocusIn)
    observer.observe(document.body, { childList: true, subtree: true })
    return () => {
      document.removeEventListener('focusin', onFocusIn)
      observer.disconnect()
    }
  }, [container])
}
