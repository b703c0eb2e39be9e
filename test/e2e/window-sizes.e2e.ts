/**
 * Every section at the sizes an expert sees it: the full window at its smallest, as Electron opens
 * it, and made wide. Nothing may reach past the window's edge (a row's amount or Add note, a
 * setting's button), History's rows, placed at a height set in script, must hold what the
 * stylesheet lays out in them, also after the window is resized from wide to narrow, and each
 * layout passes WCAG 2.1 AA.
 */
import type { Page } from 'playwright'
import { expect, it } from 'vitest'
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE, type WindowSize } from '../../src/shared/window-sizes'
import { busyDay } from './support/busy-day'
import { useE2e } from './support/fixture'
import { accept, cachedInvite } from './support/scenario'
import { accessibilityViolations, rowPartsOutside, sidewaysOverflows } from './support/screens'

const world = useE2e()

/** A window made wide, with the sections in a sidebar. */
const WIDE: WindowSize = { width: 1120, height: 780 }

/** Each section, with what shows once it has its data. */
const SECTIONS: ReadonlyArray<{ nav: RegExp; shown: (page: Page) => Promise<void> }> = [
  {
    nav: /^Live session/,
    shown: (page) => page.getByText('Building context · not billable').first().waitFor(),
  },
  {
    nav: /^Invites/,
    shown: (page) =>
      page
        .getByRole('article', { name: 'Redux to Zustand: is it worth it?' })
        .getByRole('button', { name: /^Book/ })
        .first()
        .waitFor(),
  },
  {
    nav: /^Upcoming/,
    shown: (page) => page.getByRole('heading', { name: 'Accessibility audit of a checkout' }).waitFor(),
  },
  {
    nav: /^History/,
    shown: (page) => page.getByRole('list', { name: 'Past sessions' }).getByText('Discounted 25%').waitFor(),
  },
  { nav: /^My stats/, shown: (page) => page.getByText('Sessions done').waitFor() },
  { nav: /^Settings/, shown: (page) => page.getByRole('button', { name: 'Set availability' }).waitFor() },
]

/** Visit every section of `page` and say what does not fit in each, or fails WCAG 2.1 AA at its size. */
async function misfits(page: Page): Promise<string[]> {
  const found: string[] = []
  for (const section of SECTIONS) {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: section.nav })
      .click()
    await section.shown(page)
    const size = page.viewportSize()
    const where = `${section.nav.source} at ${size?.width}×${size?.height}`
    found.push(...(await sidewaysOverflows(page)).map((line) => `${where}: ${line}`))
    found.push(...(await rowPartsOutside(page)).map((line) => `${where}: ${line}`))
    found.push(...(await accessibilityViolations(page)).map((line) => `${where}: ${line}`))
  }
  return found
}

// One test per size, each with its own busy day, so each stays well within its time on a busy machine.
it.each([
  ['at its smallest', MAIN_WINDOW_MIN_SIZE],
  ['as it opens', MAIN_WINDOW_SIZE],
  ['made wide', WIDE],
])('fits every section in the window %s', async (_name, size) => {
  const { adaShell, page } = await busyDay(world, size)
  // A live session too: the instant invite, joined.
  const core = adaShell.shell.runtime.core
  const instant = core.cache
    .openInvites(core.platformClock.now())
    .find((invite) => invite.request.title === 'useEffect runs twice in development')
  expect(instant).toBeDefined()
  await accept(adaShell, await cachedInvite(adaShell, instant!.request.id))

  expect(await misfits(page)).toEqual([])
})

it('keeps the section bar to two rows in the window as it opens, with a live session', async () => {
  const { adaShell, page } = await busyDay(world)
  const core = adaShell.shell.runtime.core
  const instant = core.cache
    .openInvites(core.platformClock.now())
    .find((invite) => invite.request.title === 'useEffect runs twice in development')
  await accept(adaShell, await cachedInvite(adaShell, instant!.request.id))
  // The longest presence there is, and a count beside three sections.
  const presence = page.getByRole('button', { name: 'Ada Byron Busy — in a session' })
  await presence.waitFor()
  const bar = page.locator('.sidebar')
  // A row is what lies beside the first item that starts below the one before it.
  const rows = await bar.evaluate((sidebar) => {
    const boxes = [...sidebar.querySelectorAll('.nav-item, .me')].map((item) => item.getBoundingClientRect())
    let count = 0
    let bottom = Number.NEGATIVE_INFINITY
    for (const box of boxes) {
      if (box.top >= bottom) {
        count += 1
        bottom = box.bottom
      } else bottom = Math.max(bottom, box.bottom)
    }
    return { items: boxes.length, count }
  })
  expect(rows).toEqual({ items: 7, count: 2 })
})

it('lays History out again when the window is made narrow', async () => {
  const { page } = await busyDay(world, WIDE)
  await page.getByRole('button', { name: /^History/ }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  await list.getByText('Discounted 25%').waitFor()
  const wideRow = await list.getByRole('listitem').first().boundingBox()

  await page.setViewportSize(MAIN_WINDOW_SIZE)
  // The rows are placed again at the narrow layout's height once the page has heard of the change.
  await page.waitForFunction((wideHeight) => {
    const row = document.querySelector('.virtual-row')
    return row !== null && row.getBoundingClientRect().height !== wideHeight
  }, wideRow?.height ?? 0)
  expect(await rowPartsOutside(page)).toEqual([])
  expect(await sidewaysOverflows(page)).toEqual([])
  await list.getByRole('button', { name: /note/i }).first().click()
  await page.getByRole('region', { name: 'Private note' }).waitFor()
})
