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

/** Where the list was when its rows changed height, and what it holds. */
export interface RowHeightChange {
  readonly scrollTop: number
  readonly from: number
  readonly to: number
  /** The viewport's height once the rows have their new height. */
  readonly viewportHeight: number
  /** The row holding the keyboard's focus, if one does. */
  readonly focusedIndex: number | null
}

/**
 * The scroll position that keeps the expert where they were when the rows change height (the list
 * crossing into its stacked layout): the row at the top stays at the top, and a row holding the
 * focus stays on screen, so it stays rendered and keeps the focus.
 */
export function scrollTopAfterRowHeightChange(change: RowHeightChange): number {
  const { from, to, viewportHeight, focusedIndex } = change
  if (from <= 0 || to <= 0) return change.scrollTop
  const kept = (Math.max(0, change.scrollTop) / from) * to
  if (focusedIndex === null) return kept
  const focusedTop = focusedIndex * to
  // Below the viewport: up to its bottom edge; above it, or taller than it: its top at the top.
  return Math.min(focusedTop, Math.max(kept, focusedTop + to - viewportHeight))
}
