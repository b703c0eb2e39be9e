/**
 * Focus back on the button that opened a form, once the form has closed. Given in the commit that
 * closes it, not on a later animation frame: a frame can come before React commits the close (an
 * answer's updates are scheduled, not immediate), when the button is not there yet, and the focus
 * rescue (use-focus-rescue.ts) then puts the focus on the section's heading for good.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react'

/**
 * Returns `willClose`: call it just before closing (`open` turning false), and `opener` takes the
 * focus in the commit that shows it again.
 */
export function useReturnFocus(open: boolean, opener: RefObject<HTMLElement | null>): () => void {
  const returning = useRef(false)
  useLayoutEffect(() => {
    if (open || !returning.current) return
    returning.current = false
    opener.current?.focus()
  }, [open, opener])
  return () => {
    returning.current = true
  }
}
