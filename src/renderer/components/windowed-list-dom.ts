/**
 * Where a windowed list's rows stand in the element that scrolls it: the row to hold in place,
 * whether the list's end is in view, and bringing it there.
 */

/** A row held in place, by key, and where its top stands in the scroller's content, in px. */
export interface Anchor {
  readonly key: string
  readonly at: number
}

// Within this many pixels of the end the scroller counts as showing its end: a fractional scroll
// position or a line of rounding must not stop a conversation from following.
const AT_END_SLACK_PX = 24

/** Where `row`'s top stands below `box`'s visible top. */
export function topIn(row: Element, box: HTMLElement): number {
  return row.getBoundingClientRect().top - (box.getBoundingClientRect().top + box.clientTop)
}

/** The drawn row keyed `key` in `list`, or null. */
export function rowOf(list: HTMLElement, key: string): HTMLElement | null {
  for (const row of list.children) if ((row as HTMLElement).dataset.rowKey === key) return row as HTMLElement
  return null
}

/** The first row on screen, or null while the list's top is on screen (nothing above to hold for). */
export function anchorOf(list: HTMLElement, box: HTMLElement): Anchor | null {
  if (topIn(list, box) >= 0) return null
  for (const row of list.children) {
    const top = topIn(row, box)
    const key = (row as HTMLElement).dataset.rowKey
    if (key !== undefined && top + row.getBoundingClientRect().height > 0)
      return { key, at: top + box.scrollTop }
  }
  return null
}

/** Whether `box` is scrolled to its end. */
export function showsEnd(box: HTMLElement): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= AT_END_SLACK_PX
}

/** Scrolls `box` to its end; answers the scroll position it came to. */
export function scrollToEnd(box: HTMLElement): number {
  box.scrollTop = box.scrollHeight
  return box.scrollTop
}

/** The nearest ancestor of `element` that scrolls vertically. */
export function scrollerOf(element: HTMLElement): HTMLElement | null {
  for (let at = element.parentElement; at !== null; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowY
    if (overflow === 'auto' || overflow === 'scroll') return at
  }
  return document.scrollingElement instanceof HTMLElement ? document.scrollingElement : null
}
