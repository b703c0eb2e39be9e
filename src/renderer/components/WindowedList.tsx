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
 * A conversation (`followEnd`) opens at its end and keeps its end in view as rows come and are
 * measured, for as long as the expert reads the end; scrolled away, it holds still like any list.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { rowHeights, windowRows, type RowSize } from '../logic/window-rows'
import {
  anchorOf,
  heldOrFirst,
  holdRow,
  rowOf,
  scrollerOf,
  scrollToEnd,
  showsEnd,
  type Anchor,
} from './windowed-list-dom'

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
  /** Opens at the end and follows it while the expert reads it (a conversation, newest last). */
  readonly followEnd?: boolean
  /** For a list following its end: a new value brings the end into view and follows it again. */
  readonly toEnd?: string
  /** For a list following its end: told when the expert leaves the end or comes back to it. */
  readonly onEndShown?: (shown: boolean) => void
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
  const followEnd = props.followEnd === true
  const list = useRef<HTMLUListElement & HTMLOListElement>(null)
  const [view, setView] = useState({ from: 0, height: 0 })
  const [measures, setMeasures] = useState<Measures>(() => ({ sizes: new Map(), width: 0 }))
  const [focused, setFocused] = useState<string | null>(null)
  const scroller = useRef<HTMLElement | null>(null)
  // Reads where the scroller's visible part stands, and the scroll position it was read at: a
  // drawing that finds the scroller elsewhere reads it again, for a scroll whose event has not come.
  const readView = useRef<() => void>(() => undefined)
  const readAt = useRef(0)
  // The first row on screen and where its top stood in the scroller's content, after the last drawing or scroll.
  const anchor = useRef<Anchor | null>(null)
  // Whether the list follows its end, and the scroll position it last put the end at: a scroll
  // found elsewhere was the expert's, even before its event comes (at the next frame).
  const follow = useRef<Follow>({ on: followEnd, at: null, toEnd: props.toEnd })
  const onEndShown = useRef(props.onEndShown)
  useLayoutEffect(() => {
    onEndShown.current = props.onEndShown
  })
  const following = useCallback((on: boolean): void => {
    if (follow.current.on === on) return
    follow.current.on = on
    onEndShown.current?.(on)
  }, [])

  // Every row's element, measured as it is drawn and whenever its size changes, and the list's
  // width then: the window narrowed or widened, the rows drawn are measured again and those off
  // screen are guessed again. The list's width, not a row's: a row may be narrower than the
  // list (a message's bubble). The observer is made at the first row's drawing, which comes
  // before the list's own effects.
  const measured = useRef<Measures>({ sizes: new Map(), width: 0 })
  const observer = useRef<ResizeObserver | null>(null)
  const rowRef = useCallback((element: HTMLElement | null) => {
    if (element === null) return
    observer.current ??= new ResizeObserver(() => {
      const rows = list.current?.children
      if (rows === undefined) return
      const width = Math.round(list.current!.getBoundingClientRect().width)
      const { sizes } = measured.current
      let changed = width !== measured.current.width
      // Every row drawn, read at once: a row whose own size did not change may still be the
      // only one left measured at an old width.
      for (const row of rows) {
        const key = (row as HTMLElement).dataset.rowKey
        if (key === undefined) continue
        const height = row.getBoundingClientRect().height
        const was = sizes.get(key)
        if (was?.height === height && was.width === width) continue
        sizes.set(key, { height, width })
        changed = true
      }
      measured.current.width = width
      if (changed) setMeasures({ sizes: new Map(sizes), width })
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
      readAt.current = box.scrollTop
      // Where a hold put the box (its scroll event, a resize), the hold goes on with its fractions.
      anchor.current = heldOrFirst(anchor.current, element, box)
      const top = box.getBoundingClientRect().top + box.clientTop
      const from = Math.floor((top - element.getBoundingClientRect().top) / STEP_PX) * STEP_PX
      const height = Math.ceil(box.clientHeight / STEP_PX) * STEP_PX
      setView((shown) => (shown.from === from && shown.height === height ? shown : { from, height }))
    }
    read()
    readView.current = read
    const resized = new ResizeObserver(() => {
      // A box made shorter or taller keeps its end in view while followed.
      if (follow.current.on) follow.current.at = scrollToEnd(box)
      read()
    })
    resized.observe(box)
    const scrolled = (): void => {
      // Where the list itself put the end, whatever has grown since; anywhere else, the expert's.
      if (followEnd && box.scrollTop !== follow.current.at) following(showsEnd(box))
      read()
    }
    box.addEventListener('scroll', scrolled, { passive: true })
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
      box.removeEventListener('scroll', scrolled)
      element.removeEventListener('focusin', focusIn)
      element.removeEventListener('focusout', focusOut)
    }
  }, [following, followEnd])

  // After every drawing: a followed end is brought into view again; otherwise the row held moved
  // by what came, went or grew above it, and the list scrolls by as much.
  useLayoutEffect(() => {
    const element = list.current
    const box = scroller.current
    if (element === null || box === null) return
    const unread = box.scrollTop !== readAt.current
    // Elsewhere than a hold left it: the expert's scroll, whose event has not come yet.
    const scrolled = unread && box.scrollTop !== anchor.current?.settled
    let holding = false
    const state = follow.current
    if (followEnd && state.toEnd !== props.toEnd) {
      state.toEnd = props.toEnd
      following(true)
    } else if (state.on && state.at !== null && box.scrollTop !== state.at && !showsEnd(box)) following(false)
    if (state.on) state.at = scrollToEnd(box)
    else {
      const held = anchor.current
      const row = held === null ? null : rowOf(element, held.key)
      // Measured in the scrolled content, so a scroll whose event has not come yet is not undone.
      if (held !== null && row !== null) {
        anchor.current = holdRow(held, row, box)
        holding = true
      }
    }
    // The row held is read again only once the expert scrolled, or nothing was held.
    anchor.current = scrolled || !holding ? anchorOf(element, box) : heldOrFirst(anchor.current, element, box)
    if (unread) readView.current()
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
      kept: [
        ...(focusedAt < 0 ? [] : [focusedAt - 1, focusedAt, focusedAt + 1]),
        revealed,
        // A conversation's newest row, wherever the expert reads: a live region reads out what comes.
        followEnd ? keys.length - 1 : -1,
      ],
    })
  }, [keys, measures, estimate, gap, view, focused, props.reveal, followEnd])

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

/** Whether a list follows its end, the scroll position it last put the end at, and the last `toEnd` seen. */
interface Follow {
  on: boolean
  at: number | null
  toEnd: string | undefined
}
