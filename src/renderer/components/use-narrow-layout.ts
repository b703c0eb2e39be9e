/**
 * Whether the window gets the narrow layout, for the little that CSS alone cannot lay out: a
 * virtual list places its rows from a height it must know in script.
 */
import { useSyncExternalStore } from 'react'
import { NARROW_LAYOUT_MAX_WIDTH } from '../../shared/window-sizes'

/** The media query of the narrow layout; styles/narrow.css has the same one. */
export const NARROW_LAYOUT_QUERY = `(max-width: ${NARROW_LAYOUT_MAX_WIDTH}px)`

function narrowQuery(): MediaQueryList | null {
  return typeof window === 'undefined' || typeof window.matchMedia !== 'function'
    ? null
    : window.matchMedia(NARROW_LAYOUT_QUERY)
}

function subscribe(changed: () => void): () => void {
  const query = narrowQuery()
  query?.addEventListener('change', changed)
  return () => query?.removeEventListener('change', changed)
}

/**
 * True while the window is narrow enough for the narrow layout. A change re-renders at once
 * (a store's change is never deferred), so rows are placed for the layout the stylesheet applies.
 */
export function useNarrowLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => narrowQuery()?.matches ?? false,
    // The first frame is rendered ahead of time, for no window: the wide layout's.
    () => false,
  )
}
