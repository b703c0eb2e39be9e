/**
 * Marks the first frame that shows the app's data (`standby:first-data-paint` in the Performance
 * timeline), once. The UI bench reads it; it costs one animation frame callback.
 */
let marked = false

/** Call after the first render with data has committed. */
export function markFirstDataPaint(): void {
  if (marked) return
  marked = true
  // The frame is painted after this animation frame's callbacks; a task queued here runs after it.
  requestAnimationFrame(() => window.setTimeout(() => performance.mark('standby:first-data-paint'), 0))
}
