import { describe, expect, it } from 'vitest'
import { rowHeights, windowRows } from '../../../src/renderer/logic/window-rows'

const rowsOf = (count: number, height = 100): number[] => Array.from({ length: count }, () => height)

describe('the rows a long list draws', () => {
  it('draws the rows on screen and a margin, and stands in for the rest with their space', () => {
    const shown = windowRows({
      heights: rowsOf(200),
      gap: 10,
      from: 5_500,
      viewportHeight: 500,
      overscan: 200,
      kept: [],
    })
    const drawn = shown.rows.map((row) => row.index)
    expect(drawn).toEqual([48, 49, 50, 51, 52, 53, 54, 55, 56])
    // Every row before the first drawn, with the gap after it; and after the last drawn.
    expect(shown.rows[0]!.spaceBefore).toBe(48 * 110)
    expect(shown.spaceAfter).toBe((200 - 57) * 110)
  })

  it('keeps the focused row and its neighbours drawn wherever the list is scrolled', () => {
    const shown = windowRows({
      heights: rowsOf(200),
      gap: 0,
      from: 10_000,
      viewportHeight: 300,
      overscan: 0,
      kept: [2, 3, 4],
    })
    expect(shown.rows.slice(0, 4)).toEqual([
      { index: 2, spaceBefore: 200 },
      { index: 3, spaceBefore: 0 },
      { index: 4, spaceBefore: 0 },
      { index: 99, spaceBefore: 9_400 },
    ])
  })

  it('places each drawn row where it would stand if every row were drawn', () => {
    const heights = [40, 300, 55, 120, 80, 80, 200, 35]
    const gap = 8
    const shown = windowRows({ heights, gap, from: 400, viewportHeight: 100, overscan: 0, kept: [0] })
    let y = 0
    const place = new Map<number, number>()
    heights.forEach((height, index) => {
      place.set(index, y)
      y += height + gap
    })
    let at = 0
    for (const row of shown.rows) {
      at += row.spaceBefore
      expect(at).toBe(place.get(row.index))
      at += heights[row.index]! + gap
    }
    expect(at + shown.spaceAfter).toBe(y)
  })

  it('draws nothing for an empty list, and ignores kept rows that are gone', () => {
    expect(
      windowRows({ heights: [], gap: 8, from: 0, viewportHeight: 500, overscan: 100, kept: [3] }),
    ).toEqual({
      rows: [],
      spaceAfter: 0,
    })
  })
})

describe('the heights a long list goes by', () => {
  const keys = ['a', 'b', 'c', 'd']

  it('guesses a row never drawn at the mean of those measured, or the estimate before any is', () => {
    const sizes = new Map([
      ['a', { height: 100, width: 400 }],
      ['c', { height: 140, width: 400 }],
    ])
    expect(rowHeights(keys, sizes, 400, 90)).toEqual([100, 120, 140, 120])
    expect(rowHeights(keys, new Map(), 400, 90)).toEqual([90, 90, 90, 90])
  })

  it('guesses again, at the new width, the rows measured before the list was narrowed', () => {
    // Rows a and b were drawn at the old width and are off screen now; c and d were measured again.
    const sizes = new Map([
      ['a', { height: 100, width: 400 }],
      ['b', { height: 100, width: 400 }],
      ['c', { height: 180, width: 250 }],
      ['d', { height: 220, width: 250 }],
    ])
    expect(rowHeights(keys, sizes, 250, 90)).toEqual([200, 200, 180, 220])
    // Widened back before any is drawn again: the heights measured at that width hold again.
    expect(rowHeights(keys, sizes, 400, 90)).toEqual([100, 100, 100, 100])
  })
})
