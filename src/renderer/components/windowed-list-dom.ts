/**
 * Where a windowed list's rows stand in the element that scrolls it: the row to hold in place,
 * whether the list's end is in view, and bringing it there.
 */

/**
 * A row held in place, by key; where its top stands in the scroller's content, in px; the scroll
 * position it is held at, in fractions of a pixel; and the whole pixel the scroller came to.
 */
export interface Anchor {
  readonly key: string
  readonly at: number
  readonly scroll: number
  readonly settled: number
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
      return { key, at: top + box.scrollTop, scroll: box.scrollTop, settled: box.scrollTop }
  }
  return null
}

/**
 * Scrolls `box` by as much as `row`, held by `held`, moved in the content; answers the anchor that
 * holds it from now on. The box scrolls by whole pixels while rows stand at fractions of one: the
 * scroll aimed at is kept in fractions from one hold to the next, where a hold that started from
 * where the box came to let the row creep by up to half a pixel at each change above it. A scroll
 * of the expert's since (the box elsewhere than the hold left it) counts from where it is.
 */
export function holdRow(held: Anchor, row: Element, box: HTMLElement): Anchor {
  const at = topIn(row, box) + box.scrollTop
  const end = box.scrollHeight - box.clientHeight
  // Content gone above a box at its end: the browser brought the scroll up by as much already,
  // which counted from would take it off twice. A hold goes on from where it aimed.
  const clamped = held.settled > end && Math.abs(box.scrollTop - end) < 1
  const aim = (box.scrollTop === held.settled || clamped ? held.scroll : box.scrollTop) + at - held.at
  // Rounded here: a browser that drops the fraction would leave the row up to a pixel off.
  if (Math.abs(aim - box.scrollTop) >= 0.5) box.scrollTop = Math.round(aim)
  const settled = box.scrollTop
  // Past either end the box stops short of the aim: what it came to is where the next hold starts.
  return { key: held.key, at, scroll: Math.abs(aim - settled) < 1 ? aim : settled, settled }
}

/**
 * The row to hold from now on: `held`, while the box stands where the hold left it and the row is
 * drawn, so the hold goes on with its fractions; else the first row on screen, read afresh.
 */
export function heldOrFirst(held: Anchor | null, list: HTMLElement, box: HTMLElement): Anchor | null {
  const first = anchorOf(list, box)
  const kept = held !== null && held.settled === box.scrollTop && rowOf(list, held.key) !== null
  return first !== null && kept ? held : first
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
