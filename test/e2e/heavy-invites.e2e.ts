/**
 * A hundred open invites, each as heavy as an invite may be (bench/heavy-invites.ts measures what
 * they cost): the keyboard reaches and opens the last card, on screen, find in page finds its
 * words (the attachments a card does not show at first among them), a card shows all its
 * attachments on request, and the section passes WCAG 2.1 AA in both themes. Whatever is done to make such a list
 * cheaper to lay out (content-visibility on cards was tried: axe then misreads the colours of
 * cards the browser skipped) must keep these.
 */
import type { Page } from 'playwright'
import { expect, it } from 'vitest'
import { MAIN_WINDOW_SIZE } from '../../src/shared/window-sizes'
import { anInvite, aRequest, FIXTURE_NOW } from '../support/fixtures'
import { heaviestInvites } from '../support/heaviest-invites'
import { useOfflineWindow } from './support/offline-window'
import { checkScreen } from './support/screens'
import { focusLandsOn, frameAlive } from './support/waits'

const openWindow = useOfflineWindow()

/** Ada's window, as it opens, over a cache holding `count` of the heaviest invites. */
async function heavyWindow(count = 100): Promise<Page> {
  const page = await openWindow({ openInvites: heaviestInvites(count) }, MAIN_WINDOW_SIZE)
  await page
    .getByRole('article')
    .nth(count - 1)
    .waitFor({ state: 'attached' })
  // The cards above may be the host's frame, inert until React has it.
  await frameAlive(page)
  return page
}

it('lets Shift+Tab reach the last card, on screen, and Enter open its messages', async () => {
  const page = await heavyWindow()
  // From the top of the page, Shift+Tab goes round to the last control: the last card's Decline.
  await page.locator('body').focus()
  await page.keyboard.press('Shift+Tab')
  const last = page.locator('article.invite').nth(99)
  const decline = last.getByRole('button', { name: /^Decline/ })
  await focusLandsOn(decline)
  const box = (await decline.boundingBox())!
  expect(box.y).toBeGreaterThanOrEqual(0)
  expect(box.y + box.height).toBeLessThanOrEqual(MAIN_WINDOW_SIZE.height)
  // The control before it opens the card's thread with the client.
  await page.keyboard.press('Shift+Tab')
  const message = last.getByRole('button', { name: 'Message client' })
  await focusLandsOn(message)
  await page.keyboard.press('Enter')
  await last.getByRole('button', { name: 'Hide messages', expanded: true }).waitFor()
})

it('finds the words of the last card in page, and opens its attachments and description where they are', async () => {
  const page = await heavyWindow()
  // Searching from the top each time, as a new find in page does.
  const find = (text: string): Promise<boolean> =>
    page.evaluate((words) => {
      window.getSelection()?.removeAllRanges()
      return (window as unknown as { find(text: string): boolean }).find(words)
    }, text)
  const findsIn = (): Promise<string | null | undefined> =>
    page.evaluate(
      () =>
        window.getSelection()?.anchorNode?.parentElement?.closest('article')?.querySelector('h3')
          ?.textContent,
    )
  const last = page.locator('article.invite').nth(99)
  // Find in page tells the hidden text holding the words it found (window.find does not): it opens.
  const opensWhereFound = (words: string): Promise<boolean> =>
    last
      .locator('[hidden="until-found"]', { hasText: words })
      .evaluate((hidden) => hidden.dispatchEvent(new Event('beforematch', { bubbles: true })))
  const title = heaviestInvites()[99]?.request.title
  // The last card's last attachment's name, past the rows a card shows at first.
  expect(await find('_99-19.png')).toBe(true)
  expect(await findsIn()).toBe(title)
  expect(await opensWhereFound('_99-19.png')).toBe(true)
  await last.getByRole('button', { name: 'Show fewer attachments', expanded: true }).waitFor()
  await last.getByRole('link', { name: /_99-19\.png on files\.example\.test$/ }).waitFor()
  // The last words of its description, past what the clamped description lays out.
  expect(await find('end of description 99')).toBe(true)
  expect(await findsIn()).toBe(title)
  expect(await opensWhereFound('end of description 99')).toBe(true)
  await last.getByRole('button', { name: 'Show less', expanded: true }).waitFor()
  expect(await last.locator('.description-text').innerText()).toContain('end of description 99')
})

it('shows a card’s first attachments, and all of them from the keyboard on “Show all 20 attachments”', async () => {
  const page = await heavyWindow()
  // The window took over the host's frame as it was: nothing differed, nothing was drawn again.
  expect(await page.locator('html').getAttribute('data-first-frame')).toBe('hydrated')
  const first = page.locator('article.invite').first()
  const list = first.getByRole('list', { name: 'Attachments' })
  expect(await list.getByRole('listitem').count()).toBe(3)
  // The keyboard goes from the last row shown to the button that shows the rest.
  await list.getByRole('link').last().focus()
  await page.keyboard.press('Tab')
  const showAll = first.getByRole('button', { name: 'Show all 20 attachments', expanded: false })
  await focusLandsOn(showAll)
  await page.keyboard.press('Enter')
  // The rows shown come above the button: the focus goes to the first of them, where reading on
  // and the next Tab go through them rather than past them.
  await focusLandsOn(list.getByRole('listitem').nth(3))
  await page.keyboard.press('Tab')
  await focusLandsOn(list.getByRole('link', { name: /_0-3\.png on files\.example\.test$/ }))
  const showFewer = first.getByRole('button', { name: 'Show fewer attachments', expanded: true })
  await showFewer.waitFor()
  expect(await list.getByRole('listitem').count()).toBe(20)
  // Each row as the first ones: the last file's Open names it and the site it opens.
  const lastLink = list.getByRole('link', { name: /_0-19\.png on files\.example\.test$/ })
  expect(await lastLink.getAttribute('href')).toBe(heaviestInvites(1)[0]?.request.attachments[19]?.url)
  // The whole link is the site's tooltip, as the pointer comes over it.
  const host = list.getByRole('listitem').last().locator('.attachment-host')
  await host.hover()
  expect(await host.getAttribute('title')).toBe(await lastLink.getAttribute('href'))
  await showFewer.focus()
  await page.keyboard.press('Space')
  await focusLandsOn(showAll)
  expect(await list.getByRole('listitem').count()).toBe(3)
  const problems = (await page.consoleMessages()).filter((message) =>
    ['error', 'warning'].includes(message.type()),
  )
  expect(problems.map((message) => message.text())).toEqual([])
})

it('finds a word the clamped description’s opening would have ended in', async () => {
  // "needlework" spans the 1,500th character, where the opening laid out ends.
  const description = `${'x'.repeat(1_490)} needlework ${'y '.repeat(300)}`
  const invite = anInvite({ request: aRequest({ description }), expiresAt: FIXTURE_NOW + 3_600_000 })
  const page = await openWindow({ openInvites: [invite] }, MAIN_WINDOW_SIZE)
  await page.getByRole('button', { name: 'Show more' }).waitFor()
  const found = await page.evaluate(() =>
    (window as unknown as { find(text: string): boolean }).find('needlework'),
  )
  expect(found).toBe(true)
})

it('passes WCAG 2.1 AA in both themes with heavy cards, one showing all its attachments', async () => {
  // Six heavy cards, most of them below the window: each adds the same markup, and axe's contrast
  // check reads every character of a card, the hidden rest of its description too (twenty cards
  // took most of a minute on a busy machine).
  const page = await heavyWindow(6)
  await page.getByRole('button', { name: 'Show all 20 attachments' }).first().click()
  await page.getByRole('button', { name: 'Show fewer attachments' }).waitFor()
  await checkScreen(page, 'invites-heaviest')
})
