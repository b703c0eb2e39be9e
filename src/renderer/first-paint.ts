/**
 * Marks the first frame that shows the app's data (`standby:first-data-paint` in the Performance
 * timeline) and the moment the page responds to input (`standby:interactive`), once each. The UI
 * bench reads them; they cost one animation frame callback.
 */
const MARK = 'standby:first-data-paint'
let marked = false
let prerendered = false
let live = false
let interactive = false

/** The page's HTML already held the data (the host's pre-rendered frame), so its first paint showed it. */
export function notePrerenderedFrame(): void {
  prerendered = true
}

/**
 * Call once the page takes input: React has committed its tree and the root is no longer inert.
 * Until then a click on the pre-rendered frame does nothing, so the page cannot be said to respond.
 */
export function markLive(): void {
  live = true
  markInteractive()
}

/** Call from a layout effect of the first render with data: the same commit that brings the page to life. */
export function markFirstDataPaint(): void {
  if (marked) return
  marked = true
  markInteractive()
  if (prerendered) {
    // The data was in the page's first contentful paint, long before this code ran.
    new PerformanceObserver((list, observer) => {
      const paint = list.getEntriesByName('first-contentful-paint')[0]
      if (paint === undefined) return
      observer.disconnect()
      performance.mark(MARK, { startTime: paint.startTime })
    }).observe({ type: 'paint', buffered: true })
    return
  }
  // The frame is painted after this animation frame's callbacks; a task queued here runs after it.
  requestAnimationFrame(() => window.setTimeout(() => performance.mark(MARK), 0))
}

/** The page responds to input once both its data is committed and its root is live, in either order. */
function markInteractive(): void {
  if (interactive || !live || !marked) return
  interactive = true
  performance.mark('standby:interactive')
}
