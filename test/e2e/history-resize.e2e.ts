/**
 * History's list changes its rows' height when its width crosses from one layout to the other (a
 * window made narrow or wide, the sidebar coming or going): the row the expert was at stays in
 * view, and the keyboard's focus stays on the control it was on.
 */
import type { Locator } from 'playwright'
import { expect, it } from 'vitest'
import { HISTORY_ROW_HEIGHT } from '../../src/renderer/logic/history-row-height'
import { MAIN_WINDOW_SIZE } from '../../src/shared/window-sizes'
import { manySessions } from '../support/fixture-streams'
import { useOfflineWindow } from './support/offline-window'

/** A window wide enough for History's rows on one line beside the sidebar. */
const WIDE = { width: 1120, height: 780 }

const openWindow = useOfflineWindow()

it('keeps the row it was at, and the focus on it, when the list crosses into the stacked layout', async () => {
  const page = await openWindow({ sessions: manySessions(300) }, WIDE)
  await page.getByRole('button', { name: /^History/ }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  await list.getByRole('listitem').first().waitFor()
  // The first row wholly or partly on screen, and what holds the focus.
  const where = (): Promise<{ first: string | null | undefined; focused: string | null }> =>
    list.evaluate((viewport) => {
      const top = viewport.getBoundingClientRect().top
      const first = [...viewport.querySelectorAll<HTMLElement>('.virtual-row')]
        .filter((row) => row.getBoundingClientRect().bottom > top + 1)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0]
      return {
        first: first?.getAttribute('aria-posinset'),
        focused:
          document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? null,
      }
    })
  const onScreen = async (target: Locator): Promise<boolean> => {
    const outer = (await list.boundingBox())!
    const inner = (await target.boundingBox())!
    return inner.y >= outer.y - 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5
  }

  // Row 101 at the top of the wide list, the focus on row 109's note button, near the bottom.
  await list.evaluate((viewport, rowHeight) => {
    viewport.scrollTop = 100 * rowHeight
  }, HISTORY_ROW_HEIGHT.wide)
  const note = list.locator('.virtual-row[aria-posinset="109"]').getByRole('button', { name: /note/i })
  await note.focus()
  const focused = await note.getAttribute('aria-label')
  expect(await where()).toEqual({ first: '101', focused })
  expect(await onScreen(note)).toBe(true)

  await page.setViewportSize(MAIN_WINDOW_SIZE)
  await page.waitForFunction(
    (wide) => document.querySelector('.virtual-row')!.clientHeight > wide,
    HISTORY_ROW_HEIGHT.wide,
  )
  // Fewer rows fit: the focused one is brought up to stay on screen, still focused.
  expect(await where()).toEqual({ first: expect.stringMatching(/^10[1-9]$/), focused })
  expect(await onScreen(note)).toBe(true)

  await page.setViewportSize(WIDE)
  await page.waitForFunction(
    (wide) => document.querySelector('.virtual-row')!.clientHeight === wide,
    HISTORY_ROW_HEIGHT.wide,
  )
  expect(await where()).toEqual({ first: expect.stringMatching(/^10[1-9]$/), focused })
  expect(await onScreen(note)).toBe(true)
})
