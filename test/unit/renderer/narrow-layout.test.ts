import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NARROW_LAYOUT_QUERY } from '../../../src/renderer/components/use-narrow-layout'
import {
  MAIN_WINDOW_MIN_SIZE,
  MAIN_WINDOW_SIZE,
  NARROW_LAYOUT_MAX_WIDTH,
  POPOVER_SIZE,
} from '../../../src/shared/window-sizes'

const stylesheet = readFileSync(join(process.cwd(), 'src/renderer/styles/narrow.css'), 'utf8')

describe('the narrow layout', () => {
  it('is the stylesheet’s for exactly the widths the script lays History out narrow for', () => {
    const queries = [...stylesheet.matchAll(/@media\s*([^{]+?)\s*\{/g)].map((match) => match[1])
    expect(queries).toEqual([NARROW_LAYOUT_QUERY])
  })

  it('is what the full window opens at, its smallest size and the popover', () => {
    for (const size of [MAIN_WINDOW_SIZE, MAIN_WINDOW_MIN_SIZE, POPOVER_SIZE])
      expect(size.width).toBeLessThanOrEqual(NARROW_LAYOUT_MAX_WIDTH)
  })
})
