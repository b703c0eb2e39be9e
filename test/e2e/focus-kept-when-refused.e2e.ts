/**
 * A button the keyboard focus is on can come to refuse presses without the expert doing anything
 * (its proposed time passes, the client leaves the room): the focus stays on it, and it says it
 * refuses, rather than dropping to the page, where the expert would have to find their place again.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { cachedInvite } from './support/scenario'
import { focusLandsOn } from './support/waits'

const world = useE2e()
const MINUTE = 60_000

it('keeps the focus on a Book whose time passes while it is focused, refusing it, in the window and the popover', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const running = await shell(ada)
  const pages = [await open(running), await open(running, { popover: true })]
  const now = platform.clock.now()
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Profile a slow render',
    kind: 'scheduled',
    proposedTimes: [now + MINUTE, now + 2 * 60 * MINUTE],
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  await cachedInvite(running, request.id)
  const books = pages.map((page) =>
    page.getByRole('article', { name: request.title }).getByRole('button', { name: /^Book/ }).first(),
  )
  for (const book of books) await book.focus()

  platform.clock.advance(2 * MINUTE)
  for (const [index, page] of pages.entries()) {
    const book = books[index]!
    await page.getByText('This time has passed and can no longer be booked').waitFor()
    await focusLandsOn(book)
    expect(await book.getAttribute('aria-disabled')).toBe('true')
    await page.keyboard.press('Enter')
    await focusLandsOn(book)
    // Once the focus moves on, the passed time's Book is disabled and out of the Tab order.
    await page.keyboard.press('Tab')
    await book.and(page.locator(':disabled')).waitFor()
  }
  // Nothing was booked: the invite is still open for its other time.
  const core = running.shell.runtime.core
  expect(core.cache.openInvites(core.platformClock.now()).map((invite) => invite.request.id)).toEqual([
    request.id,
  ])
})
