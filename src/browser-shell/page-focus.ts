/**
 * Which of the shell's pages have the focus. A browser tab closed while focused need not send
 * `pagehide`, so its "focused" would stand forever and silence every client message's
 * notification (the core notifies only while no page has the focus); the shell therefore keeps
 * each page's own report and takes it back when that page's socket closes.
 */
import type { Logger } from '../main/core/ports/logger'
import type { InvokeRequest } from '../shared/ipc/contract'

/** A page's surface: the main window or the tray popover. */
type Surface = InvokeRequest<'app.reportFocus'>['surface']

/** The focus the shell's pages reported, per page. */
export interface PageFocus<P> {
  /** `page` says whether it has the focus; the core hears whether any page of `surface` has it. */
  report(page: P, surface: Surface, focused: boolean): void
  /** `page` is gone (its socket closed): whatever focus it held is given up. */
  closed(page: P): void
}

/** Tracks each page's focus and tells `tell` whether any page of a surface still has it. */
export function trackPageFocus<P>(
  tell: (surface: Surface, focused: boolean) => void,
  log: Pick<Logger, 'info'>,
): PageFocus<P> {
  const held = new Map<P, Set<Surface>>()
  // Two tabs of one surface: the one that lost the focus may say so after the other gained it.
  const anyHolds = (surface: Surface): boolean => [...held.values()].some((surfaces) => surfaces.has(surface))
  return {
    report(page, surface, focused) {
      const surfaces = held.get(page) ?? new Set<Surface>()
      if (focused) surfaces.add(surface)
      else surfaces.delete(surface)
      if (surfaces.size > 0) held.set(page, surfaces)
      else held.delete(page)
      tell(surface, anyHolds(surface))
    },
    closed(page) {
      const surfaces = held.get(page)
      if (surfaces === undefined) return
      held.delete(page)
      for (const surface of surfaces) {
        const stillFocused = anyHolds(surface)
        tell(surface, stillFocused)
        if (!stillFocused)
          log.info(`A ${surface} page closed while focused: client messages are notified again`)
      }
    },
  }
}
