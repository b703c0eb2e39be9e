import { describe, expect, it } from 'vitest'
import { scrollTopAfterRowHeightChange } from '../../../src/renderer/logic/virtual-range'

describe('where a virtual list scrolls to when its rows change height', () => {
  it('keeps the row at the top at the top, part way through it as it was', () => {
    const change = { from: 56, to: 96, viewportHeight: 500, focusedIndex: null }
    expect(scrollTopAfterRowHeightChange({ ...change, scrollTop: 100 * 56 })).toBe(100 * 96)
    expect(scrollTopAfterRowHeightChange({ ...change, scrollTop: 100 * 56 + 28 })).toBe(100 * 96 + 48)
    expect(scrollTopAfterRowHeightChange({ ...change, scrollTop: 0 })).toBe(0)
  })

  it('brings a focused row that would fall below the viewport up to its bottom edge', () => {
    const top = scrollTopAfterRowHeightChange({
      scrollTop: 100 * 56,
      from: 56,
      to: 96,
      viewportHeight: 480,
      focusedIndex: 108,
    })
    expect(top).toBe(109 * 96 - 480)
  })

  it('leaves a focused row that stays on screen where it is', () => {
    const change = { scrollTop: 100 * 56, from: 56, to: 96, viewportHeight: 480, focusedIndex: 102 }
    expect(scrollTopAfterRowHeightChange(change)).toBe(100 * 96)
  })

  it('shows the top of a focused row taller than the viewport', () => {
    const change = { scrollTop: 100 * 56, from: 56, to: 96, viewportHeight: 60, focusedIndex: 101 }
    expect(scrollTopAfterRowHeightChange(change)).toBe(101 * 96)
  })
})
