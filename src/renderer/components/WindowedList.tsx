/**
 * A list of rows of differing heights (cards, messages) that puts in the page only the rows on
 * screen and a margin around them, in whichever element scrolls it. Each row is measured once
 * drawn; a row not drawn is stood in for by its height (a guess until it is measured), so the
 * scrollbar and every row's place stay true. The row holding the keyboard's focus and its two
 * neighbours stay in the page wherever the expert scrolls, so the focus is not lost and Tab and
 * Shift+Tab go on to the next and previous rows. Rows carry their place in the whole list
 * (aria-posinset of aria-setsize), so a screen reader reads "5 of 200" however few are drawn.
 * Trade-off: the browser's find in page cannot find a row that is not drawn; the views that use
 * this have a search of their own or read in order (a thread, a day's sessions).
 * Rows coming, going or changing height above the part on screen move nothing the expert sees:
 * the first row on screen is held where it was (the browser's own scroll anchoring does not hold
 * it here, and is turned off on the list so the two do not both move it). While the list's top
 * is on screen nothing is held, so a row coming first is seen.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { rowHeights, windowRows, type RowSize } from '../logic/window-rows'

/** Props of WindowedList. */
export interface WindowedListProps<T> {
  readonly items: ReadonlyArray<T>
  readonly getKey: (item: T) => string
  /** A row's height in px before it is first drawn. */
  readonly estimate: number
  /** The space the stylesheet puts between two rows (the list's flex gap), in px. */
  readonly gap: number
  /** What a row holds; the list draws its <li>, keyed and classed by `getKey` and `rowClass`. */
  readonly renderRow: (item: T, index: number) => ReactNode
  readonly rowClass?: (item: T) => string
  /** A row to draw wherever it is, so that it can be brought into view (a notification asked for it). */
  readonly reveal?: string | null
  readonly ordered?: boolean
  readonly className?: string
  readonly label?: string
}

// Rows drawn beyond each edge of the visible part; the scroll position is read in steps of a
// fraction of it, so a scroll redraws the list only when the rows drawn would change.
const OVERSCAN_PX = 800
const STEP_PX = 100

/** The list; it scrolls in its nearest scrolling ancestor. */
export function WindowedList<T>(props: WindowedListProps<T>) {
  const { items, getKey, estimate, gap } = props
  const list = useRef<HTMLUListElement & HTMLOListElement>(null)
  const [view, setView] = useState({ from: 0, height: 0 })
  const [measures, setMeasures] = useState<Measures>(() => ({ sizes: new Map(), width: 0 }))
  const [focused, setFocused] = useState<string | null>(null)
  const scroller = useRef<HTMLElement | null>(null)
  // The first row on screen and where its top stood in the scroller's content, after the last drawing or scroll.
  const anchor = useRef<Anchor | null>(null)

  // Every row's element, measured as it is drawn and whenever its size changes, and the width the
  // rows were last measured at: the window narrowed or widened, the rows drawn are measured again
  // and those off screen are guessed again. The observer is made at the first row's drawing, which
  // comes before the list's own effects.
  const measured = useRef<Measures>({ sizes: new Map(), width: 0 })
  const observer = useRef<ResizeObserver | null>(null)
  const rowRef = useCallback((element: HTMLElement | null) => {
    if (element === null) return
    observer.current ??= new ResizeObserver((entries) => {
      let changed = false
      const { sizes } = measured.current
      for (const entry of entries) {
        const key = (entry.target as HTMLElement).dataset.rowKey
        const box = entry.borderBoxSize[0]
        const height = box?.blockSize ?? entry.contentRect.height
        // Whole px: rows stretched alike across the list may differ in a fraction.
        const width = Math.round(box?.inlineSize ?? entry.contentRect.width)
        const was = key === undefined ? undefined : sizes.get(key)
        if (key === undefined || !entry.target.isConnected || (was?.height === height && was.width === width))
          continue
        sizes.set(key, { height, width })
        measured.current.width = width
        changed = true
      }
      if (changed) setMeasures({ sizes: new Map(sizes), width: measured.current.width })
    })
    const seen = observer.current
    seen.observe(element)
    return () => seen.unobserve(element)
  }, [])
  useLayoutEffect(() => () => observer.current?.disconnect(), [])

  // Where the scroller's visible part stands over the list, and the focus in the list.
  useLayoutEffect(() => {
    const element = list.current
    const box = element === null ? null : scrollerOf(element)
    if (element === null || box === null) return
    scroller.current = box
    const read = (): void => {
      anchor.current = anchorOf(element, box)
      const top = box.getBoundingClientRect().top + box.clientTop
      const from = Math.floor((top - element.getBoundingClientRect().top) / STEP_PX) * STEP_PX
      const height = Math.ceil(box.clientHeight / STEP_PX) * STEP_PX
      setView((shown) => (shown.from === from && shown.height === height ? shown : { from, height }))
    }
    read()
    const resized = new ResizeObserver(read)
    resized.observe(box)
    box.addEventListener('scroll', read, { passive: true })
    const focusIn = (event: FocusEvent): void => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-key]')
      setFocused(row?.parentElement === element ? (row.dataset.rowKey ?? null) : null)
    }
    const focusOut = (event: FocusEvent): void => {
      if (!(event.relatedTarget instanceof Node) || !element.contains(event.relatedTarget)) setFocused(null)
    }
    element.addEventListener('focusin', focusIn)
    element.addEventListener('focusout', focusOut)
    return () => {
      resized.disconnect()
      box.removeEventListener('scroll', read)
      element.removeEventListener('focusin', focusIn)
      element.removeEventListener('focusout', focusOut)
    }
  }, [])

  // After every drawing: the row held moved by what came, went or grew above it; scroll by as much.
  useLayoutEffect(() => {
    const element = list.current
    const box = scroller.current
    if (element === null || box === null) return
    const held = anchor.current
    const row = held === null ? null : rowOf(element, held.key)
    if (held !== null && row !== null) {
      // Measured in the scrolled content, so a scroll whose event has not come yet is not undone.
      const moved = topIn(row, box) + box.scrollTop - held.at
      if (Math.abs(moved) >= 0.5) box.scrollTop += moved
    }
    anchor.current = anchorOf(element, box)
  })

  const keys = useMemo(() => items.map(getKey), [items, getKey])
  const shown = useMemo(() => {
    const focusedAt = focused === null ? -1 : keys.indexOf(focused)
    const revealed = keys.indexOf(props.reveal ?? '')
    return windowRows({
      // A row not yet drawn at this width is guessed at the rows' mean: cards of one list are alike.
      heights: rowHeights(keys, measures.sizes, measures.width, estimate),
      gap,
      from: view.from,
      viewportHeight: view.height,
      overscan: OVERSCAN_PX,
      kept: [...(focusedAt < 0 ? [] : [focusedAt - 1, focusedAt, focusedAt + 1]), revealed],
    })
  }, [keys, measures, estimate, gap, view, focused, props.reveal])

  const rows = shown.rows.map(({ index, spaceBefore }, at) => {
    const item = items[index] as T
    const key = keys[index]!
    const last = at === shown.rows.length - 1
    return (
      <li
        key={key}
        ref={rowRef}
        className={props.rowClass?.(item)}
        // Both always set: a margin taken away (a row no longer last) was left on the row.
        style={{ marginTop: spaceBefore, marginBottom: last ? shown.spaceAfter : 0 }}
        aria-setsize={items.length}
        aria-posinset={index + 1}
        data-row-key={key}
      >
        {props.renderRow(item, index)}
      </li>
    )
  })
  const List = props.ordered === true ? 'ol' : 'ul'
  return (
    <List ref={list} className={props.className} aria-label={props.label}>
      {rows}
    </List>
  )
}

/** Each row's size as last measured, by key, and the width the rows were last measured at. */
interface Measures {
  sizes: Map<string, RowSize>
  width: number
}

/** A row held in place, by key, and where its top stands in the scroller's content, in px. */
interface Anchor {
  readonly key: string
  readonly at: number
}

/** Where `row`'s top stands below `box`'s visible top. */
function topIn(row: Element, box: HTMLElement): number {
  return row.getBoundingClientRect().top - (box.getBoundingClientRect().top + box.clientTop)
}

/** The drawn row keyed `key` in `list`, or null. */
function rowOf(list: HTMLElement, key: string): HTMLElement | null {
  for (const row of list.children) if ((row as HTMLElement).dataset.rowKey === key) return row as HTMLElement
  return null
}

/** The first row on screen, or null while the list's top is on screen (nothing above to hold for). */
function anchorOf(list: HTMLElement, box: HTMLElement): Anchor | null {
  if (topIn(list, box) >= 0) return null
  for (const row of list.children) {
    const top = topIn(row, box)
    const key = (row as HTMLElement).dataset.rowKey
    if (key !== undefined && top + row.getBoundingClientRect().height > 0)
      return { key, at: top + box.scrollTop }
  }
  return null
}

/** The nearest ancestor of `element` that scrolls vertically. */
function scrollerOf(element: HTMLElement): HTMLElement | null {
  for (let at = element.parentElement; at !== null; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowY
    if (overflow === 'auto' || overflow === 'scroll') return at
  }
  return document.scrollingElement instanceof HTMLElement ? document.scrollingElement : null
}
