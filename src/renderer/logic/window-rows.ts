/**
 * Which rows of a list of rows of differing heights to put in the page: those on screen and a
 * margin around them, and the rows kept for the keyboard's sake. Rows not put in the page are
 * stood in for by the space they take, so the scrollbar and the rows' places stay true.
 */

/** The list's place in its scroller and what is known of its rows. */
export interface WindowInput {
  /** Each row's height in px, measured once drawn, guessed before. */
  readonly heights: ReadonlyArray<number>
  /** The space between two rows, in px. */
  readonly gap: number
  /** How far the scroller's visible top is below the list's top, in px (negative above it). */
  readonly from: number
  readonly viewportHeight: number
  /** Rows drawn beyond each edge of the visible part, in px, so fast scrolling shows no gap. */
  readonly overscan: number
  /** Rows put in the page wherever they are (the focused row and its neighbours). */
  readonly kept: ReadonlyArray<number>
}

/** A row to draw and the space before it that stands for the rows left out above it. */
export interface DrawnRow {
  readonly index: number
  readonly spaceBefore: number
}

/** The rows to draw, in order, and the space after the last that stands for the rows below it. */
export interface RowWindow {
  readonly rows: ReadonlyArray<DrawnRow>
  readonly spaceAfter: number
}

/** The rows on screen and around it, plus the kept ones. */
export function windowRows(input: WindowInput): RowWindow {
  const { heights, gap } = input
  const count = heights.length
  const top = input.from - input.overscan
  const bottom = input.from + Math.max(0, input.viewportHeight) + input.overscan
  const drawn = new Set<number>()
  let y = 0
  for (let index = 0; index < count; index++) {
    const end = y + heights[index]!
    if (end >= top && y <= bottom) drawn.add(index)
    y = end + gap
  }
  for (const index of input.kept) if (index >= 0 && index < count) drawn.add(index)
  const order = [...drawn].sort((a, b) => a - b)
  const rows: DrawnRow[] = []
  let next = 0
  for (const index of order) {
    rows.push({ index, spaceBefore: spaceOf(heights, gap, next, index) })
    next = index + 1
  }
  return { rows, spaceAfter: spaceOf(heights, gap, next, count) }
}

/** The space rows [from, to) take with the gap after each, as they stand between two drawn rows. */
function spaceOf(heights: ReadonlyArray<number>, gap: number, from: number, to: number): number {
  let space = 0
  for (let index = from; index < to; index++) space += heights[index]! + gap
  return space
}

/** A row's size as last measured: its height, and the width it had then. */
export interface RowSize {
  readonly height: number
  readonly width: number
}

/**
 * Each row's height at the list's present width, in the order of `keys`. A row measured at
 * another width (the window was narrowed or widened while it was off screen) is guessed again,
 * like a row never drawn, at the mean of the rows measured at this width: its old height would
 * put every row below it and the scrollbar out until it is drawn again.
 */
export function rowHeights(
  keys: ReadonlyArray<string>,
  sizes: ReadonlyMap<string, RowSize>,
  width: number,
  estimate: number,
): number[] {
  let sum = 0
  let count = 0
  for (const size of sizes.values())
    if (size.width === width) {
      sum += size.height
      count++
    }
  const guess = count === 0 ? estimate : sum / count
  return keys.map((key) => {
    const size = sizes.get(key)
    return size !== undefined && size.width === width ? size.height : guess
  })
}
