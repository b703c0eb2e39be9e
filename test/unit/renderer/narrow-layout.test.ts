import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  HISTORY_ROW_HEIGHT,
  HISTORY_STACKED_MAX_WIDTH,
  historyRowHeight,
} from '../../../src/renderer/logic/history-row-height'
import {
  MAIN_WINDOW_MIN_SIZE,
  MAIN_WINDOW_SIZE,
  NARROW_LAYOUT_MAX_WIDTH,
  POPOVER_SIZE,
} from '../../../src/shared/window-sizes'

const styles = (name: string): string =>
  readFileSync(join(process.cwd(), 'src/renderer/styles', name), 'utf8')
const queries = (css: string, rule: string): string[] =>
  [...css.matchAll(new RegExp(`@${rule}\\s*([^{]+?)\\s*\\{`, 'g'))].map((match) => match[1] ?? '')

describe('the narrow layout', () => {
  it('is the stylesheet’s for the widths under NARROW_LAYOUT_MAX_WIDTH', () => {
    expect(queries(styles('narrow.css'), 'media')).toEqual([`(max-width: ${NARROW_LAYOUT_MAX_WIDTH}px)`])
  })

  it('is what the full window opens at, its smallest size and the popover', () => {
    for (const size of [MAIN_WINDOW_SIZE, MAIN_WINDOW_MIN_SIZE, POPOVER_SIZE])
      expect(size.width).toBeLessThanOrEqual(NARROW_LAYOUT_MAX_WIDTH)
  })
})

describe('History’s stacked rows', () => {
  it('are the stylesheet’s for exactly the list widths the script places stacked rows for', () => {
    expect(queries(styles('history-rows.css'), 'container')).toEqual([
      `(max-width: ${HISTORY_STACKED_MAX_WIDTH}px)`,
    ])
    expect(historyRowHeight(HISTORY_STACKED_MAX_WIDTH)).toBe(HISTORY_ROW_HEIGHT.narrow)
    expect(historyRowHeight(HISTORY_STACKED_MAX_WIDTH + 1)).toBe(HISTORY_ROW_HEIGHT.wide)
  })

  it('are what the full window as it opens, at its smallest and the popover get: their lists are narrower still', () => {
    for (const size of [MAIN_WINDOW_SIZE, MAIN_WINDOW_MIN_SIZE, POPOVER_SIZE])
      expect(historyRowHeight(size.width)).toBe(HISTORY_ROW_HEIGHT.narrow)
  })
})
