/**
 * A list of fixed-height rows that renders only the rows on screen (plus a small margin), so
 * 10,000 rows cost the same DOM as 20. Rows are absolutely placed inside a spacer as tall as the
 * whole list; positions are set through the CSSOM, which the Content-Security-Policy allows.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { scrollTopAfterRowHeightChange, visibleRange } from '../logic/virtual-range'

/** Props of VirtualList. */
export interface VirtualListProps<T> {
  readonly items: ReadonlyArray<T>
  /**
   * Each row's height in px, or how it follows from the list's inner width when the stylesheet
   * lays rows out by the width they have (a container query).
   */
  readonly rowHeight: number | ((listWidth: number) => number)
  readonly renderRow: (item: T, index: number) => ReactNode
  readonly getKey: (item: T) => string
  /** Called when the last rows come into view, to load more. */
  readonly onNearEnd?: () => void
  readonly label: string
  readonly overscan?: number
  readonly className?: string
}

/** The virtual list; scrolls itself, so give it a height in CSS. */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, overscan = 6, onNearEnd } = props
  const viewport = useRef<HTMLDivElement>(null)
  const [metrics, setMetrics] = useState({ scrollTop: 0, height: 600, width: 0 })
  const heightFor = (width: number): number =>
    typeof props.rowHeight === 'number' ? props.rowHeight : props.rowHeight(width)
  const rowHeight = heightFor(metrics.width)
  // Read by the listeners, set up once: the row height last rendered and how it follows from width.
  const rendered = useRef({ rowHeight, heightFor })
  useLayoutEffect(() => {
    rendered.current = { rowHeight, heightFor }
  })
  // A scroll position to move to once rows of a new height are in the page.
  const pendingScrollTop = useRef<number | null>(null)

  useLayoutEffect(() => {
    const element = viewport.current
    if (element === null) return
    const measure = (): void => {
      const width = element.clientWidth
      const height = element.clientHeight
      const from = rendered.current.rowHeight
      const to = rendered.current.heightFor(width)
      let scrollTop = element.scrollTop
      if (to !== from) {
        // The rows still stand at their old height: keep the same row at the top, and the focus.
        scrollTop = scrollTopAfterRowHeightChange({
          scrollTop,
          from,
          to,
          viewportHeight: height,
          focusedIndex: focusedRowIndex(element),
        })
        pendingScrollTop.current = scrollTop
      }
      setMetrics({ scrollTop, height, width })
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    element.addEventListener('scroll', measure, { passive: true })
    return () => {
      observer.disconnect()
      element.removeEventListener('scroll', measure)
    }
  }, [])

  useLayoutEffect(() => {
    const element = viewport.current
    const scrollTop = pendingScrollTop.current
    if (element === null || scrollTop === null) return
    pendingScrollTop.current = null
    element.scrollTop = scrollTop
  }, [rowHeight])

  const { start, end } = visibleRange({
    scrollTop: metrics.scrollTop,
    viewportHeight: metrics.height,
    rowHeight,
    count: items.length,
    overscan,
  })

  useLayoutEffect(() => {
    if (onNearEnd !== undefined && end >= items.length - overscan) onNearEnd()
  }, [end, items.length, overscan, onNearEnd])

  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    const item = items[index] as T
    rows.push(
      <div
        key={props.getKey(item)}
        role="listitem"
        aria-setsize={items.length}
        aria-posinset={index + 1}
        className="virtual-row"
        style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
      >
        {props.renderRow(item, index)}
      </div>,
    )
  }

  return (
    <div
      ref={viewport}
      role="list"
      aria-label={props.label}
      tabIndex={0}
      className={`virtual-viewport${props.className ? ` ${props.className}` : ''}`}
    >
      <div className="virtual-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  )
}

/** The index of the row holding the keyboard's focus inside `list`, or null. */
function focusedRowIndex(list: HTMLElement): number | null {
  const focused = document.activeElement
  if (focused === null || !list.contains(focused)) return null
  const position = Number(focused.closest('.virtual-row')?.getAttribute('aria-posinset'))
  return Number.isInteger(position) && position > 0 ? position - 1 : null
}
