/** Which rows of a fixed-height list are on screen, so only those (plus a margin) are in the DOM. */

/** The scroll position and the list's measurements. */
export interface ViewportMetrics {
  readonly scrollTop: number
  readonly viewportHeight: number
  readonly rowHeight: number
  readonly count: number
  /** Rows rendered beyond each edge, so fast scrolling shows no gap. */
  readonly overscan: number
}

/** Rows [start, end) to render. */
export interface RowRange {
  readonly start: number
  readonly end: number
}

/** The rows to render; never more than the viewport's rows plus twice the overscan. */
export function visibleRange(m: ViewportMetrics): RowRange {
  if (m.count === 0 || m.rowHeight <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, m.scrollTop) / m.rowHeight)
  const visible = Math.ceil(Math.max(0, m.viewportHeight) / m.rowHeight) + 1
  const start = Math.max(0, Math.min(m.count - 1, first) - m.overscan)
  const end = Math.min(m.count, first + visible + m.overscan)
  return { start, end: Math.max(start, end) }
}
